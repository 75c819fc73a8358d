import { MarkingState, RecordingAction, RecordingState, SavingState } from '../protocol/wire.ts'
import { invalidTransition } from './errors.ts'
import type { SimError } from './errors.ts'
import { nameOf } from './read-wire.ts'

export interface RecorderState {
  recordingState: number
  markingState: number
  savingState: number
}

export type TransitionResult = { ok: true; state: RecorderState } | { ok: false; error: SimError }

/** Recorder actions (Start, Stop, Pause) refuse anything that would not change the recorder; Save, Delete,
 *  Mark and UnMark set a decision flag and always succeed, repeated or not, whatever the recorder is doing. */
const allowedFrom: Partial<Record<RecordingAction, (state: number) => boolean>> = {
  [RecordingAction.Start]: (state) => state !== RecordingState.Started,
  [RecordingAction.Stop]: (state) =>
    state === RecordingState.Started || state === RecordingState.Paused,
  [RecordingAction.Pause]: (state) => state === RecordingState.Started,
}

const effectOf: Record<RecordingAction, Partial<RecorderState>> = {
  [RecordingAction.Start]: { recordingState: RecordingState.Started },
  [RecordingAction.Stop]: { recordingState: RecordingState.Stopped },
  [RecordingAction.Pause]: { recordingState: RecordingState.Paused },
  [RecordingAction.Save]: { savingState: SavingState.Save },
  [RecordingAction.Delete]: { savingState: SavingState.Delete },
  [RecordingAction.Mark]: { markingState: MarkingState.Mark },
  [RecordingAction.UnMark]: { markingState: MarkingState.Unmark },
}

export function transition(
  state: RecorderState,
  action: RecordingAction,
  correlationId: string,
): TransitionResult {
  const allowed = allowedFrom[action]
  if (allowed && !allowed(state.recordingState)) {
    const name = nameOf(RecordingAction, action) ?? 'Start'
    return { ok: false, error: invalidTransition(name, correlationId, state.recordingState) }
  }
  return { ok: true, state: { ...state, ...effectOf[action] } }
}
