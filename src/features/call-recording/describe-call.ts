import type {
  Capabilities,
  MarkingStateName,
  RecordingStateName,
  SavingStateName,
} from '../../api/schemas.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import type { HubState } from '../../live/live-connection.ts'
import { isUnknownCallError } from '../../api/call-state.ts'
import { t, type TextKey } from '../../i18n/messages.ts'
import type { CallEntry, ChangeSource } from '../../recording-state/call-entry.ts'
import { RECORDING_ACTION } from '../../recording-state/derive-state.ts'

export const ACTION_IDS = [
  'pause',
  'resume',
  'mark',
  'unmark',
  'save',
  'delete',
  'start',
  'stop',
] as const
export type ActionId = (typeof ACTION_IDS)[number]

/** What each button sends, and the question it asks first (its words: t('actionLabel', id)). */
export const ACTIONS: Record<
  ActionId,
  { action: RecordingAction; confirm?: { title: TextKey; body: TextKey; label: TextKey } }
> = {
  start: { action: RecordingAction.Start },
  resume: { action: RecordingAction.Start },
  pause: { action: RecordingAction.Pause },
  stop: {
    action: RecordingAction.Stop,
    confirm: { title: 'stopTitle', body: 'stopBody', label: 'stopConfirm' },
  },
  save: { action: RecordingAction.Save },
  delete: {
    action: RecordingAction.Delete,
    confirm: { title: 'deleteTitle', body: 'deleteBody', label: 'deleteConfirm' },
  },
  mark: { action: RecordingAction.Mark },
  unmark: { action: RecordingAction.UnMark },
}

export type IndicatorKind =
  'recording' | 'paused' | 'stopped' | 'not-started' | 'unverified' | 'call-unknown' | 'call-ended'

export interface CallView {
  recording: RecordingStateName
  marking: MarkingStateName
  saving: SavingStateName
  /** Not confirmed by a fresh read: the hub is not connected, an event awaits its GET, the last read failed, or an action is in flight. */
  stale: boolean
  /** The service does not know a call this panel never saw (a wrong address). */
  callUnknown: boolean
  /** When the service stopped knowing a call this panel knew: it has ended. */
  endedAt: number | null
  /** The call ended while its recorder was paused (the core's `endedWhilePaused`). */
  endedWhilePaused: boolean
  /** Who made the recorder's last change, when the panel knows (shown, and announced). */
  recordingBy: ChangeSource | null
  indicator: IndicatorKind
  pausedSince: number | null
  /** False when the pause was found already running: `pausedSince` is then a lower bound. */
  pausedSinceExact: boolean
  allowed: Record<ActionId, boolean>
  /** Why every action is off, when one reason covers them all. */
  blockedReason: string | null
}

export interface DescribeCallInput {
  entry: CallEntry | undefined
  stateError: unknown
  hubState: HubState
  capabilities: Capabilities | undefined
  capabilitiesSettled: boolean
  actionInFlight: boolean
}

export function describeCall(input: DescribeCallInput): CallView {
  const endedAt = input.entry?.endedAt ?? null
  const callUnknown = endedAt === null && isUnknownCallError(input.stateError)
  const state = callUnknown ? undefined : input.entry?.state
  const recording = state?.recording ?? 'Unknown'
  // While an action is in flight the service may already have applied it: nothing is confirmed.
  const stale =
    !state ||
    !input.entry?.confirmed ||
    input.hubState !== 'Connected' ||
    Boolean(input.stateError) ||
    input.actionInFlight
  // A call that ended says so once, in the indicator: no reason line beside it.
  const blockedReason =
    endedAt === null ? reasonActionsBlocked(input, callUnknown, recording) : null
  const can = endedAt === null && blockedReason === null
  const change = input.entry?.recordingChange
  const shown = RECORDING_ACTION[recording]
  const recordingBy = change && shown && change.actions.includes(shown) ? change.source : null
  return {
    recording,
    marking: state?.marking ?? 'Unknown',
    saving: state?.saving ?? 'Unknown',
    stale,
    callUnknown,
    endedAt,
    endedWhilePaused: endedAt !== null && (input.entry?.endedWhilePaused ?? false),
    recordingBy,
    indicator: endedAt !== null ? 'call-ended' : indicatorFor(recording, stale, callUnknown),
    pausedSince:
      recording === 'Paused' && endedAt === null ? (input.entry?.pausedSince ?? null) : null,
    pausedSinceExact: input.entry?.pausedSinceExact ?? false,
    allowed: {
      start: can && (recording === 'Uninitialized' || recording === 'Stopped'),
      resume: can && recording === 'Paused',
      pause: can && recording === 'Started',
      stop: can && (recording === 'Started' || recording === 'Paused'),
      save: can && state?.saving !== 'Save' && state?.saving !== 'Unknown',
      delete: can && state?.saving !== 'Delete' && state?.saving !== 'Unknown',
      mark: can && state?.marking !== 'Mark' && state?.marking !== 'Unknown',
      unmark: can && state?.marking === 'Mark',
    },
    blockedReason,
  }
}

function reasonActionsBlocked(
  input: DescribeCallInput,
  callUnknown: boolean,
  recording: RecordingStateName,
): string | null {
  if (callUnknown) return t('blockedUnknownCall')
  if (input.capabilities?.agentCanEditRecordings === false) return t('blockedNoEdit')
  if (!input.capabilitiesSettled) return t('blockedChecking')
  if (!input.entry) return t('blockedWaiting')
  if (recording === 'Unknown') return t('blockedUnknownState')
  if (input.actionInFlight) return t('blockedInFlight')
  return null
}

function indicatorFor(
  recording: RecordingStateName,
  stale: boolean,
  callUnknown: boolean,
): IndicatorKind {
  if (callUnknown) return 'call-unknown'
  if (stale) return 'unverified'
  switch (recording) {
    case 'Started':
      return 'recording'
    case 'Paused':
      return 'paused'
    case 'Stopped':
      return 'stopped'
    case 'Uninitialized':
      return 'not-started'
    default:
      return 'unverified'
  }
}
