import { expect, test } from 'vitest'
import type { CallState, RecordingStateName } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { actionAnswered, actionFailed, actionSent } from './action-flight.ts'
import {
  callEnded,
  eventArrived,
  newEntry,
  readAnswered,
  readFailed,
  readStarted,
  resynced,
  type CallEntry,
} from './call-entry.ts'
import { deriveState } from './derive-state.ts'

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const { Start, Stop, Pause, Mark } = RecordingAction

function state(recording: RecordingStateName, overrides: Partial<CallState> = {}): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None', ...overrides }
}

/** A confirmed entry in `recording`, as a first read leaves it. */
function confirmed(recording: RecordingStateName = 'Started', at = 1_000): CallEntry {
  return readAnswered(newEntry(CALL), 0, state(recording), at).entry
}

// A new entry

test('a new entry knows nothing and confirms nothing', () => {
  expect(newEntry(CALL)).toMatchObject({
    state: { ...CALL, recording: 'Unknown', marking: 'Unknown', saving: 'Unknown' },
    confirmed: false,
    version: 0,
    pausedSince: null,
    flight: null,
    endedAt: null,
  })
})

// Events

test.each<[string, CallEntry, RecordingAction | undefined, Partial<CallEntry>, boolean]>([
  [
    'an event derives its state, unconfirmed, and a read must decide',
    confirmed('Started'),
    Pause,
    { confirmed: false, pausedSince: 5_000, pausedSinceExact: true },
    true,
  ],
  [
    'an unknown action keeps the state but unconfirms it',
    confirmed('Stopped'),
    undefined,
    { confirmed: false, pausedSince: null },
    true,
  ],
  [
    'the echo of our own action in flight is applied, with no read (the answer decides)',
    actionSent(confirmed('Started'), Pause, 1, 'agent'),
    Pause,
    { confirmed: false, pausedSince: 5_000, pausedSinceExact: true },
    false,
  ],
  [
    'an event for another action during a flight needs a read',
    actionSent(confirmed('Started'), Pause, 1, 'agent'),
    Start,
    { confirmed: false, pausedSince: null },
    true,
  ],
  [
    'an event for an ended call revives it',
    callEnded(confirmed('Started'), 0, 3_000).entry,
    Pause,
    { endedAt: null, confirmed: false, pausedSince: 5_000 },
    true,
  ],
])('%s', (_name, before, action, expected, read) => {
  const step = eventArrived(before, action, 5_000)
  expect(step.read).toBe(read)
  expect(step.entry).toMatchObject(expected)
  expect(step.entry.state).toEqual(deriveState(before.state, action))
  expect(step.entry.version).toBe(before.version + 1)
  expect(step.entry.eventSeq).toBe(before.eventSeq + 1)
  expect(step.entry.lastEvent).toEqual({ action, at: 5_000 })
})

test('a pause already shown keeps its start and exactness through repeated events', () => {
  const paused = eventArrived(confirmed('Started'), Pause, 2_000).entry
  const again = eventArrived(paused, Pause, 9_000).entry
  expect(again).toMatchObject({ pausedSince: 2_000, pausedSinceExact: true })
  const marked = eventArrived(again, Mark, 10_000).entry
  expect(marked).toMatchObject({ pausedSince: 2_000, state: { marking: 'Mark' } })
  expect(eventArrived(marked, Start, 11_000).entry).toMatchObject({ pausedSince: null })
})

// Reads: the overlap rule

test.each<[string, (token: number, entry: CallEntry) => CallEntry]>([
  ['an event', (_t, e) => eventArrived(e, Start, 2_000).entry],
  ['an action sent', (_t, e) => actionSent(e, Pause, 1, 'agent')],
  ['a resync', (_t, e) => resynced(e, 1_800).entry],
  ['a failed read', (_t, e) => readFailed(e)],
])('a read that began before %s is not trusted, and a read must follow', (_name, write) => {
  const before = confirmed('Started')
  const token = readStarted(before)
  const after = write(token, before)
  const step = readAnswered(after, token, state('Paused'), 3_000)
  expect(step.read).toBe(true)
  expect(step.entry.confirmed).toBe(false)
  expect(step.entry.state.recording).toBe(after.state.recording)
})

test('a read with nothing written since it began is the newest word: confirmed', () => {
  const before = eventArrived(confirmed('Started'), Pause, 2_000).entry
  const step = readAnswered(before, readStarted(before), state('Started'), 3_000)
  expect(step).toEqual({
    entry: expect.objectContaining({ confirmed: true, state: state('Started'), pausedSince: null }),
    read: false,
  })
  expect(step.entry.version).toBe(before.version)
})

