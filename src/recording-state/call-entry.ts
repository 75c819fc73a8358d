import type { CallState } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { deriveState } from './derive-state.ts'
import { changeOf, noted, unconfirmed, withState } from './entry-change.ts'

// What the panel may call *confirmed*, for one call, in one place (docs/decisions/0004). Pure: no
// React, no fetch, no clock of its own. The agent view keeps these entries in its query cache, the
// board in its store; both change them only through the functions below and those of
// action-flight.ts (an action of ours on its way: when its answer is trusted).

/** What the panel knows of one call's recorder. Immutable: every change is a new object. */
export interface CallEntry {
  readonly state: CallState
  /** True only after a fresh read (or a trusted action answer) that nothing newer has overtaken. */
  readonly confirmed: boolean
  /** Bumped by every write that is not a read: a read that overlapped one is not trusted. */
  readonly version: number
  /** When the panel first saw this pause (the service does not say); null when not paused. */
  readonly pausedSince: number | null
  /** True when the pause was seen as it began (an event, or our own confirmed action); false when
   * a read found it already running, so `pausedSince` is only a lower bound ("at least"). */
  readonly pausedSinceExact: boolean
  /** Counts every event seen for this call. */
  readonly eventSeq: number
  readonly lastEvent: AnnouncedChange | null
  /** The action this panel is sending for the call, if any (one at a time). */
  readonly flight: Flight | null
  /** When the service said it no longer knows the call; null while it does. */
  readonly endedAt: number | null
  /** The call ended while its recorder was paused (see `callEnded`); false while it goes on. */
  readonly endedWhilePaused: boolean
  /** The last change of state and who made it (for the pause ledger); null before any change. */
  readonly lastChange: Change | null
  /** The last change of the recorder itself (started, stopped, paused): who paused it, and when. */
  readonly recordingChange: Change | null
  /** An action of ours whose answer did not say what it did: a read that finds its effect credits it. */
  readonly unattributed: { readonly action: RecordingAction; readonly source: ActionSource } | null
}

/** Who sends an action: this panel's agent, its pause guard, a supervisor's board, a host page. */
export type ActionSource = 'agent' | 'auto-resume' | 'supervisor' | 'host'
/** Who made a change: one of ours, another party (an event we did not cause), or found by a read. */
export type ChangeSource = ActionSource | 'other' | 'read'

/** A change of the recorder's state: the actions it took, by whom, when the panel learnt of it. */
export interface Change {
  readonly actions: readonly RecordingAction[]
  /** The recorder's state before the change. */
  readonly from: CallState['recording']
  readonly source: ChangeSource
  readonly at: number
}

export interface AnnouncedChange {
  readonly action: RecordingAction | undefined
  readonly at: number
}

/** An action on its way. Its answer is trusted only if every event meanwhile can be accounted for. */
export interface Flight {
  readonly action: RecordingAction
  readonly source: ActionSource
  /** The live connection's unbroken stretch when it was sent (null: not connected). */
  readonly stretch: number | null
  /** An event announced another action while it was on its way. */
  readonly otherAction: boolean
}

/** The result of a change: the new entry, and whether a fresh read must now decide. */
export interface Step<E extends CallEntry> {
  readonly entry: E
  readonly read: boolean
}

export function newEntry(call: { uccName: string; correlationId: string }): CallEntry {
  return {
    state: {
      uccName: call.uccName,
      correlationId: call.correlationId,
      recording: 'Unknown',
      marking: 'Unknown',
      saving: 'Unknown',
    },
    confirmed: false,
    version: 0,
    pausedSince: null,
    pausedSinceExact: false,
    eventSeq: 0,
    lastEvent: null,
    flight: null,
    endedAt: null,
    endedWhilePaused: false,
    lastChange: null,
    recordingChange: null,
    unattributed: null,
  }
}

/**
 * A hub event for this call. The state it announces is derived at once, unconfirmed. The echo of
 * our own action in flight is applied like any event but needs no read: the action's answer (or
 * the read after it) decides. Any other event needs a read. An event for an ended call revives it.
 */
export function eventArrived<E extends CallEntry>(
  entry: E,
  action: RecordingAction | undefined,
  now: number,
): Step<E> {
  const echo = entry.flight !== null && action === entry.flight.action
  const flight = entry.flight && !echo ? { ...entry.flight, otherAction: true } : entry.flight
  const state = deriveState(entry.state, action)
  const source = echo && entry.flight ? entry.flight.source : 'other'
  return {
    entry: {
      ...entry,
      ...withState(entry, state, now, true),
      ...noted(entry, changeOf(entry.state, state, source, now)),
      confirmed: false,
      version: entry.version + 1,
      eventSeq: entry.eventSeq + 1,
      lastEvent: { action, at: now },
      flight,
      endedAt: null,
      endedWhilePaused: false,
    },
    read: !echo,
  }
}

/** What a read must remember to be judged when it answers. */
export function readStarted(entry: CallEntry): number {
  return entry.version
}

/**
 * A read answered with `state`. Trusted only when nothing was written since it began (`token`);
 * otherwise it may be older than what is shown: kept unconfirmed, and read again.
 */
export function readAnswered<E extends CallEntry>(
  entry: E,
  token: number,
  state: CallState,
  now: number,
): Step<E> {
  if (entry.version !== token) return { entry: unconfirmed(entry), read: true }
  const found = changeOf(entry.state, state, 'read', now)
  // A change a read finds is credited to our own action when it is that action's effect.
  const ours =
    found && entry.unattributed && found.actions.includes(entry.unattributed.action)
      ? { ...found, source: entry.unattributed.source }
      : found
  return {
    entry: {
      ...entry,
      ...withState(entry, state, now, false),
      confirmed: true,
      endedAt: null,
      endedWhilePaused: false,
      ...noted(entry, ours),
      unattributed: null,
    },
    read: false,
  }
}

/** A read failed (other than "no such call"): what is shown is no longer confirmed. */
export function readFailed<E extends CallEntry>(entry: E): E {
  return unconfirmed(entry)
}

/**
 * The service says it no longer knows the call. It ended while paused when it was shown paused, or
 * when the last thing seen was another party's unconfirmed Stop of a pause: the service stops the
 * recorder as a call ends, and announces that Stop just before the call is gone.
 */
export function callEnded<E extends CallEntry>(entry: E, token: number, now: number): Step<E> {
  if (entry.version !== token) return { entry: unconfirmed(entry), read: true }
  const last = entry.recordingChange
  const endingStop =
    !entry.confirmed &&
    last !== null &&
    last.source === 'other' &&
    last.from === 'Paused' &&
    last.actions.includes(RecordingAction.Stop) &&
    entry.state.recording === 'Stopped'
  const endedWhilePaused = entry.state.recording === 'Paused' || endingStop
  return {
    entry: { ...entry, confirmed: false, flight: null, endedAt: now, endedWhilePaused },
    read: false,
  }
}

/**
 * The live connection is back: events may have been lost, so nothing is confirmed until read. A
 * pause shown before the outage may have ended and begun again unseen: its start is no longer
 * known, so it is counted from now, as a lower bound (a guard must never resume early).
 */
export function resynced<E extends CallEntry>(entry: E, now: number): Step<E> {
  if (entry.endedAt !== null) return { entry, read: false }
  const paused = entry.state.recording === 'Paused'
  return {
    entry: {
      ...unconfirmed(entry),
      ...(paused ? { pausedSince: now, pausedSinceExact: false } : {}),
    },
    read: true,
  }
}
