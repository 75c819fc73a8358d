import { ApiError, isApiError } from '../../api/api-error.ts'
import { isUnknownCallError } from '../../api/call-state.ts'
import type { CallState } from '../../api/schemas.ts'
import {
  MarkingState,
  RecordingAction,
  RecordingState,
  SavingState,
} from '../../../protocol/wire.ts'
import type { BoardCallRecord } from '../../ledger/board-memory.ts'
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
  /** When the board first learned of the call (this board, or one before it in this browser). */
  readonly learntAt: number
  /**
   * Brought back from what this browser remembered, and not heard of or read since: its state is
   * the last one known (never confirmed), its pause counted from when it was last seen to begin.
   */
  readonly remembered: boolean
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
    learntAt: now,
    remembered: false,
  }
}

const RECORDING_NAMES = new Set<string>(Object.keys(RecordingState))
const MARKING_NAMES = new Set<string>(Object.keys(MarkingState))
const SAVING_NAMES = new Set<string>(Object.keys(SavingState))
const ACTIONS = new Set<number>(Object.values(RecordingAction))

/**
 * A call as this browser remembered it, watched as `uccName`: its last known state, never
 * confirmed (the core's `confirmed` is false until a read), to be read again unless it had ended.
 * A value this version does not know is Unknown.
 */
export function rememberedCall(record: BoardCallRecord, uccName: string): BoardCall {
  const fresh = newBoardCall(uccName, record.correlationId, record.learntAt)
  const known = <T extends string>(names: Set<string>, value: string) =>
    (names.has(value) ? value : 'Unknown') as T
  const state: CallState = {
    ...fresh.state,
    recording: known(RECORDING_NAMES, record.recording),
    marking: known(MARKING_NAMES, record.marking),
    saving: known(SAVING_NAMES, record.saving),
  }
  const paused = state.recording === 'Paused' && record.pausedSince !== null
  const action = record.lastEvent?.action
  return {
    ...fresh,
    state,
    confirmed: false,
    pausedSince: paused ? record.pausedSince : null,
    pausedSinceExact: paused && record.pausedSinceExact,
    lastEvent: record.lastEvent && {
      action: action != null && ACTIONS.has(action) ? (action as RecordingAction) : undefined,
      at: record.lastEvent.at,
    },
    lastActivityAt: record.lastActivityAt,
    endedAt: record.endedAt,
    endedMessage: record.endedMessage,
    remembered: true,
  }
}

/** What this browser keeps of a call: its last known state, never whether it was confirmed. */
export function callRecord(call: BoardCall): BoardCallRecord {
  return {
    key: call.key,
    uccName: call.uccName,
    correlationId: call.correlationId,
    recording: call.state.recording,
    marking: call.state.marking,
    saving: call.state.saving,
    pausedSince: call.pausedSince,
    pausedSinceExact: call.pausedSinceExact,
    lastEvent: call.lastEvent && { action: call.lastEvent.action ?? null, at: call.lastEvent.at },
    lastActivityAt: call.lastActivityAt,
    learntAt: call.learntAt,
    endedAt: call.endedAt,
    endedMessage: call.endedMessage,
  }
}

/** Whether `next` differs from `previous` in anything this browser keeps of it. */
export function recordChanged(previous: BoardCall | undefined, next: BoardCall): boolean {
  return (
    !previous ||
    previous.state !== next.state ||
    previous.pausedSince !== next.pausedSince ||
    previous.pausedSinceExact !== next.pausedSinceExact ||
    previous.lastEvent !== next.lastEvent ||
    previous.lastActivityAt !== next.lastActivityAt ||
    previous.endedAt !== next.endedAt ||
    previous.endedMessage !== next.endedMessage
  )
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
  return { entry: { ...entry, lastActivityAt: now, endedMessage: null, remembered: false }, read }
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
    return step.read
      ? step
      : { entry: { ...step.entry, readError: null, remembered: false }, read: false }
  }
  const { error } = outcome
  if (isUnknownCallError(error)) {
    const step = callEnded(call, token, now)
    const endedMessage = isApiError(error) ? (error.serverMessage ?? null) : null
    return step.read
      ? step
      : { entry: { ...step.entry, endedMessage, remembered: false }, read: false }
  }
  return { entry: { ...readFailed(call), readError: asApiError(error) }, read: true }
}

/** The core's step for an action's answer or failure. */
export function boardActionSettled({ entry, read }: Step<BoardCall>, now: number): Step<BoardCall> {
  return {
    entry: {
      ...entry,
      lastActivityAt: now,
      readError: read ? entry.readError : null,
      remembered: false,
    },
    read,
  }
}
