import { t } from '../../i18n/messages.ts'
import { HubIndicator } from '../../live/hub-indicator.tsx'
import type { HubState } from '../../live/live-connection.ts'
import { NotifyControl, type NotifyPermission } from './board-notify.tsx'

/**
 * The board's header: the hub's state, how many calls are paused too long (against `limit`),
 * desktop notifications, the UCCs watched with the number of calls, and who the board acts as.
 */
export function BoardHeader({
  hubState,
  alertCount,
  limit,
  permission,
  onAskPermission,
  watching,
  callCount,
  supervisorSipUri,
}: {
  hubState: HubState
  alertCount: number
  /** The pause limit, in words. */
  limit: string
  permission: NotifyPermission
  onAskPermission: () => void
  /** The UCCs watched, in words. */
  watching: string
  callCount: number
  /** '' when nobody is known (the alerts then say why). */
  supervisorSipUri: string
}) {
  return (
    <header className="flex flex-wrap items-center gap-x-4 gap-y-1">
      <h1 className="text-lg font-bold">{t('boardTitle')}</h1>
      <HubIndicator state={hubState} />
      <p aria-live="polite" className="text-sm">
        <span
          data-testid="alert-count"
          data-count={alertCount}
          className={
            alertCount > 0
              ? 'rounded-full bg-overdue px-2 py-0.5 font-bold text-overdue-surface'
              : 'font-semibold'
          }
        >
          {alertCount > 0 ? t('boardAlertCount', alertCount) : t('boardNoAlert')}
        </span>
        <span className="ml-2 text-muted">{t('boardLimit', limit)}</span>
      </p>
      <NotifyControl permission={permission} onAsk={onAskPermission} />
      <p className="text-sm text-muted">
        {t('boardWatching')} <span className="font-semibold">{watching}</span> ·{' '}
        {t('boardCalls', callCount)}
      </p>
      {supervisorSipUri && (
        <p
          data-testid="supervisor-identity"
          data-sip-uri={supervisorSipUri}
          className="text-sm text-muted"
        >
          {t('boardActingAs')} <span className="font-mono">{supervisorSipUri}</span>
        </p>
      )}
    </header>
  )
}
