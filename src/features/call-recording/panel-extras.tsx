import { useEffect, useEffectEvent } from 'react'
import { t } from '../../i18n/messages.ts'
import { actionName } from '../../api/call-state.ts'
import type { AnnouncedChange } from '../../recording-state/call-entry.ts'
import type { ActionGrid as Grid } from './action-grid.tsx'
import type { ActionId, CallView } from './describe-call.ts'

// Stop and Delete ask first: the question comes with this chunk, not with the first paint.
export { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
export { CallRecord } from './call-record.tsx'
export { CallAlerts } from './call-alerts.tsx'
export { HostLink } from '../../embed/host-link.tsx'
export { PauseGuard } from './pause-guard.tsx'

// What the agent panel shows after its first paint: the pause guard (pause-guard.tsx), and the
// question Stop and Delete ask first. A chunk of its own, asked for at the first render.

/** The last change the hub announced, as a row of the state list. */
export function LastChange({ lastEvent }: { lastEvent: AnnouncedChange | null }) {
  if (!lastEvent) return null
  return (
    <div className="contents">
      <dt className="text-muted">{t('rowLastChange')}</dt>
      <dd data-testid="last-event">
        {t('lastChangeAt', actionName(lastEvent.action), t('time', lastEvent.at))}
      </dd>
    </div>
  )
}

/** Ctrl+Shift+2 anywhere on the page: pause or resume (the panel decides which is offered). */
export const TOGGLE_SHORTCUT = 'Ctrl+Shift+2'

/** The actions beyond pause and resume (marking, saving, Stop) and the shortcut's hint: after the
 * first paint, which needs only what tells the agent whether it is safe, and Pause. */
export function MoreActions({
  ActionGrid,
  ...props
}: {
  /** The panel's own (passed in: imported from here, it would split the first paint's chunk). */
  ActionGrid: typeof Grid
  view: CallView
  busyId: ActionId | null
  onClick: (id: ActionId) => void
}) {
  return (
    <>
      <ActionGrid ids={['mark', 'unmark', 'save', 'delete']} {...props} />

      <section aria-labelledby="recorder-controls" className="rule-above">
        <h2 id="recorder-controls" className="mb-2 text-sm font-semibold text-soft">
          {t('recorderHeading')}
        </h2>
        <ActionGrid ids={['stop']} {...props} />
      </section>

      <p className="text-xs text-muted">
        {t('shortcutBefore')}
        <kbd className="rounded border px-1 font-mono">{TOGGLE_SHORTCUT}</kbd>
        {t('shortcutAfter')}
      </p>
    </>
  )
}

export function ToggleShortcut({ onToggle }: { onToggle: () => void }) {
  const toggle = useEffectEvent(onToggle)
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey && event.shiftKey && !event.altKey && event.code === 'Digit2') {
        event.preventDefault()
        toggle()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
  return null
}

/** Closing or leaving the tab while the recorder is paused asks first (the pause may be forgotten). */
export function LeaveWhilePaused({ paused }: { paused: boolean }) {
  useEffect(() => {
    if (!paused) return
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers only ask when a value is returned.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [paused])
  return null
}
