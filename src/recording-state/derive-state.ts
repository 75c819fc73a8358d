import type { CallState } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'

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
