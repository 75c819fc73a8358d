import { ApiError, isApiError } from '../../api/api-error.ts'
import { isUnknownCallError } from '../../api/call-state.ts'
import type { CallState } from '../../api/schemas.ts'
import type { RecordingAction } from '../../../protocol/wire.ts'
import {
  callEnded,
  eventArrived,
  newEntry,
  readAnswered,
  readFailed,
  type CallEntry,
  type Step,
} from '../../recording-state/call-entry.ts'

/**
 * One call as the board shows it: the core's entry (state, confirmed, pause clock, flight, end;
 * changed only through src/recording-state/call-entry.ts) and what the board adds. Immutable: a
 * changed call is a new object, so rows re-render only when theirs changed.
 */
export interface BoardCall extends CallEntry {
  /** `ucc|correlationid`, lowercased. */
  readonly key: string
  /** As the board watches it (the address's spelling); `state.uccName` is the service's. */
  readonly uccName: string
  /** As first seen (event or added id); requests use this spelling. */
  readonly correlationId: string
  /** The last read failed (other than "no such call"): shown as not confirmed, read again later. */
  readonly readError: ApiError | null
  /** For "newest activity first": the last event, action or first sighting (Date.now()). */
  readonly lastActivityAt: number
  /** What the service said when it stopped knowing the call. */
  readonly endedMessage: string | null
}

export function callKey(uccName: string, correlationId: string): string {
  return `${uccName.toLowerCase()}|${correlationId.toLowerCase()}`
}

export function newBoardCall(uccName: string, correlationId: string, now: number): BoardCall {
  return {
    ...newEntry({ uccName, correlationId }),
    key: callKey(uccName, correlationId),
    uccName,
    correlationId,
    readError: null,
    lastActivityAt: now,
    endedMessage: null,
  }
}

export function asApiError(error: unknown): ApiError {
  return isApiError(error)
    ? error
    : new ApiError({
        kind: 'network',
        serverMessage: error instanceof Error ? error.message : undefined,
      })
}

// The core's steps, with the board's own fields carried along: what the store applies, and all it
// decides about a call itself is which step to take.

/** A hub event for the call (`call` may be new). */
export function boardEvent(
  call: BoardCall,
  action: RecordingAction | undefined,
  now: number,
): Step<BoardCall> {
  const { entry, read } = eventArrived(call, action, now)
  return { entry: { ...entry, lastActivityAt: now, endedMessage: null }, read }
}

export type ReadOutcome = { readonly state: CallState } | { readonly error: unknown }

/** A read that began with `token` answered: a state, the end of the call, or a failure. */
export function boardRead(
  call: BoardCall,
  token: number,
  outcome: ReadOutcome,
  now: number,
): Step<BoardCall> {
  if ('state' in outcome) {
    const step = readAnswered(call, token, outcome.state, now)
    return step.read ? step : { entry: { ...step.entry, readError: null }, read: false }
  }
  const { error } = outcome
  if (isUnknownCallError(error)) {
    const step = callEnded(call, token, now)
    const endedMessage = isApiError(error) ? (error.serverMessage ?? null) : null
    return step.read ? step : { entry: { ...step.entry, endedMessage }, read: false }
  }
  return { entry: { ...readFailed(call), readError: asApiError(error) }, read: true }
}

/** The core's step for an action's answer or failure. */
export function boardActionSettled({ entry, read }: Step<BoardCall>, now: number): Step<BoardCall> {
  return {
    entry: { ...entry, lastActivityAt: now, readError: read ? entry.readError : null },
    read,
  }
}
