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
import type { CallEntry } from '../../recording-state/call-entry.ts'

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

export const ACTIONS: Record<
  ActionId,
  {
    action: RecordingAction
    label: TextKey
    busyLabel: TextKey
    confirm?: { title: TextKey; body: TextKey; label: TextKey }
  }
> = {
  start: { action: RecordingAction.Start, label: 'actStart', busyLabel: 'actStarting' },
  resume: { action: RecordingAction.Start, label: 'actResume', busyLabel: 'actResuming' },
  pause: { action: RecordingAction.Pause, label: 'actPause', busyLabel: 'actPausing' },
  stop: {
    action: RecordingAction.Stop,
    label: 'actStop',
    busyLabel: 'actStopping',
    confirm: { title: 'stopTitle', body: 'stopBody', label: 'stopConfirm' },
  },
  save: { action: RecordingAction.Save, label: 'actSave', busyLabel: 'actSaving' },
  delete: {
    action: RecordingAction.Delete,
    label: 'actDelete',
    busyLabel: 'actDeleting',
    confirm: { title: 'deleteTitle', body: 'deleteBody', label: 'deleteConfirm' },
  },
  mark: { action: RecordingAction.Mark, label: 'actMark', busyLabel: 'actMarking' },
  unmark: { action: RecordingAction.UnMark, label: 'actUnmark', busyLabel: 'actUnmarking' },
}

export type IndicatorKind =
  'recording' | 'paused' | 'stopped' | 'not-started' | 'unverified' | 'call-unknown'

export interface CallView {
  recording: RecordingStateName
  marking: MarkingStateName
  saving: SavingStateName
  /** Not confirmed by a fresh read: the hub is not connected, an event awaits its GET, the last read failed, or an action is in flight. */
  stale: boolean
  callUnknown: boolean
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
  const callUnknown = isUnknownCallError(input.stateError)
  const state = callUnknown ? undefined : input.entry?.state
  const recording = state?.recording ?? 'Unknown'
  // While an action is in flight the service may already have applied it: nothing is confirmed.
  const stale =
    !state ||
    !input.entry?.confirmed ||
    input.hubState !== 'Connected' ||
    Boolean(input.stateError) ||
    input.actionInFlight
  const blockedReason = reasonActionsBlocked(input, callUnknown, recording)
  const can = blockedReason === null
  return {
    recording,
    marking: state?.marking ?? 'Unknown',
    saving: state?.saving ?? 'Unknown',
    stale,
    callUnknown,
    indicator: indicatorFor(recording, stale, callUnknown),
    pausedSince: recording === 'Paused' ? (input.entry?.pausedSince ?? null) : null,
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
