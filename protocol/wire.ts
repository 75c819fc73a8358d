// The attendant service's recording API on the wire: enumerations, names, paths and body shapes.
// Shared by the panel (src/), the simulator (simulator/) and the benchmarks (bench/). Values and
// types only: each side reads what arrives with its own code, so a parsing bug cannot hide in both.

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

/** The hub method the service calls on every change of a call's recorder. */
export const RECORDING_STATE_CHANGED_EVENT = 'RecordingStateChangedEvent'

/** Where the SignalR hub lives when nothing else is configured. */
export const DEFAULT_HUB_PATH = '/attendantservice/hubs/recording'

/** The two versions of the REST API; they differ only in their root path. */
export const API_VERSIONS = ['v1', 'v2'] as const
export type ApiVersion = (typeof API_VERSIONS)[number]

/** The REST API's root path: `/attendantservice/api/recording` (v1) or `/attendantservice/api/v2/recording` (v2).
 *  Under it: `GET {root}/{uccName}/{correlationId}`, `GET {root}/capabilities/{uccName}`, `POST {root}/set`. */
export function recordingApiRoot(version: ApiVersion): string {
  return version === 'v2' ? '/attendantservice/api/v2/recording' : '/attendantservice/api/recording'
}

/** The fixed path segments under the REST API's root. */
export const RecordingApiSegment = { Set: 'set', Capabilities: 'capabilities' } as const
export type RecordingApiSegment = (typeof RecordingApiSegment)[keyof typeof RecordingApiSegment]

export interface ErrorMessage {
  ErrorType: number
  Message: string
}

/** The answer of GET {root}/{uccName}/{correlationId} and of POST {root}/set. */
export interface RecordingStateResponse {
  CorrelationId: string
  RecordingState: number
  MarkingState: number
  SavingState: number
  ErrorMessage: ErrorMessage | null
  UCCName: string
}

/** The answer of GET {root}/capabilities/{uccName}. */
export interface CapabilitiesResponse {
  AgentCanEditRecordings: boolean
  ErrorMessage: ErrorMessage | null
  UCCName: string
}

/** The body of POST {root}/set. */
export interface SetRecordingRequest {
  Action: RecordingAction | RecordingActionName
  RequesterSipUri: string
  CorrelationId: string
  UCCName: string
}
