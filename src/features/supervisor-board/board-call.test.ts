import { expect, test } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { actionAnswered, actionFailed, actionSent } from '../../recording-state/action-flight.ts'
import {
  boardActionSettled,
  boardEvent,
  boardRead,
  callKey,
  callRecord,
  newBoardCall,
  recordChanged,
  rememberedCall,
} from './board-call.ts'

// The core's rules are tested in src/recording-state; here, only what the board carries along.

const UCC = 'ucc-a'
const ID = '1D6C6A58-6739-4f0c-98ff-0968292c8c30'

function state(recording: RecordingStateName): CallState {
  return { uccName: UCC, correlationId: ID, recording, marking: 'None', saving: 'None' }
}

const failed = new ApiError({ kind: 'http', status: 503 })
const gone = new ApiError({
  kind: 'server',
  status: 200,
  errorType: 2,
  serverMessage: 'No session.',
})

test('a new call: its key in lower case, the spelling as given, nothing known or confirmed', () => {
  expect(callKey('UCC-A', ID)).toBe(`ucc-a|${ID.toLowerCase()}`)
  expect(newBoardCall(UCC, ID, 1_000)).toMatchObject({
    key: callKey(UCC, ID),
    uccName: UCC,
    correlationId: ID,
    state: { recording: 'Unknown', marking: 'Unknown', saving: 'Unknown' },
    confirmed: false,
    readError: null,
    lastActivityAt: 1_000,
    endedMessage: null,
  })
})

test('an event is activity, and clears what the service said when the call ended', () => {
  const ended = boardRead(newBoardCall(UCC, ID, 0), 0, { error: gone }, 1_000).entry
  expect(ended).toMatchObject({ endedAt: 1_000, endedMessage: 'No session.' })
  const step = boardEvent(ended, RecordingAction.Pause, 2_000)
  expect(step.read).toBe(true)
  expect(step.entry).toMatchObject({ endedAt: null, endedMessage: null, lastActivityAt: 2_000 })
})

test('a failed read is kept on the call until a trusted read clears it; an overtaken read keeps it', () => {
  const call = newBoardCall(UCC, ID, 0)
  const failedStep = boardRead(call, 0, { error: failed }, 1_000)
  expect(failedStep).toMatchObject({ read: true, entry: { readError: failed, confirmed: false } })
  const afterFailure = failedStep.entry
  const overtaken = boardRead(afterFailure, 0, { state: state('Paused') }, 2_000)
  expect(overtaken).toMatchObject({ read: true, entry: { readError: failed, confirmed: false } })
  const version = afterFailure.version
  const trusted = boardRead(afterFailure, version, { state: state('Paused') }, 2_000)
  expect(trusted).toMatchObject({ read: false, entry: { readError: null, confirmed: true } })
})

test('an action settled is activity; a trusted answer clears a failed read, an untrusted one keeps it', () => {
  const withError = boardRead(newBoardCall(UCC, ID, 0), 0, { error: failed }, 500).entry
  const sent = actionSent(withError, RecordingAction.Start, 1, 'agent')
  const trusted = boardActionSettled(actionAnswered(sent, state('Started'), 1, 3_000), 3_000)
  expect(trusted).toMatchObject({ read: false, entry: { readError: null, lastActivityAt: 3_000 } })
  const refused = boardActionSettled(actionFailed(sent), 3_000)
  expect(refused).toMatchObject({ read: true, entry: { readError: failed, lastActivityAt: 3_000 } })
})

test('a remembered call: its last known state and pause, never confirmed; unknown values are Unknown', () => {
  const record = callRecord({
    ...newBoardCall(UCC, ID, 500),
    state: { ...state('Paused'), marking: 'Mark' },
    confirmed: true,
    pausedSince: 1_000,
    pausedSinceExact: false,
    lastEvent: { action: RecordingAction.Pause, at: 1_000 },
    lastActivityAt: 2_000,
  })
  expect(record).toEqual({
    key: callKey(UCC, ID),
    uccName: UCC,
    correlationId: ID,
    recording: 'Paused',
    marking: 'Mark',
    saving: 'None',
    pausedSince: 1_000,
    pausedSinceExact: false,
    lastEvent: { action: RecordingAction.Pause, at: 1_000 },
    lastActivityAt: 2_000,
    learntAt: 500,
    endedAt: null,
    endedMessage: null,
  })
  const back = rememberedCall(record, 'UCC-A')
  expect(back).toMatchObject({
    key: callKey(UCC, ID),
    uccName: 'UCC-A',
    state: { recording: 'Paused', marking: 'Mark', saving: 'None' },
    confirmed: false,
    remembered: true,
    pausedSince: 1_000,
    pausedSinceExact: false,
    learntAt: 500,
  })
  expect(callRecord(back)).toEqual({ ...record, uccName: 'UCC-A' })

  const odd = rememberedCall(
    { ...record, recording: 'Exploded', lastEvent: { action: 99, at: 1 } },
    UCC,
  )
  expect(odd).toMatchObject({
    state: { recording: 'Unknown' },
    pausedSince: null,
    lastEvent: { action: undefined, at: 1 },
  })
})

test('whatever the board learns of a remembered call ends its being remembered', () => {
  const record = callRecord({ ...newBoardCall(UCC, ID, 0), state: state('Paused'), pausedSince: 5 })
  const call = rememberedCall(record, UCC)
  expect(boardEvent(call, RecordingAction.Start, 9).entry.remembered).toBe(false)
  expect(boardRead(call, call.version, { state: state('Paused') }, 9).entry).toMatchObject({
    remembered: false,
    confirmed: true,
    pausedSince: 5,
  })
  expect(boardRead(call, call.version, { error: gone }, 9).entry.remembered).toBe(false)
  // Only what is kept counts as a change to write.
  expect(recordChanged(call, { ...call, confirmed: true })).toBe(false)
  expect(recordChanged(call, { ...call, lastActivityAt: 10 })).toBe(true)
  expect(recordChanged(undefined, call)).toBe(true)
})
