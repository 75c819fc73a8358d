import { expect, test } from 'vitest'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { actionFailed, actionSent } from '../../recording-state/action-flight.ts'
import {
  eventArrived,
  newEntry,
  readAnswered,
  readStarted,
  type CallEntry,
} from '../../recording-state/call-entry.ts'
import { ApiError } from '../../api/api-error.ts'
import { actionOutcome, type SentAction } from './call-alerts.tsx'

const SERVER_ERROR = new ApiError({
  kind: 'http',
  status: 500,
  serverMessage: 'Internal Server Error',
})
const REFUSAL = new ApiError({ kind: 'server', errorType: 3, serverMessage: 'Recorder busy.' })

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const { Start, Stop, Pause } = RecordingAction

function state(recording: RecordingStateName): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None' }
}
const read = (entry: CallEntry, recording: RecordingStateName, now: number) =>
  readAnswered(entry, readStarted(entry), state(recording), now).entry

/** A confirmed running call, the agent's Pause sent and failed; then `after`. */
function pauseFailed(after: (entry: CallEntry) => CallEntry, error: Error = SERVER_ERROR) {
  const running = read(newEntry(CALL), 'Started', 1_000)
  const sent: SentAction = { action: Pause, label: 'Pause', baseline: running.lastChange }
  const failed = actionFailed(actionSent(running, Pause, 1, 'agent')).entry
  return actionOutcome(after(failed), sent, error)
}

test.each<[string, (entry: CallEntry) => CallEntry, ReturnType<typeof actionOutcome>]>([
  ['nothing changed since', (e) => e, 'not-done'],
  [
    'the read after it finds the recorder still running',
    (e) => read(e, 'Started', 2_000),
    'not-done',
  ],
  [
    'the read after it finds the recorder stopped (the reason it was refused)',
    (e) => read(e, 'Stopped', 2_000),
    'not-done',
  ],
  [
    'the read after it finds the pause took effect (credited to the agent)',
    (e) => read(e, 'Paused', 2_000),
    'done-anyway',
  ],
  [
    'another party paused at the same moment (its event)',
    (e) => read(eventArrived(e, Pause, 1_500).entry, 'Paused', 2_000),
    'not-done',
  ],
  ['another party stopped it later', (e) => eventArrived(e, Stop, 3_000).entry, 'superseded'],
  [
    'another party started it again later',
    (e) => eventArrived(read(e, 'Stopped', 2_000), Start, 3_000).entry,
    'superseded',
  ],
])('a failed Pause, then %s: %s', (_, after, expected) => {
  expect(pauseFailed(after)).toBe(expected)
})

test('the effect shown but not yet confirmed by a read is not "done anyway"', () => {
  const running = read(newEntry(CALL), 'Started', 1_000)
  const sent: SentAction = { action: Pause, label: 'Pause', baseline: running.lastChange }
  const inFlight = actionSent(running, Pause, 1, 'agent')
  const echoed = eventArrived(inFlight, Pause, 1_200).entry
  const failed = actionFailed(echoed).entry
  expect(actionOutcome(failed, sent, SERVER_ERROR)).toBe('not-done')
  expect(actionOutcome(read(failed, 'Paused', 2_000), sent, SERVER_ERROR)).toBe('done-anyway')
})

test("a refusal in the service's words stays a refusal although the state shows what was asked", () => {
  // Another party paused during the flight: its event looks like our echo.
  const running = read(newEntry(CALL), 'Started', 1_000)
  const sent: SentAction = { action: Pause, label: 'Pause', baseline: running.lastChange }
  const echoed = eventArrived(actionSent(running, Pause, 1, 'agent'), Pause, 1_200).entry
  const failed = read(actionFailed(echoed).entry, 'Paused', 2_000)
  expect(actionOutcome(failed, sent, REFUSAL)).toBe('not-done')
  expect(actionOutcome(failed, sent, SERVER_ERROR)).toBe('done-anyway')
  // A later change that is not the same action still supersedes it.
  expect(pauseFailed((e) => eventArrived(e, Stop, 3_000).entry, REFUSAL)).toBe('superseded')
})
