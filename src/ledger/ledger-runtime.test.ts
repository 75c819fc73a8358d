import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, expect, test, vi } from 'vitest'
import type { CallState } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { actionAnswered, actionSent } from '../recording-state/action-flight.ts'
import {
  eventArrived,
  newEntry,
  readAnswered,
  type CallEntry,
} from '../recording-state/call-entry.ts'
import { createLedgerClient } from './ledger-client.ts'
import { startLedger } from './ledger-runtime.ts'
import type { Ledger, LedgerFailure } from './ledger-store.ts'

// The whole chain: the client queues, loads the runtime (store and recorder) with its dynamic
// import, and the ledger in (fake) IndexedDB holds what the steps of a call meant.

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const ACTOR = 'sip:agent@example.com'
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0)
const iso = (ms: number) => new Date(T0 + ms).toISOString()
const opened: Ledger[] = []

afterEach(async () => {
  for (const ledger of opened.splice(0)) await ledger.close()
})

function state(recording: CallState['recording']): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None' }
}

/** Found running; the agent pauses (echo, then trusted answer); 3 minutes later the guard resumes. */
function steps(): [CallEntry | undefined, CallEntry, number][] {
  const out: [CallEntry | undefined, CallEntry, number][] = []
  let entry: CallEntry | undefined
  const step = (next: CallEntry, at: number) => {
    out.push([entry, next, T0 + at])
    entry = next
  }
  step(readAnswered(newEntry(CALL), 0, state('Started'), T0).entry, 0)
  step(actionSent(entry!, RecordingAction.Pause, 1, 'agent'), 1_000)
  step(eventArrived(entry!, RecordingAction.Pause, T0 + 1_050).entry, 1_050)
  step(actionAnswered(entry!, state('Paused'), 1, T0 + 1_100).entry, 1_100)
  step(actionSent(entry!, RecordingAction.Start, 1, 'auto-resume'), 181_000)
  step(actionAnswered(entry!, state('Started'), 1, T0 + 181_050).entry, 181_050)
  return out
}

test('through the client: steps observed before start() are on record once it has loaded', async () => {
  const client = createLedgerClient()
  for (const [prev, next, now] of steps()) client.observe(prev, next, { actorSipUri: ACTOR, now })
  const reason = client.run((l) =>
    l.setPauseReason(CALL.uccName, CALL.correlationId, 'Card payment'),
  )
  const ledger = await client.start({
    retentionDays: 30,
    now: () => T0,
    indexedDB: new IDBFactory(),
    channelName: null,
  })
  opened.push(ledger)
  await reason
  const records = await ledger.forCall(CALL.uccName, CALL.correlationId)
  expect(
    records.map((r) => (r.kind === 'change' ? [r.action, r.source, r.confirmedAt] : r)),
  ).toEqual([
    ['Start', 'read', iso(0)],
    ['Pause', 'agent', iso(1_100)],
    expect.objectContaining({
      kind: 'pause',
      start: iso(1_050),
      startExact: true,
      end: iso(181_050),
      durationMs: 180_000,
      endedBy: 'auto-resume',
      reason: 'Card payment',
    }),
    ['Start', 'auto-resume', iso(181_050)],
  ])
  expect(records.filter((r) => r.kind === 'change').map((r) => r.requesterSipUri)).toEqual([
    null,
    ACTOR,
    ACTOR,
  ])
})

test('a recorder that throws loses that step only, and says so', async () => {
  const failures: LedgerFailure[] = []
  const runtime = await startLedger({
    retentionDays: 30,
    indexedDB: new IDBFactory(),
    channelName: null,
    onFailure: (failure) => failures.push(failure),
  })
  opened.push(runtime.ledger)
  const broken = { ...newEntry(CALL), state: undefined } as unknown as CallEntry
  expect(() => runtime.observe(undefined, broken, { actorSipUri: ACTOR, now: T0 })).not.toThrow()
  expect(failures).toMatchObject([{ operation: 'write', lost: 1 }])
  const [, first] = steps()[0]!
  runtime.observe(undefined, first, { actorSipUri: ACTOR, now: T0 })
  expect(await runtime.ledger.forCall(CALL.uccName, CALL.correlationId)).toHaveLength(1)
})

test('no ledger kept: the steps cost nothing and write nothing', async () => {
  const runtime = await startLedger({ retentionDays: 30, indexedDB: null })
  const apply = vi.spyOn(runtime.ledger, 'apply')
  const [, first] = steps()[0]!
  runtime.observe(undefined, first, { actorSipUri: ACTOR, now: T0 })
  expect(runtime.ledger.available).toBe(false)
  expect(apply).not.toHaveBeenCalled()
})
