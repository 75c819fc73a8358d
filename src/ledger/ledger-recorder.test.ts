import { expect, test } from 'vitest'
import type { CallState, RecordingStateName } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { actionAnswered, actionFailed, actionSent } from '../recording-state/action-flight.ts'
import {
  callEnded,
  eventArrived,
  newEntry,
  readAnswered,
  readStarted,
  type ActionSource,
  type CallEntry,
} from '../recording-state/call-entry.ts'
import { LedgerRecorder } from './ledger-recorder.ts'
import type { LedgerOp } from './ledger-records.ts'

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const ACTOR = 'sip:agent@example.com'
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0)
const { Start, Stop, Pause, Mark, Save } = RecordingAction
const STRETCH = 7

const iso = (ms: number) => new Date(T0 + ms).toISOString()

function state(recording: RecordingStateName, overrides: Partial<CallState> = {}): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None', ...overrides }
}

// The steps of a call, each through the core, at a time (ms after T0).
type Step = { at: number; apply: (entry: CallEntry, now: number) => CallEntry }
const read = (at: number, recording: RecordingStateName, more: Partial<CallState> = {}): Step => ({
  at,
  apply: (e, now) => readAnswered(e, readStarted(e), state(recording, more), now).entry,
})
const event = (at: number, action: RecordingAction): Step => ({
  at,
  apply: (e, now) => eventArrived(e, action, now).entry,
})
const send = (at: number, action: RecordingAction, source: ActionSource = 'agent'): Step => ({
  at,
  apply: (e) => actionSent(e, action, STRETCH, source),
})
const answer = (at: number, recording: RecordingStateName): Step => ({
  at,
  apply: (e, now) => actionAnswered(e, state(recording), STRETCH, now).entry,
})
/** An answer the core does not trust (the connection broke meanwhile): a read decides. */
const untrustedAnswer = (at: number, recording: RecordingStateName): Step => ({
  at,
  apply: (e, now) => actionAnswered(e, state(recording), STRETCH + 1, now).entry,
})
const failed = (at: number): Step => ({ at, apply: (e) => actionFailed(e).entry })
const ended = (at: number): Step => ({
  at,
  apply: (e, now) => callEnded(e, readStarted(e), now).entry,
})

/** Runs the steps through a recorder; returns the ops of each step, in a short readable form. */
function record(steps: readonly Step[], recorder = new LedgerRecorder({ newId: counter() })) {
  let entry: CallEntry | undefined
  return steps.map((step) => {
    const next = step.apply(entry ?? newEntry(CALL), T0 + step.at)
    const ops = recorder.observe(entry, next, { actorSipUri: ACTOR, now: T0 + step.at })
    entry = next
    return ops.map(short)
  })
}

function counter() {
  let n = 0
  return () => `r${++n}`
}

function short(op: LedgerOp): unknown {
  if (op.type === 'patch') return ['patch', op.id, op.patch]
  if (op.type === 'pause-reason') return ['pause-reason', op.reason]
  const r = op.record
  expect(r).toMatchObject({ ucc: CALL.uccName, correlationId: CALL.correlationId })
  switch (r.kind) {
    case 'change':
      return ['change', r.id, r.time, r.action, r.source, r.requesterSipUri, r.confirmedAt]
    case 'pause':
      expect(r).toMatchObject({ time: r.start, end: null, reason: null })
      return ['pause', r.id, r.start, r.startExact]
    case 'incident':
      return ['incident', r.id]
  }
}

const startedAt1 = read(1_000, 'Started')
const foundStarted = ['change', 'r1', iso(1_000), 'Start', 'read', null, iso(1_000)]

