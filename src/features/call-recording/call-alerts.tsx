import { isApiError } from '../../api/api-error.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { t } from '../../i18n/messages.ts'
import type { CallEntry, Change } from '../../recording-state/call-entry.ts'
import { showsEffectOf } from '../../recording-state/derive-state.ts'
import type { RecordingAction } from '../../../protocol/wire.ts'
import type { CallView } from './describe-call.ts'
import { recorderWords } from './state-words.ts'

// What went wrong, said once and only while it still holds: an alert goes when what it reported
// is superseded (a later change, the end of the call, a successful read or check).

export interface CallAlertsProps {
  view: CallView
  entry: CallEntry | undefined
  /** The agent's last action (what it sends, its name), and the call's last change when it was sent. */
  action: SentAction | null
  actionError: Error | null
  stateError: Error | null
  capabilitiesError: Error | null
  onDismissAction: () => void
}

export interface SentAction {
  action: RecordingAction
  label: string
  baseline: Change | null
}

export function CallAlerts(props: CallAlertsProps) {
  const { view, entry, action } = props
  // A call that ended says so once, calmly, in the indicator: nothing else is said beside it.
  if (view.endedAt !== null) return <Announcer view={view} />
  const failed =
    action && props.actionError ? actionOutcome(entry, action, props.actionError) : 'superseded'
  const label = action?.label ?? t('theAction')
  return (
    <>
      <Announcer view={view} />
      {view.callUnknown && props.stateError && (
        <Alert
          tone="error"
          title={t('alertCallUnknown')}
          explanation={t('alertCallUnknownWhy')}
          serverMessage={serverText(props.stateError)}
        />
      )}
      {failed === 'not-done' && props.actionError && (
        <Alert
          tone="error"
          title={t('alertActionFailed', label)}
          explanation={t('alertActionFailedWhy', props.actionError.message)}
          serverMessage={serverText(props.actionError)}
        >
          <DismissButton onClick={props.onDismissAction} />
        </Alert>
      )}
      {failed === 'done-anyway' && props.actionError && entry && (
        <Alert
          tone="warning"
          role="status"
          title={t('alertErrorButDone', label, recorderWords(view))}
          explanation={t('alertErrorButDoneWhy')}
          serverMessage={serverText(props.actionError)}
        >
          <DismissButton onClick={props.onDismissAction} />
        </Alert>
      )}
      {!view.callUnknown && props.stateError && (
        <Alert
          tone="error"
          title={t('alertReadFailed')}
          explanation={`${props.stateError.message}${entry ? t('alertReadFailedKept') : ''}`}
          serverMessage={serverText(props.stateError)}
        />
      )}
      {props.capabilitiesError && (
        <Alert
          tone="error"
          title={t('alertCapsFailed')}
          explanation={t('alertCapsFailedWhy', props.capabilitiesError.message)}
          serverMessage={serverText(props.capabilitiesError)}
        />
      )}
    </>
  )
}

/**
 * What became of an action the service refused or failed to answer. Superseded: a later change
 * that is not the same action and not what the read after the failure found. Done anyway: a fresh
 * read confirms its effect, credited to this panel, after an answer that left the outcome open (a
 * 5xx, a timeout): the service reported an error, the recorder did it. Otherwise not done: the
 * alert holds. A refusal in the service's own words (its ErrorMessage) stays a refusal even when
 * the state then shows what was asked: another party did it at the same moment (its event looks
 * like our action's echo, so only the answer tells them apart).
 */
export function actionOutcome(
  entry: CallEntry | undefined,
  action: SentAction,
  error: Error,
): 'not-done' | 'done-anyway' | 'superseded' {
  const sent = action.action
  const change = entry?.lastChange ?? null
  if (change === null || change === action.baseline) return 'not-done'
  if (change.source !== 'read' && !change.actions.includes(sent)) return 'superseded'
  const refused = isApiError(error) && error.kind === 'server'
  const ours = change.source === 'agent' && change.actions.includes(sent)
  const done = ours && !refused && entry?.confirmed && showsEffectOf(entry.state, sent)
  return done ? 'done-anyway' : 'not-done'
}

function DismissButton({ onClick }: { onClick: () => void }) {
  return (
    <button type="button" className="mt-2 text-sm underline" onClick={onClick}>
      {t('dismiss')}
    </button>
  )
}

/** Announces the recorder's state to screen readers when it changes (politely), with who did it. */
function Announcer({ view }: { view: CallView }) {
  const text = view.callUnknown
    ? t('sayCallUnknown')
    : view.endedAt !== null
      ? t('indicatorTitle', 'call-ended')
      : view.stale
        ? t('sayNotConfirmed')
        : t('sayConfirmed', recorderWords(view))
  return (
    <p role="status" aria-live="polite" className="sr-only">
      {text}
    </p>
  )
}

function serverText(error: Error): string | undefined {
  return isApiError(error) ? error.serverMessage : undefined
}
