import { ApiError, isApiError } from '../../api/api-error.ts'
import { newEntry, type CallEntry } from '../../recording-state/call-entry.ts'

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
