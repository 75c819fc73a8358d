// The attendant service's recording API on the wire: enumerations, shapes and names.
// Shared by the panel (src/) and the simulator (simulator/); nothing else lives here.

export const RecordingState = { Uninitialized: 0, Started: 1, Stopped: 2, Paused: 3 } as const
export type RecordingState = (typeof RecordingState)[keyof typeof RecordingState]

export const MarkingState = { None: 0, Mark: 1, Unmark: 2 } as const
export type MarkingState = (typeof MarkingState)[keyof typeof MarkingState]

export const SavingState = { None: 0, Save: 1, Delete: 2 } as const
export type SavingState = (typeof SavingState)[keyof typeof SavingState]

/** Actions for POST /set, and the StateAction of RecordingStateChangedEvent. There is no Resume: resuming is Start. */
export const RecordingAction = {
  Start: 1,
  Stop: 2,
  Pause: 3,
  Save: 4,
  Delete: 5,
  Mark: 6,
  UnMark: 7,
} as const
export type RecordingAction = (typeof RecordingAction)[keyof typeof RecordingAction]
export type RecordingActionName = keyof typeof RecordingAction

export const ErrorType = { Configuration: 1, Validation: 2, Processing: 3 } as const
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType]

export const RECORDING_STATE_CHANGED_EVENT = 'RecordingStateChangedEvent'

export const DEFAULT_HUB_PATH = '/attendantservice/hubs/recording'

export interface ErrorMessage {
  ErrorType: number
  Message: string
}

export interface RecordingStateResponse {
  CorrelationId: string
  RecordingState: number
  MarkingState: number
  SavingState: number
  ErrorMessage: ErrorMessage | null
  UCCName: string
}

export interface CapabilitiesResponse {
  AgentCanEditRecordings: boolean
  ErrorMessage: ErrorMessage | null
  UCCName: string
}

export interface SetRecordingRequest {
  Action: RecordingAction | RecordingActionName
  RequesterSipUri: string
  CorrelationId: string
  UCCName: string
}

/** The name of an enumeration value, or undefined for a value outside it. */
export function nameOf<T extends Record<string, number>>(
  enumeration: T,
  value: unknown,
): (keyof T & string) | undefined {
  for (const [name, v] of Object.entries(enumeration)) if (v === value) return name
  return undefined
}

/** An action from its number or its name (any casing), or undefined. */
export function parseAction(value: unknown): RecordingAction | undefined {
  if (typeof value === 'number') {
    return nameOf(RecordingAction, value) ? (value as RecordingAction) : undefined
  }
  if (typeof value === 'string') {
    const trimmed = value.trim()
    if (/^\d+$/.test(trimmed)) return parseAction(Number(trimmed))
    const lower = trimmed.toLowerCase()
    for (const [name, v] of Object.entries(RecordingAction))
      if (name.toLowerCase() === lower) return v
  }
  return undefined
}
