import { isApiError } from './api-error.ts'
import type { CallState } from './schemas.ts'
import { ErrorType, RecordingAction, nameOf } from './wire.ts'

// What an action means for a call's state, and when the service says a call is gone: shared by
// the agent panel and the supervisor board.

/** The state an event's action announces. It is derived, not read: a GET confirms it. */
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

/** The service says it does not know this call (or its UCC): it has ended, or the address is wrong. */
export function isUnknownCallError(error: unknown): boolean {
  if (!isApiError(error)) return false
  if (error.kind === 'server')
    return error.errorType === ErrorType.Validation || error.status === 404
  return false
}

export function actionName(action: RecordingAction | undefined): string {
  return nameOf(RecordingAction, action) ?? 'unknown action'
}
