import { useState } from 'react'
import { t } from '../../i18n/messages.ts'
import { shortId } from './board-rows.ts'
import type { BoardCall } from './board-call.ts'

// Desktop notifications of calls paused too long: offered, asked for only when the supervisor
// presses the button (browsers allow the question only then), shown once per pause.

export type NotifyPermission = NotificationPermission | 'unsupported'

function currentPermission(): NotifyPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission
}

/** The browser's permission for notifications, and a way to ask for it. */
export function useNotifyPermission(): [NotifyPermission, () => void] {
  const [permission, setPermission] = useState(currentPermission)
  const ask = () => {
    if (typeof Notification === 'undefined') return
    void Notification.requestPermission().then(
      (answer) => setPermission(answer),
      () => setPermission(currentPermission()),
    )
  }
  return [permission, ask]
}

/** Offers desktop notifications, or says how they stand. */
export function NotifyControl({
  permission,
  onAsk,
}: {
  permission: NotifyPermission
  onAsk: () => void
}) {
  if (permission === 'unsupported') return null
  if (permission === 'default')
    return (
      <button
        type="button"
        data-testid="notify-enable"
        onClick={onAsk}
        className="min-h-8 rounded-md border border-slate-400 px-2 text-sm font-semibold hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600 dark:border-slate-500 dark:hover:bg-slate-800"
      >
        {t('boardNotifyEnable')}
      </button>
    )
  return (
    <p data-testid="notify-state" data-permission={permission} className="text-xs text-muted">
      {permission === 'granted' ? t('boardNotifyOn') : t('boardNotifyBlocked')}
    </p>
  )
}

/** One notification for a call that has just become paused too long. Never throws. */
export function notifyPausedTooLong(call: BoardCall, limit: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return
  try {
    const notification = new Notification(
      t('boardNotifyTitle', shortId(call.correlationId), call.uccName),
      { body: t('boardNotifyBody', limit), tag: `recording-board:${call.key}` },
    )
    notification.onclick = () => {
      window.focus()
      notification.close()
    }
  } catch {
    // Some browsers show notifications only through a service worker: the title still says it.
  }
}
