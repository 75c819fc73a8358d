import { expect, test } from 'vitest'
import type { CallState, RecordingStateName } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { newEntry, type CallEntry, type Change } from './call-entry.ts'
import { changeOf, noted, unconfirmed, withState } from './entry-change.ts'

// What every step writes besides the state; the steps themselves are tested beside them
// (call-entry.test.ts, action-flight.test.ts).

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const { Start, Pause, Mark } = RecordingAction

function state(recording: RecordingStateName, overrides: Partial<CallState> = {}): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None', ...overrides }
}

function entry(overrides: Partial<CallEntry> = {}): CallEntry {
  return { ...newEntry(CALL), state: state('Started'), confirmed: true, ...overrides }
}

test('changeOf: the actions between two states, who made them, from which recorder state', () => {
  expect(changeOf(state('Started'), state('Paused', { marking: 'Mark' }), 'agent', 5_000)).toEqual({
    actions: [Pause, Mark],
    from: 'Started',
    source: 'agent',
    at: 5_000,
  })
  expect(changeOf(state('Paused'), state('Paused'), 'read', 5_000)).toBeNull()
  expect(changeOf(state('Paused'), state('Unknown'), 'other', 5_000)).toBeNull()
})

test.each<[string, Change | null, 'change' | 'kept', 'change' | 'kept']>([
  ['no change keeps both', null, 'kept', 'kept'],
  [
    'a change of the recorder is the last change and the recorder’s',
    { actions: [Start], from: 'Paused', source: 'other', at: 2 },
    'change',
    'change',
  ],
  [
    'a change of marking only is the last change, not the recorder’s',
    { actions: [Mark], from: 'Paused', source: 'agent', at: 2 },
    'change',
    'kept',
  ],
])('noted: %s', (_name, change, last, recorder) => {
  const before: Change = { actions: [Pause], from: 'Started', source: 'host', at: 1 }
  const result = noted(entry({ lastChange: before, recordingChange: before }), change)
  expect(result.lastChange).toBe(last === 'change' ? change : before)
  expect(result.recordingChange).toBe(recorder === 'change' ? change : before)
})

test('unconfirmed: not confirmed, the version bumped, nothing else changed', () => {
  const before = entry({ version: 4, pausedSince: 7 })
  expect(unconfirmed(before)).toEqual({ ...before, confirmed: false, version: 5 })
})

test.each<[string, Partial<CallEntry>, CallState, boolean, Partial<CallEntry>]>([
  [
    'not paused: no pause clock',
    { pausedSince: 1_000 },
    state('Started'),
    true,
    { pausedSince: null, pausedSinceExact: false },
  ],
  [
    'a pause seen beginning: exact, from now',
    {},
    state('Paused'),
    true,
    { pausedSince: 5_000, pausedSinceExact: true },
  ],
  [
    'a pause a read found: a lower bound, from now',
    {},
    state('Paused'),
    false,
    { pausedSince: 5_000, pausedSinceExact: false },
  ],
  [
    'a pause already shown keeps its start and exactness',
    { state: state('Paused'), pausedSince: 2_000, pausedSinceExact: true },
    state('Paused', { marking: 'Mark' }),
    false,
    { pausedSince: 2_000, pausedSinceExact: true },
  ],
  [
    'a pause shown on an ended call starts again',
    { state: state('Paused'), pausedSince: 2_000, pausedSinceExact: true, endedAt: 3_000 },
    state('Paused'),
    false,
    { pausedSince: 5_000, pausedSinceExact: false },
  ],
])('withState: %s', (_name, before, next, seenBegin, expected) => {
  expect(withState(entry(before), next, 5_000, seenBegin)).toEqual({ state: next, ...expected })
})
