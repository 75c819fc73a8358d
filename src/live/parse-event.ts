import * as v from 'valibot'
import type { RecordingAction } from '../../protocol/wire.ts'
import { canonicalKeys, isRecord, readAction } from '../api/wire-read.ts'

/** A RecordingStateChangedEvent as the panel uses it. `action` is undefined when the event named none it knows. */
export interface RecordingEvent {
  uccName: string
  correlationId: string
  action: RecordingAction | undefined
}

const id = v.pipe(
  v.string(),
  v.transform((value) => value.trim()),
  v.check((value) => value !== ''),
)

const eventSchema = v.looseObject({
  UccName: id,
  CorrelationId: id,
  StateAction: v.pipe(v.optional(v.unknown()), v.transform(readAction)),
})

const KEYS = ['UccName', 'CorrelationId', 'StateAction']

/**
 * Reads the event's arguments in every shape a server may send: one object in PascalCase or
 * camelCase (any casing, as System.Text.Json reads it), or three positional arguments
 * (uccName, correlationId, stateAction); StateAction as a number or a name.
 * Returns undefined when the event cannot be tied to a call.
 */
export function parseRecordingEvent(args: readonly unknown[]): RecordingEvent | undefined {
  const [first, correlationId, stateAction] = args
  let body: unknown
  if (args.length >= 3 && typeof first !== 'object') {
    body = { UccName: first, CorrelationId: correlationId, StateAction: stateAction }
  } else if (isRecord(first)) {
    body = canonicalKeys(first, KEYS)
  } else {
    return undefined
  }
  const result = v.safeParse(eventSchema, body)
  if (!result.success) return undefined
  return {
    uccName: result.output.UccName,
    correlationId: result.output.CorrelationId,
    action: result.output.StateAction,
  }
}
