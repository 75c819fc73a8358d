import { parseAction, type RecordingAction } from '../api/wire.ts'

/** A RecordingStateChangedEvent as the panel uses it. `action` is undefined when the event named none it knows. */
export interface RecordingEvent {
  uccName: string
  correlationId: string
  action: RecordingAction | undefined
}

/**
 * Reads the event's arguments in every shape a server may send: one object in PascalCase or
 * camelCase (any casing, as System.Text.Json reads it), or three positional arguments
 * (uccName, correlationId, stateAction); StateAction as a number or a name.
 * Returns undefined when the event cannot be tied to a call.
 */
export function parseRecordingEvent(args: readonly unknown[]): RecordingEvent | undefined {
  let uccName: unknown
  let correlationId: unknown
  let stateAction: unknown
  const [first] = args
  if (args.length >= 3 && typeof first !== 'object') {
    ;[uccName, correlationId, stateAction] = args
  } else if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    for (const [key, value] of Object.entries(first)) {
      const lower = key.toLowerCase()
      if (lower === 'uccname') uccName = value
      else if (lower === 'correlationid') correlationId = value
      else if (lower === 'stateaction') stateAction = value
    }
  } else {
    return undefined
  }
  if (typeof uccName !== 'string' || uccName.trim() === '') return undefined
  if (typeof correlationId !== 'string' || correlationId.trim() === '') return undefined
  return {
    uccName: uccName.trim(),
    correlationId: correlationId.trim(),
    action: parseAction(stateAction),
  }
}