test.each<[string, CallEntry, Partial<CallEntry>]>([
  [
    'a pause found already running by a read is timed from then, as a lower bound',
    confirmed('Started'),
    { pausedSince: 3_000, pausedSinceExact: false },
  ],
  [
    'a first read that finds a pause: a lower bound',
    newEntry(CALL),
    { pausedSince: 3_000, pausedSinceExact: false },
  ],
  [
    'a pause seen beginning (an event) keeps its exact start when a read confirms it',
    eventArrived(confirmed('Started'), Pause, 2_000).entry,
    { pausedSince: 2_000, pausedSinceExact: true },
  ],
  [
    'a pause found by a read keeps its lower bound when read again',
    confirmed('Paused', 1_500),
    { pausedSince: 1_500, pausedSinceExact: false },
  ],
])('%s', (_name, before, expected) => {
  const step = readAnswered(before, readStarted(before), state('Paused'), 3_000)
  expect(step.entry).toMatchObject({ confirmed: true, ...expected })
})

test('a failed read unconfirms what is shown and keeps it', () => {
  const before = confirmed('Paused')
  const after = readFailed(before)
  expect(after).toMatchObject({ confirmed: false, state: before.state })
})

// Resync and the end of a call

test('a resync unconfirms every live call and asks for a read; an ended call stays as it is', () => {
  const live = resynced(confirmed('Paused'), 9_000)
  expect(live).toMatchObject({ read: true, entry: { confirmed: false } })
  const ended = callEnded(confirmed('Started'), 0, 4_000).entry
  expect(resynced(ended, 9_000)).toEqual({ entry: ended, read: false })
})

test('after a resync a pause is counted from then, as a lower bound: it may have ended and begun again unseen', () => {
  const paused = eventArrived(confirmed('Started'), Pause, 2_000).entry
  expect(paused).toMatchObject({ pausedSince: 2_000, pausedSinceExact: true })
  const back = resynced(paused, 9_000).entry
  expect(back).toMatchObject({ pausedSince: 9_000, pausedSinceExact: false })
  // The read that confirms it keeps that lower bound.
  expect(readAnswered(back, readStarted(back), state('Paused'), 9_500).entry).toMatchObject({
    pausedSince: 9_000,
    pausedSinceExact: false,
    confirmed: true,
  })
  // A call that is not paused keeps no pause clock.
  expect(resynced(confirmed('Started'), 9_000).entry.pausedSince).toBeNull()
})

test('the end of a call is trusted only from a read nothing overtook', () => {
  const entry = confirmed('Paused')
  const token = readStarted(entry)
  expect(callEnded(entry, token, 4_000)).toMatchObject({
    read: false,
    entry: { endedAt: 4_000, confirmed: false },
  })
  const overtaken = eventArrived(entry, Start, 3_500).entry
  expect(callEnded(overtaken, token, 4_000)).toMatchObject({
    read: true,
    entry: { endedAt: null },
  })
})

test.each<[string, () => CallEntry, boolean]>([
  ['shown paused when it ended', () => confirmed('Paused'), true],
  [
    "another party's Stop of a pause, unconfirmed (the service stops the recorder as a call ends)",
    () => eventArrived(confirmed('Paused'), Stop, 3_000).entry,
    true,
  ],
  [
    'a Stop of a pause that a read confirmed before the call ended',
    () => {
      const stopped = eventArrived(confirmed('Paused'), Stop, 3_000).entry
      return readAnswered(stopped, readStarted(stopped), state('Stopped'), 3_200).entry
    },
    false,
  ],
  [
    "another party's Stop of a running recorder",
    () => eventArrived(confirmed('Started'), Stop, 3_000).entry,
    false,
  ],
  [
    'our own Stop of a pause (its echo)',
    () => eventArrived(actionSent(confirmed('Paused'), Stop, 1, 'agent'), Stop, 3_000).entry,
    false,
  ],
  ['shown running', () => confirmed('Started'), false],
])('the call ended while paused: %s → %s', (_, entry, expected) => {
  const before = entry()
  const ended = callEnded(before, readStarted(before), 4_000).entry
  expect(ended).toMatchObject({ endedAt: 4_000, endedWhilePaused: expected })
})

