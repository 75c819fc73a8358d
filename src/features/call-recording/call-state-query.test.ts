import { afterEach, expect, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { CallState } from '../../api/schemas.ts'
import { RecordingAction } from '../../api/wire.ts'
import {
  actionName,
  applyEvent,
  callStateKey,
  confirmedEntry,
  confirmedWrite,
  deriveState,
  isUnknownCallError,
  lastEventSeq,
  markUnconfirmed,
  type CallStateEntry,
} from './call-state-query.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

afterEach(() => {
  vi.useRealTimers()
})

function state(overrides: Partial<CallState> = {}): CallState {
  return {
    uccName: 'ucc-demo',
    correlationId: ID,
    recording: 'Started',
    marking: 'None',
    saving: 'None',
    ...overrides,
  }
}

function entry(overrides: Partial<CallStateEntry> = {}): CallStateEntry {
  return {
    state: state(),
    confirmed: true,
    pausedSince: null,
    version: 4,
    recentEvents: [],
    ...overrides,
  }
}

test.each<[RecordingAction | undefined, Partial<CallState>]>([
  [RecordingAction.Start, { recording: 'Started' }],
  [RecordingAction.Stop, { recording: 'Stopped' }],
  [RecordingAction.Pause, { recording: 'Paused' }],
  [RecordingAction.Save, { saving: 'Save' }],
  [RecordingAction.Delete, { saving: 'Delete' }],
  [RecordingAction.Mark, { marking: 'Mark' }],
  [RecordingAction.UnMark, { marking: 'Unmark' }],
])('deriveState for action %s changes only %j', (action, change) => {
  const before = state({ recording: 'Uninitialized', marking: 'Unmark', saving: 'None' })
  expect(deriveState(before, action)).toEqual({ ...before, ...change })
})

test('deriveState for an unknown action leaves the state as it is', () => {
  const before = state({ recording: 'Paused' })
  expect(deriveState(before, undefined)).toBe(before)
})

test('applyEvent derives the state, unconfirmed, with a new version and the event recorded', () => {
  const next = applyEvent(entry(), RecordingAction.Pause, 5_000)
  expect(next).toEqual({
    state: state({ recording: 'Paused' }),
    confirmed: false,
    pausedSince: 5_000,
    version: 5,
    recentEvents: [{ seq: 1, action: RecordingAction.Pause, at: 5_000 }],
  })
})

test('applyEvent keeps the start of a pause that was already on', () => {
  const paused = entry({ state: state({ recording: 'Paused' }), pausedSince: 1_000 })
  expect(applyEvent(paused, RecordingAction.Pause, 9_000).pausedSince).toBe(1_000)
  expect(applyEvent(paused, RecordingAction.Mark, 9_000).pausedSince).toBe(1_000)
})

test('applyEvent clears the pause when the recorder starts again', () => {
  const paused = entry({ state: state({ recording: 'Paused' }), pausedSince: 1_000 })
  const resumed = applyEvent(paused, RecordingAction.Start, 9_000)
  expect(resumed.state.recording).toBe('Started')
  expect(resumed.pausedSince).toBeNull()
})

test('applyEvent with an unknown action keeps the state but marks it unconfirmed', () => {
  const next = applyEvent(entry(), undefined, 5_000)
  expect(next.state).toEqual(state())
  expect(next.confirmed).toBe(false)
  expect(next.recentEvents).toEqual([{ seq: 1, action: undefined, at: 5_000 }])
})

test('applyEvent keeps the last 20 events and keeps counting', () => {
  let current = entry()
  for (let i = 0; i < 25; i += 1) current = applyEvent(current, RecordingAction.Mark, i)
  expect(current.recentEvents).toHaveLength(20)
  expect(current.recentEvents[0]).toEqual({ seq: 6, action: RecordingAction.Mark, at: 5 })
  expect(lastEventSeq(current)).toBe(25)
  expect(current.version).toBe(29)
})

test('confirmedEntry starts a pause clock at the first confirmed pause', () => {
  vi.useFakeTimers({ now: 42_000 })
  expect(confirmedEntry(state({ recording: 'Paused' }), undefined)).toEqual({
    state: state({ recording: 'Paused' }),
    confirmed: true,
    pausedSince: 42_000,
    version: 0,
    recentEvents: [],
  })
  expect(confirmedEntry(state({ recording: 'Paused' }), entry()).pausedSince).toBe(42_000)
})

test('confirmedEntry keeps pausedSince across a confirmed pause', () => {
  vi.useFakeTimers({ now: 42_000 })
  const events = [{ seq: 3, action: RecordingAction.Pause, at: 1_000 }]
  const previous = entry({
    state: state({ recording: 'Paused' }),
    pausedSince: 1_000,
    confirmed: false,
    recentEvents: events,
  })
  expect(confirmedEntry(state({ recording: 'Paused' }), previous)).toEqual({
    state: state({ recording: 'Paused' }),
    confirmed: true,
    pausedSince: 1_000,
    version: 4,
    recentEvents: events,
  })
})

test('confirmedEntry clears pausedSince when the recorder is not paused', () => {
  const previous = entry({ state: state({ recording: 'Paused' }), pausedSince: 1_000 })
  expect(confirmedEntry(state({ recording: 'Started' }), previous).pausedSince).toBeNull()
})

test('confirmedWrite bumps the version, confirmedEntry does not', () => {
  expect(confirmedEntry(state(), entry({ version: 7 })).version).toBe(7)
  expect(confirmedWrite(state(), entry({ version: 7 }))).toMatchObject({
    version: 8,
    confirmed: true,
  })
  expect(confirmedWrite(state(), undefined).version).toBe(1)
})

test('markUnconfirmed keeps the state, unconfirms it and bumps the version', () => {
  const previous = entry({ state: state({ recording: 'Paused' }), pausedSince: 1_000 })
  expect(markUnconfirmed(previous)).toEqual({ ...previous, confirmed: false, version: 5 })
})

test('isUnknownCallError: a validation error or a server error with 404', () => {
  const noSession = `No Audio session with correlation Id:'${ID}' was found.`
  expect(
    isUnknownCallError(
      new ApiError({ kind: 'server', status: 200, errorType: 2, serverMessage: noSession }),
    ),
  ).toBe(true)
  expect(isUnknownCallError(new ApiError({ kind: 'server', status: 404, errorType: 3 }))).toBe(true)
  expect(isUnknownCallError(new ApiError({ kind: 'server', status: 200, errorType: 3 }))).toBe(
    false,
  )
  expect(isUnknownCallError(new ApiError({ kind: 'server', status: 200, errorType: 1 }))).toBe(
    false,
  )
  expect(isUnknownCallError(new ApiError({ kind: 'http', status: 404 }))).toBe(false)
  expect(isUnknownCallError(new ApiError({ kind: 'network' }))).toBe(false)
  expect(isUnknownCallError(new Error('No Audio session'))).toBe(false)
  expect(isUnknownCallError(undefined)).toBe(false)
})

test('callStateKey goes from general to specific and ignores case', () => {
  expect(callStateKey({ uccName: 'UCC-Demo', correlationId: ID.toUpperCase() })).toEqual([
    'recording',
    'ucc-demo',
    ID,
  ])
})

test('actionName names known actions only', () => {
  expect(actionName(RecordingAction.UnMark)).toBe('UnMark')
  expect(actionName(undefined)).toBe('unknown action')
})
