import type { CallState } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import type { CallEntry, Change, ChangeSource } from './call-entry.ts'
import { actionsBetween } from './derive-state.ts'

// What every step of the call-entry core (call-entry.ts, action-flight.ts) writes into an entry
// besides its state (docs/decisions/0004): who made a change, when a pause began, and that a
// write which is not a read unconfirms it. Pure, like them.

/** The change from `before` to `after`, if any: its actions, made by `source`, learnt of `at`. */
export function changeOf(
  before: CallState,
  after: CallState,
  source: ChangeSource,
  at: number,
): Change | null {
  const actions = actionsBetween(before, after)
  return actions.length > 0 ? { actions, from: before.recording, source, at } : null
}

/** A change, if any, as the last one, and as the last of the recorder when it started, stopped or paused it. */
export function noted(
  entry: CallEntry,
  change: Change | null,
): Pick<CallEntry, 'lastChange' | 'recordingChange'> {
  if (!change) return { lastChange: entry.lastChange, recordingChange: entry.recordingChange }
  const recorder = change.actions.some(
    (action) =>
      action === RecordingAction.Start ||
      action === RecordingAction.Stop ||
      action === RecordingAction.Pause,
  )
  return { lastChange: change, recordingChange: recorder ? change : entry.recordingChange }
}

/** Unconfirmed, and the version bumped: a read that began before this write is not trusted. */
export function unconfirmed<E extends CallEntry>(entry: E): E {
  return { ...entry, confirmed: false, version: entry.version + 1 }
}

/**
 * The new state with its pause clock: a pause already shown keeps its start and exactness; a new
 * one starts now, exact when seen as it happened (`seenBegin`), a lower bound when a read found it.
 */
export function withState(
  entry: CallEntry,
  state: CallState,
  now: number,
  seenBegin: boolean,
): Pick<CallEntry, 'state' | 'pausedSince' | 'pausedSinceExact'> {
  if (state.recording !== 'Paused') return { state, pausedSince: null, pausedSinceExact: false }
  if (entry.state.recording === 'Paused' && entry.pausedSince !== null && entry.endedAt === null)
    return { state, pausedSince: entry.pausedSince, pausedSinceExact: entry.pausedSinceExact }
  return { state, pausedSince: now, pausedSinceExact: seenBegin }
}
