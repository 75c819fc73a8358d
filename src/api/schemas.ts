import * as v from 'valibot'
import { ErrorType, MarkingState, RecordingState, SavingState } from '../../protocol/wire.ts'
import { canonicalKeys, isRecord, readEnum } from './wire-read.ts'

// Parsing at the boundary: what the recording service sends is checked once, here, and turned
// into the panel's own types. Values outside an enumeration become 'Unknown', never a guess.

export type RecordingStateName = keyof typeof RecordingState | 'Unknown'
export type MarkingStateName = keyof typeof MarkingState | 'Unknown'
export type SavingStateName = keyof typeof SavingState | 'Unknown'

export interface CallState {
  uccName: string
  correlationId: string
  recording: RecordingStateName
  marking: MarkingStateName
  saving: SavingStateName
}

export interface Capabilities {
  uccName: string
  agentCanEditRecordings: boolean
}

export interface ServerErrorMessage {
  errorType: number
  message: string
}

const errorMessageSchema = v.nullish(
  v.pipe(
    v.looseObject({}),
    // The inner keys may be camelCase too ({"errorType": 2, "message": "..."}), and the type a name.
    v.transform((object): ServerErrorMessage => {
      const raw = canonicalKeys(object, ['ErrorType', 'Message']) as {
        ErrorType?: unknown
        Message?: unknown
      }
      return {
        errorType: errorTypeOf(raw.ErrorType),
        message: typeof raw.Message === 'string' ? raw.Message : String(raw.Message ?? ''),
      }
    }),
  ),
)

function errorTypeOf(value: unknown): number {
  if (typeof value === 'number') return value
  const name = readEnum(ErrorType, value)
  return name === undefined ? Number(value) : ErrorType[name]
}

// A number or a name; anything else is a shape this panel does not know (checked, not a union of
// schemas: one action less in the first paint).
const enumValue = v.nullish(
  v.pipe(
    v.unknown(),
    v.check((value) => typeof value === 'number' || typeof value === 'string'),
    v.transform((value) => value as number | string),
  ),
)

const stateSchema = v.looseObject({
  CorrelationId: v.nullish(v.string()),
  UCCName: v.nullish(v.string()),
  RecordingState: enumValue,
  MarkingState: enumValue,
  SavingState: enumValue,
  ErrorMessage: errorMessageSchema,
})

const capabilitiesSchema = v.looseObject({
  AgentCanEditRecordings: v.nullish(v.boolean()),
  UCCName: v.nullish(v.string()),
  ErrorMessage: errorMessageSchema,
})

export interface Parsed<T> {
  value: T
  error: ServerErrorMessage | null
}

/** Parses a state answer; undefined when the body is not of that shape. */
export function parseStateResponse(
  body: unknown,
  requested: { uccName: string; correlationId: string },
): Parsed<CallState> | undefined {
  const result = v.safeParse(stateSchema, canonicalKeys(body, STATE_KEYS))
  if (!result.success) return undefined
  const raw = result.output
  const hasState = raw.RecordingState !== undefined && raw.RecordingState !== null
  if (!hasState && !raw.ErrorMessage) return undefined
  return {
    value: {
      uccName: raw.UCCName || requested.uccName,
      correlationId: raw.CorrelationId || requested.correlationId,
      recording: enumName(RecordingState, raw.RecordingState),
      marking: enumName(MarkingState, raw.MarkingState),
      saving: enumName(SavingState, raw.SavingState),
    },
    error: raw.ErrorMessage ?? null,
  }
}

export function parseCapabilitiesResponse(
  body: unknown,
  uccName: string,
): Parsed<Capabilities> | undefined {
  const result = v.safeParse(capabilitiesSchema, canonicalKeys(body, CAPABILITIES_KEYS))
  if (!result.success) return undefined
  const raw = result.output
  if (typeof raw.AgentCanEditRecordings !== 'boolean' && !raw.ErrorMessage) return undefined
  return {
    value: {
      uccName: raw.UCCName || uccName,
      agentCanEditRecordings: raw.AgentCanEditRecordings === true,
    },
    error: raw.ErrorMessage ?? null,
  }
}

/** Reads an ErrorMessage from any JSON body (used for non-2xx answers). */
export function parseErrorMessage(body: unknown): ServerErrorMessage | undefined {
  const keyed = canonicalKeys(body, ['ErrorMessage'])
  if (!isRecord(keyed)) return undefined
  const result = v.safeParse(
    errorMessageSchema,
    canonicalKeys(keyed.ErrorMessage, ['ErrorType', 'Message']),
  )
  return result.success && result.output ? result.output : undefined
}

/** The name of an enumeration value, or 'Unknown' for anything outside it (never a guess). */
export function enumName<T extends Record<string, number>>(
  enumeration: T,
  value: unknown,
): (keyof T & string) | 'Unknown' {
  return readEnum(enumeration, value) ?? 'Unknown'
}

const STATE_KEYS = [
  'CorrelationId',
  'UCCName',
  'RecordingState',
  'MarkingState',
  'SavingState',
  'ErrorMessage',
]
const CAPABILITIES_KEYS = ['AgentCanEditRecordings', 'UCCName', 'ErrorMessage']