test.each<[string, Step[], unknown[][]]>([
  [
    'a first read that finds the recorder running: Start found by a read, confirmed by it',
    [startedAt1],
    [[foundStarted]],
  ],
  [
    'a first read that finds the recorder paused: a pause whose start is a lower bound',
    [read(1_000, 'Paused')],
    [
      [
        ['change', 'r1', iso(1_000), 'Pause', 'read', null, iso(1_000)],
        ['pause', 'r2', iso(1_000), false],
      ],
    ],
  ],
  [
    'our pause, its echo, then its trusted answer: by the agent, confirmed by the answer',
    [startedAt1, send(2_000, Pause), event(2_100, Pause), answer(2_200, 'Paused')],
    [
      [foundStarted],
      [],
      [
        ['change', 'r2', iso(2_100), 'Pause', 'agent', ACTOR, null],
        ['pause', 'r3', iso(2_100), true],
      ],
      [['patch', 'r2', { confirmedAt: iso(2_200) }]],
    ],
  ],
  [
    'a trusted answer before its echo: confirmed at once; the late echo adds nothing',
    [
      startedAt1,
      send(2_000, Pause),
      answer(2_200, 'Paused'),
      event(2_300, Pause),
      read(2_400, 'Paused'),
    ],
    [
      [foundStarted],
      [],
      [
        ['change', 'r2', iso(2_200), 'Pause', 'agent', ACTOR, iso(2_200)],
        ['pause', 'r3', iso(2_200), true],
      ],
      [],
      [],
    ],
  ],
  [
    'an answer not trusted: the read that finds its effect credits the agent',
    [startedAt1, send(2_000, Pause), untrustedAnswer(2_200, 'Paused'), read(2_300, 'Paused')],
    [
      [foundStarted],
      [],
      [],
      [
        ['change', 'r2', iso(2_300), 'Pause', 'agent', ACTOR, iso(2_300)],
        ['pause', 'r3', iso(2_300), false],
      ],
    ],
  ],
  [
    'a failed action that took effect anyway: the read credits the agent',
    [startedAt1, send(2_000, Mark), failed(2_200), read(2_300, 'Started', { marking: 'Mark' })],
    [[foundStarted], [], [], [['change', 'r2', iso(2_300), 'Mark', 'agent', ACTOR, iso(2_300)]]],
  ],
  [
    "another party's pause (an event), confirmed by the read after it",
    [startedAt1, event(2_000, Pause), read(2_500, 'Paused')],
    [
      [foundStarted],
      [
        ['change', 'r2', iso(2_000), 'Pause', 'other', null, null],
        ['pause', 'r3', iso(2_000), true],
      ],
      [['patch', 'r2', { confirmedAt: iso(2_500) }]],
    ],
  ],
  [
    'an event a read contradicts: left unconfirmed; what the read found is on record',
    [startedAt1, event(2_000, Pause), read(2_500, 'Started')],
    [
      [foundStarted],
      [
        ['change', 'r2', iso(2_000), 'Pause', 'other', null, null],
        ['pause', 'r3', iso(2_000), true],
      ],
      [
        ['change', 'r4', iso(2_500), 'Start', 'read', null, iso(2_500)],
        ['patch', 'r3', { end: iso(2_500), durationMs: 500, endedBy: 'other-party' }],
      ],
    ],
  ],
  [
    'two changes announced before a read: only the latest can be confirmed',
    [startedAt1, event(2_000, Pause), event(2_100, Start), read(2_500, 'Started')],
    [
      [foundStarted],
      [
        ['change', 'r2', iso(2_000), 'Pause', 'other', null, null],
        ['pause', 'r3', iso(2_000), true],
      ],
      [
        ['change', 'r4', iso(2_100), 'Start', 'other', null, null],
        ['patch', 'r3', { end: iso(2_100), durationMs: 100, endedBy: 'other-party' }],
      ],
      [['patch', 'r4', { confirmedAt: iso(2_500) }]],
    ],
  ],
  [
    'a read that finds two changes no event announced: one record for each',
    [startedAt1, read(3_000, 'Started', { marking: 'Mark', saving: 'Save' })],
    [
      [foundStarted],
      [
        ['change', 'r2', iso(3_000), 'Mark', 'read', null, iso(3_000)],
        ['change', 'r3', iso(3_000), 'Save', 'read', null, iso(3_000)],
      ],
    ],
  ],
  [
    'a pause that turns Unknown stays open until a known state ends it',
    [read(1_000, 'Paused'), read(2_000, 'Unknown'), read(3_000, 'Started')],
    [
      [
        ['change', 'r1', iso(1_000), 'Pause', 'read', null, iso(1_000)],
        ['pause', 'r2', iso(1_000), false],
      ],
      [],
      [
        ['change', 'r3', iso(3_000), 'Start', 'read', null, iso(3_000)],
        ['patch', 'r2', { end: iso(3_000), durationMs: 2_000, endedBy: 'other-party' }],
      ],
    ],
  ],
])('%s', (_name, steps, expected) => {
  expect(record(steps)).toEqual(expected)
})

// How a pause ends: who ended it decides `endedBy`

const pausedAt2 = [startedAt1, event(2_000, Pause), read(2_100, 'Paused')]

test.each<[string, Step[], string, string | null, string]>([
  ['the agent resumes', [send(5_000, Start), event(5_100, Start)], 'agent', ACTOR, 'agent'],
  [
    'the pause guard resumes',
    [send(5_000, Start, 'auto-resume'), event(5_100, Start)],
    'auto-resume',
    ACTOR,
    'auto-resume',
  ],
  [
    'a supervisor resumes from the board',
    [send(5_000, Start, 'supervisor'), event(5_100, Start)],
    'supervisor',
    ACTOR,
    'other-party',
  ],
  [
    'a host page resumes',
    [send(5_000, Start, 'host'), event(5_100, Start)],
    'host',
    ACTOR,
    'other-party',
  ],
  ['another party resumes (an event)', [event(5_100, Start)], 'other', null, 'other-party'],
  ['a read finds it resumed', [read(5_100, 'Started')], 'read', null, 'other-party'],
  ['another party stops it', [event(5_100, Stop)], 'other', null, 'other-party'],
])('%s: the pause ends, with its duration', (name, steps, source, requester, endedBy) => {
  const ops = record([...pausedAt2, ...steps]).flat() as unknown[][]
  const action = name.includes('stops') ? 'Stop' : 'Start'
  const confirmedAt = source === 'read' ? iso(5_100) : null
  expect(ops).toContainEqual(['change', 'r4', iso(5_100), action, source, requester, confirmedAt])
  expect(ops.at(-1)).toEqual(['patch', 'r3', { end: iso(5_100), durationMs: 3_100, endedBy }])
})