test('a call revived after ending while paused no longer counts as ended while paused', () => {
  const ended = callEnded(confirmed('Paused'), 0, 4_000).entry
  expect(ended.endedWhilePaused).toBe(true)
  const revived = readAnswered(ended, readStarted(ended), state('Paused'), 5_000).entry
  expect(revived).toMatchObject({ endedAt: null, endedWhilePaused: false })
})

test('a read that finds the call again after its end revives it', () => {
  const ended = callEnded(confirmed('Started'), 0, 4_000).entry
  expect(readAnswered(ended, readStarted(ended), state('Paused'), 5_000).entry).toMatchObject({
    endedAt: null,
    confirmed: true,
    pausedSince: 5_000,
  })
})

// Who made a change (for the pause ledger)

test.each<[string, () => CallEntry, Partial<CallEntry['lastChange']> | null]>([
  [
    'an event nobody here caused: another party',
    () => eventArrived(confirmed('Started'), Pause, 5_000).entry,
    { actions: [Pause], from: 'Started', source: 'other', at: 5_000 },
  ],
  [
    'the echo of our action: its sender',
    () =>
      eventArrived(actionSent(confirmed('Started'), Pause, 1, 'auto-resume'), Pause, 5_000).entry,
    { actions: [Pause], source: 'auto-resume' },
  ],
  [
    'a trusted answer: its sender',
    () =>
      actionAnswered(
        actionSent(confirmed('Started'), Pause, 1, 'supervisor'),
        state('Paused'),
        1,
        5_000,
      ).entry,
    { actions: [Pause], source: 'supervisor', at: 5_000 },
  ],
  [
    'a read that finds a change with no event: read',
    () =>
      readAnswered(
        confirmed('Started'),
        readStarted(confirmed('Started')),
        state('Stopped', { marking: 'Mark' }),
        5_000,
      ).entry,
    { actions: [Stop, Mark], source: 'read' },
  ],
  [
    'a read after an untrusted answer that finds its effect: credited to the sender',
    () => {
      const answered = actionAnswered(
        actionSent(confirmed('Started'), Pause, 1, 'host'),
        undefined,
        1,
        4_000,
      ).entry
      return readAnswered(answered, readStarted(answered), state('Paused'), 5_000).entry
    },
    { actions: [Pause], source: 'host' },
  ],
  [
    'a read after a failed action that finds its effect anyway: credited to the sender',
    () => {
      const failed = actionFailed(actionSent(confirmed('Started'), Pause, 1, 'agent')).entry
      return readAnswered(failed, readStarted(failed), state('Paused'), 5_000).entry
    },
    { actions: [Pause], source: 'agent' },
  ],
  [
    'a read after a failed pause that finds another change: read, not ours',
    () => {
      const failed = actionFailed(actionSent(confirmed('Started'), Pause, 1, 'agent')).entry
      return readAnswered(failed, readStarted(failed), state('Stopped'), 5_000).entry
    },
    { actions: [Stop], source: 'read' },
  ],
])('%s', (_name, make, expected) => {
  expect(make().lastChange).toMatchObject(expected ?? {})
})

test('no change, no new record: a duplicate event, an unknown action, a read that agrees, a late echo', () => {
  const paused = eventArrived(confirmed('Started'), Pause, 2_000).entry
  const before = paused.lastChange
  expect(eventArrived(paused, Pause, 3_000).entry.lastChange).toBe(before)
  expect(eventArrived(paused, undefined, 3_000).entry.lastChange).toBe(before)
  expect(readAnswered(paused, readStarted(paused), state('Paused'), 3_000).entry.lastChange).toBe(
    before,
  )
  const answered = actionAnswered(
    actionSent(confirmed('Started'), Pause, 1, 'agent'),
    state('Paused'),
    1,
    2_000,
  ).entry
  expect(eventArrived(answered, Pause, 2_100).entry.lastChange).toBe(answered.lastChange)
})

test('the recorder keeps who last started, stopped or paused it through other changes', () => {
  const paused = eventArrived(confirmed('Started'), Pause, 2_000).entry
  expect(paused.recordingChange).toMatchObject({ actions: [Pause], source: 'other' })
  const marked = actionAnswered(
    actionSent(paused, Mark, 1, 'agent'),
    state('Paused', { marking: 'Mark' }),
    1,
    3_000,
  ).entry
  expect(marked.lastChange).toMatchObject({ actions: [Mark], source: 'agent' })
  expect(marked.recordingChange).toBe(paused.recordingChange)
})
