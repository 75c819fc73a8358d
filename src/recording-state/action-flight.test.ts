import { expect, test } from 'vitest'
import type { CallState, RecordingStateName } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { actionAnswered, actionFailed, actionSent } from './action-flight.ts'
import {
  eventArrived,
  newEntry,
  readAnswered,
  readStarted,
  resynced,
  type CallEntry,
} from './call-entry.ts'

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const { Start, Pause } = RecordingAction

function state(recording: RecordingStateName): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None' }
}

/** A confirmed entry in `recording`, as a first read leaves it. */
function confirmed(recording: RecordingStateName = 'Started', at = 1_000): CallEntry {
  return readAnswered(newEntry(CALL), 0, state(recording), at).entry
}

// Actions: the trust rule

interface ActionCase {
  name: string
  /** What happens while the action is on its way. */
  meanwhile: (entry: CallEntry) => CallEntry
  answer: CallState | undefined
  stretchAtAnswer: number | null
  trusted: boolean
}

test.each<ActionCase>([
  {
    name: 'a full answer, nothing meanwhile, one stretch: trusted',
    meanwhile: (e) => e,
    answer: state('Paused'),
    stretchAtAnswer: 1,
    trusted: true,
  },
  {
    name: 'the echo of the same action meanwhile: trusted',
    meanwhile: (e) => eventArrived(e, Pause, 1_500).entry,
    answer: state('Paused'),
    stretchAtAnswer: 1,
    trusted: true,
  },
  {
    name: 'any number of echoes of the same action: trusted',
    meanwhile: (e) => {
      let entry = e
      for (let n = 0; n < 50; n += 1) entry = eventArrived(entry, Pause, 1_500).entry
      return entry
    },
    answer: state('Paused'),
    stretchAtAnswer: 1,
    trusted: true,
  },
  {
    name: 'an event for another action meanwhile: not trusted',
    meanwhile: (e) => eventArrived(eventArrived(e, Pause, 1_500).entry, Start, 1_600).entry,
    answer: state('Paused'),
    stretchAtAnswer: 1,
    trusted: false,
  },
  {
    name: 'an event with an unknown action meanwhile: not trusted',
    meanwhile: (e) => eventArrived(e, undefined, 1_500).entry,
    answer: state('Paused'),
    stretchAtAnswer: 1,
    trusted: false,
  },
  {
    name: 'an answer without a full state: not trusted',
    meanwhile: (e) => e,
    answer: undefined,
    stretchAtAnswer: 1,
    trusted: false,
  },
  {
    name: 'the connection reconnected meanwhile (another stretch): not trusted',
    meanwhile: (e) => resynced(e, 1_800).entry,
    answer: state('Paused'),
    stretchAtAnswer: 2,
    trusted: false,
  },
  {
    name: 'the connection is down at the answer: not trusted',
    meanwhile: (e) => e,
    answer: state('Paused'),
    stretchAtAnswer: null,
    trusted: false,
  },
])('$name', ({ meanwhile, answer, stretchAtAnswer, trusted }) => {
  const sent = actionSent(confirmed('Started'), Pause, 1, 'agent')
  expect(sent).toMatchObject({ confirmed: false, flight: { action: Pause, stretch: 1 } })
  const step = actionAnswered(meanwhile(sent), answer, stretchAtAnswer, 2_000)
  expect(step.read).toBe(!trusted)
  expect(step.entry.confirmed).toBe(trusted)
  expect(step.entry.flight).toBeNull()
  if (trusted) expect(step.entry.state).toEqual(answer)
})

test('an action sent while the connection is down is never trusted', () => {
  const sent = actionSent(confirmed('Started'), Pause, null, 'agent')
  expect(actionAnswered(sent, state('Paused'), null, 2_000).read).toBe(true)
})

test('a trusted answer that starts a pause times it exactly from the answer', () => {
  const sent = actionSent(confirmed('Started'), Pause, 1, 'agent')
  expect(actionAnswered(sent, state('Paused'), 1, 2_000).entry).toMatchObject({
    pausedSince: 2_000,
    pausedSinceExact: true,
  })
})

test('a trusted answer bumps the version: a read that overlapped it is not trusted', () => {
  const start = confirmed('Started')
  const token = readStarted(start)
  const answered = actionAnswered(
    actionSent(start, Pause, 1, 'agent'),
    state('Paused'),
    1,
    2_000,
  ).entry
  expect(readAnswered(answered, token, state('Started'), 2_100)).toMatchObject({
    read: true,
    entry: { confirmed: false, state: { recording: 'Paused' } },
  })
})

test('a failed action unconfirms, ends the flight, and a read decides (it is never repeated)', () => {
  const sent = eventArrived(actionSent(confirmed('Started'), Pause, 1, 'agent'), Pause, 1_500).entry
  const step = actionFailed(sent)
  expect(step.read).toBe(true)
  expect(step.entry).toMatchObject({ confirmed: false, flight: null })
  expect(step.entry.version).toBeGreaterThan(sent.version)
})