test('the call ends while paused: the pause closes as call-ended, at that time', () => {
  expect(record([...pausedAt2, ended(9_000)]).at(-1)).toEqual([
    ['patch', 'r3', { end: iso(9_000), durationMs: 7_000, endedBy: 'call-ended' }],
  ])
})

test("the service's Stop as the call ends (announced first): the pause it closed becomes call-ended", () => {
  const ops = record([...pausedAt2, event(8_000, Stop), ended(8_100)])
  expect(ops.at(-2)).toContainEqual([
    'patch',
    'r3',
    { end: iso(8_000), durationMs: 6_000, endedBy: 'other-party' },
  ])
  expect(ops.at(-1)).toEqual([['patch', 'r3', { endedBy: 'call-ended' }]])
})

test("a Stop of a pause that a read confirmed stays the other party's when the call later ends", () => {
  const ops = record([...pausedAt2, event(8_000, Stop), read(8_100, 'Stopped'), ended(9_000)])
  expect(ops.at(-1)).toEqual([])
})

test('an ended call revived by an event while still paused: a new pause opens', () => {
  const ops = record([...pausedAt2, ended(9_000), event(12_000, Pause)])
  expect(ops.at(-1)).toEqual([['pause', 'r4', iso(12_000), true]])
})

test('a call first seen already paused (no earlier version): its last change, and its pause', () => {
  const recorder = new LedgerRecorder({ newId: counter() })
  const paused = eventArrived(
    readAnswered(newEntry(CALL), 0, state('Started'), T0).entry,
    Pause,
    T0 + 500,
  ).entry
  expect(
    recorder.observe(undefined, paused, { actorSipUri: ACTOR, now: T0 + 600 }).map(short),
  ).toEqual([
    ['change', 'r1', iso(500), 'Pause', 'other', null, null],
    ['pause', 'r2', iso(500), true],
  ])
})

test('a step that changes nothing writes nothing', () => {
  expect(record([startedAt1, read(2_000, 'Started'), read(3_000, 'Started')])).toEqual([
    [foundStarted],
    [],
    [],
  ])
})

test('the recorder keeps only what is open, and lets go of a call when asked', () => {
  const recorder = new LedgerRecorder({ newId: counter() })
  record([startedAt1], recorder)
  expect(recorder.openCalls).toBe(0)
  record([startedAt1, event(2_000, Pause)], recorder)
  expect(recorder.openCalls).toBe(1)
  recorder.forget(CALL.uccName.toUpperCase(), CALL.correlationId.toUpperCase())
  expect(recorder.openCalls).toBe(0)
})

test('calls are kept apart', () => {
  const recorder = new LedgerRecorder({ newId: counter() })
  const other = { uccName: 'ucc-sales', correlationId: '2d6c6a58-6739-4f0c-98ff-0968292c8c31' }
  const a = eventArrived(readAnswered(newEntry(CALL), 0, state('Started'), T0).entry, Pause, T0)
  const b = readAnswered(newEntry(other), 0, { ...state('Started'), ...other }, T0).entry
  recorder.observe(undefined, a.entry, { actorSipUri: ACTOR, now: T0 })
  const ops = recorder.observe(undefined, b, { actorSipUri: ACTOR, now: T0 })
  expect(ops).toEqual([
    {
      type: 'append',
      record: expect.objectContaining({ kind: 'change', action: 'Start', ucc: 'ucc-sales' }),
    },
  ])
  expect(recorder.openCalls).toBe(1)
})

test('record ids are unique without an id maker of its own', () => {
  const recorder = new LedgerRecorder()
  const entry = readAnswered(newEntry(CALL), 0, state('Paused', { marking: 'Mark' }), T0).entry
  const ids = recorder
    .observe(undefined, entry, { actorSipUri: null, now: T0 })
    .map((op) => (op.type === 'append' ? op.record.id : ''))
  expect(ids).toHaveLength(3)
  expect(new Set(ids).size).toBe(3)
  expect(ids[0]).toMatch(/^[0-9a-z]+-[0-9a-z]{4}-[0-9a-z]{14}$/)
  // Records of one moment sort in the order they were made.
  expect([...ids].sort()).toEqual(ids)
})

test('save is recorded with its action name', () => {
  const ops = record([startedAt1, event(2_000, Save)]).flat() as unknown[][]
  expect(ops).toContainEqual(['change', 'r2', iso(2_000), 'Save', 'other', null, null])
})
