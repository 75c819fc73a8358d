import type { CallState } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'

// What an action does to a call's state, and which actions take one state to another.

/** The state an event's action announces. It is derived, not read: a read confirms it. */
export function deriveState(state: CallState, action: RecordingAction | undefined): CallState {
  switch (action) {
    case RecordingAction.Start:
      return { ...state, recording: 'Started' }
    case RecordingAction.Stop:
      return { ...state, recording: 'Stopped' }
    case RecordingAction.Pause:
      return { ...state, recording: 'Paused' }
    case RecordingAction.Save:
      return { ...state, saving: 'Save' }
    case RecordingAction.Delete:
      return { ...state, saving: 'Delete' }
    case RecordingAction.Mark:
      return { ...state, marking: 'Mark' }
    case RecordingAction.UnMark:
      return { ...state, marking: 'Unmark' }
    default:
      return state
  }
}

/** Whether the state shows what `action` does (used to say when a "success" had no effect). */
export function showsEffectOf(state: CallState, action: RecordingAction): boolean {
  const expected = deriveState(state, action)
  return (
    expected.recording === state.recording &&
    expected.marking === state.marking &&
    expected.saving === state.saving
  )
}

/** The actions that take `before` to `after` (none: no change). Unknown values are no change. */
export function actionsBetween(before: CallState, after: CallState): RecordingAction[] {
  const actions: RecordingAction[] = []
  const changed = <T extends string>(a: T, b: T) => a !== b && b !== 'Unknown'
  if (changed(before.recording, after.recording)) {
    const action = RECORDING_ACTION[after.recording]
    if (action !== undefined) actions.push(action)
  }
  if (changed(before.marking, after.marking)) {
    const action = MARKING_ACTION[after.marking]
    if (action !== undefined) actions.push(action)
  }
  if (changed(before.saving, after.saving)) {
    const action = SAVING_ACTION[after.saving]
    if (action !== undefined) actions.push(action)
  }
  return actions
}

/** The action that puts the recorder in a state (Started: Start, ...). */
export const RECORDING_ACTION: Partial<Record<string, RecordingAction>> = {
  Started: RecordingAction.Start,
  Stopped: RecordingAction.Stop,
  Paused: RecordingAction.Pause,
}
const MARKING_ACTION: Partial<Record<string, RecordingAction>> = {
  Mark: RecordingAction.Mark,
  Unmark: RecordingAction.UnMark,
}
const SAVING_ACTION: Partial<Record<string, RecordingAction>> = {
  Save: RecordingAction.Save,
  Delete: RecordingAction.Delete,
}
