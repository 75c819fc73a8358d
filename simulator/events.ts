import type { RecordingAction } from '../protocol/wire.ts'
import { EventCasing } from './settings.ts'

export interface RecordingChange {
  uccName: string
  correlationId: string
  stateAction: RecordingAction
}

/** The single object argument of RecordingStateChangedEvent, in the chosen casing. */
export function recordingEventArgument(
  change: RecordingChange,
  casing: EventCasing,
): Record<string, unknown> {
  if (casing === EventCasing.Camel) {
    return {
      uccName: change.uccName,
      correlationId: change.correlationId,
      stateAction: change.stateAction,
    }
  }
  return {
    UccName: change.uccName,
    CorrelationId: change.correlationId,
    StateAction: change.stateAction,
  }
}
