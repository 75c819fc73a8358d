import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import type { ChangeRecord, LedgerOp, LedgerRecord, PauseRecord } from './ledger-records.ts'
import { LEDGER_DB_VERSION } from './ledger-db.ts'
import {
  LEDGER_DB_NAME,
  openLedger,
  type Ledger,
  type LedgerChange,
  type LedgerFailure,
  type LedgerOptions,
} from './ledger-store.ts'

// IndexedDB is fake-indexeddb (a fresh database per test); timers and Date are fake, so batches
// and the hourly retention run when the test says. fake-indexeddb schedules its own work with
// setImmediate, which stays real.

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0)
const DAY = 86_400_000
const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const ledgers: Ledger[] = []
let factory: IDBFactory

beforeEach(() => {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'],
  })
  vi.setSystemTime(NOW)
  factory = new IDBFactory()
})

afterEach(async () => {
  for (const ledger of ledgers.splice(0)) await ledger.close()
  vi.restoreAllMocks()
  vi.useRealTimers()
})

let channels = 0
async function open(options: Partial<LedgerOptions> = {}): Promise<Ledger> {
  const ledger = await openLedger({
    retentionDays: 30,
    indexedDB: factory,
    channelName: null,
    ...options,
  })
  ledgers.push(ledger)
  return ledger
}

let ids = 0
function change(fields: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    kind: 'change',
    id: `c${++ids}`,
    time: new Date(NOW).toISOString(),
    ucc: UCC,
    correlationId: ID,
    action: 'Pause',
    source: 'agent',
    requesterSipUri: 'sip:agent@example.com',
    confirmedAt: null,
    ...fields,
  }
}

function pause(fields: Partial<PauseRecord> = {}): PauseRecord {
  const time = fields.start ?? new Date(NOW).toISOString()
  return {
    kind: 'pause',
    id: `p${++ids}`,
    time,
    ucc: UCC,
    correlationId: ID,
    start: time,
    startExact: true,
    end: null,
    durationMs: null,
    endedBy: null,
    reason: null,
    ...fields,
  }
}

const append = (record: LedgerRecord): LedgerOp => ({ type: 'append', record })
const at = (ms: number) => new Date(NOW + ms).toISOString()

/** Readwrite transactions opened on the (fake) database from now on. */
function countWrites() {
  const spy = vi.spyOn(IDBDatabase.prototype, 'transaction')
  return () => spy.mock.calls.filter(([, mode]) => mode === 'readwrite').length
}

// Round trip

test('what is applied is written, and read back per call (any casing), oldest first', async () => {
  const ledger = await open()
  const opened = pause({ start: at(1_000) })
  const paused = change({ time: at(1_001) })
  const other = change({ correlationId: '2d6c6a58-6739-4f0c-98ff-0968292c8c31' })
  expect(ledger.apply([append(opened), append(paused), append(other)])).toBeUndefined()
  ledger.apply([
    { type: 'patch', id: paused.id, patch: { confirmedAt: at(1_200) } },
    {
      type: 'patch',
      id: opened.id,
      patch: { end: at(4_000), durationMs: 3_000, endedBy: 'agent', confirmedAt: 'not a field' },
    },
    append(change({ time: at(4_000), action: 'Start' })),
  ])
  await ledger.flush()

  const records = await ledger.forCall(UCC.toUpperCase(), ID.toUpperCase())
  expect(records.map((r) => r.id)).toEqual([opened.id, paused.id, `c${ids}`])
  expect(records[0]).toEqual({ ...opened, end: at(4_000), durationMs: 3_000, endedBy: 'agent' })
  expect(records[1]).toEqual({ ...paused, confirmedAt: at(1_200) })
  expect(await ledger.forCall(UCC, other.correlationId)).toEqual([other])
})

test('records between two times, inclusive, oldest first', async () => {
  const ledger = await open()
  const records = [-2_000, -1_000, 0, 1_000, 2_000].map((ms) => change({ time: at(ms) }))
  ledger.apply(records.map(append))
  expect((await ledger.between(NOW - 1_000, NOW + 1_000)).map((r) => r.time)).toEqual([
    at(-1_000),
    at(0),
    at(1_000),
  ])
  expect(await ledger.between(NOW + 1, NOW)).toEqual([])
})

test('a reason goes on the call’s latest pause, even one still waiting in the same batch', async () => {
  const ledger = await open()
  const first = pause({ start: at(-60_000) })
  const latest = pause({ start: at(-5_000) })
  const elsewhere = pause({ correlationId: '2d6c6a58-6739-4f0c-98ff-0968292c8c31' })
  ledger.apply([append(first), append(elsewhere)])
  await ledger.flush()
  ledger.apply([append(latest), append(change())])
  ledger.setPauseReason(UCC.toUpperCase(), ID, 'Card payment')
  await ledger.flush()

  const reasons = (await ledger.forCall(UCC, ID)).flatMap((r) =>
    r.kind === 'pause' ? [[r.id, r.reason]] : [],
  )
  expect(reasons).toEqual([
    [first.id, null],
    [latest.id, 'Card payment'],
  ])
  expect(await ledger.forCall(UCC, elsewhere.correlationId)).toEqual([elsewhere])
})

test('an incident stays on record; whether the recording was deleted is updated later', async () => {
  const ledger = await open()
  const id = ledger.recordIncident({
    ucc: UCC,
    correlationId: ID,
    requesterSipUri: 'sip:agent@example.com',
    marked: true,
  })
  await ledger.flush()
  ledger.updateIncident(id, { deleted: true })
  await ledger.flush()
  expect(await ledger.forCall(UCC, ID)).toEqual([
    {
      kind: 'incident',
      id,
      time: at(0),
      ucc: UCC,
      correlationId: ID,
      requesterSipUri: 'sip:agent@example.com',
      marked: true,
      deleted: true,
    },
  ])
})

// Batching

test('ops are written in batches: many ops, few transactions, after the batch delay', async () => {
  const ledger = await open({ batchMs: 250, maxBatch: 500 })
  const writes = countWrites()
  const changes: LedgerChange[] = []
  ledger.subscribe((change) => changes.push(change))

  for (let i = 0; i < 12; i++) ledger.apply(Array.from({ length: 100 }, () => append(change())))
  await vi.advanceTimersByTimeAsync(249)
  expect(writes()).toBe(0)
  await vi.advanceTimersByTimeAsync(1)
  await ledger.flush()

  expect(writes()).toBe(3) // 1,200 ops: 500 + 500 + 200
  expect(changes).toEqual([
    { calls: [`${UCC}|${ID}`] },
    { calls: [`${UCC}|${ID}`] },
    { calls: [`${UCC}|${ID}`] },
  ])
  expect(await ledger.forCall(UCC, ID)).toHaveLength(1_200)
})

test('ops given while a batch is being written go in the next one', async () => {
  const ledger = await open({ batchMs: 100 })
  const writes = countWrites()
  ledger.apply([append(change())])
  await vi.advanceTimersByTimeAsync(100)
  expect(writes()).toBe(1) // on its way
  ledger.apply([append(change()), append(change())])
  await vi.waitFor(() => expect(writes()).toBe(2))
  await ledger.flush()
  expect(writes()).toBe(2)
  expect(await ledger.forCall(UCC, ID)).toHaveLength(3)
})

test('a write that fails is reported, never thrown, and nothing of its batch is kept', async () => {
  const ledger = await open()
  const failures: LedgerFailure[] = []
  ledger.onFailure((failure) => failures.push(failure))
  const kept = change()
  ledger.apply([append(kept)])
  await ledger.flush()
  // A value IndexedDB cannot store (a function) makes its batch fail.
  const unstorable = { ...change(), reason: () => 'no' } as unknown as LedgerRecord
  ledger.apply([append(change()), append(unstorable)])
  await ledger.flush()

  expect(failures).toEqual([
    { operation: 'write', error: expect.objectContaining({ name: 'DataCloneError' }), lost: 2 },
  ])
  expect(ledger.available).toBe(true)
  expect(await ledger.forCall(UCC, ID)).toEqual([kept])
})

test('too many ops waiting: the oldest are dropped and reported', async () => {
  const ledger = await open({ maxQueued: 5 })
  const failures: LedgerFailure[] = []
  ledger.onFailure((failure) => failures.push(failure))
  const records = Array.from({ length: 7 }, () => change())
  ledger.apply(records.map(append))
  await ledger.flush()
  expect(failures).toMatchObject([{ operation: 'queue', lost: 2 }])
  expect((await ledger.forCall(UCC, ID)).map((r) => r.id)).toEqual(
    records.slice(2).map((r) => r.id),
  )
})

// Retention and size

test('records older than retentionDays are deleted on open, and once an hour after', async () => {
  const first = await open({ retentionDays: 30 })
  const old = change({ time: new Date(NOW - 31 * DAY).toISOString() })
  const nearly = change({ time: new Date(NOW - 30 * DAY + 30 * 60_000).toISOString() })
  const recent = change({ time: at(0) })
  first.apply([old, nearly, recent].map(append))
  await first.flush()
  expect(await first.forCall(UCC, ID)).toHaveLength(3)

  await first.close()
  const second = await open({ retentionDays: 30 })
  expect((await second.forCall(UCC, ID)).map((r) => r.id)).toEqual([nearly.id, recent.id])

  const changes: LedgerChange[] = []
  second.subscribe((change) => changes.push(change))
  await vi.advanceTimersByTimeAsync(59 * 60_000)
  expect(await second.forCall(UCC, ID)).toHaveLength(2)
  await vi.advanceTimersByTimeAsync(60_000)
  await vi.waitFor(() => expect(changes).toEqual([{ calls: null }]))
  expect((await second.forCall(UCC, ID)).map((r) => r.id)).toEqual([recent.id])
})

test('beyond maxRecords the oldest records go', async () => {
  const ledger = await open({ maxRecords: 10 })
  const records = Array.from({ length: 15 }, (_, i) => change({ time: at(i * 1_000) }))
  ledger.apply([...records].reverse().map(append))
  await ledger.flush()
  expect((await ledger.forCall(UCC, ID)).map((r) => r.id)).toEqual(
    records.slice(5).map((r) => r.id),
  )
  // And on open, for what other tabs wrote.
  const reopened = await open({ maxRecords: 4 })
  expect((await reopened.forCall(UCC, ID)).map((r) => r.id)).toEqual(
    records.slice(11).map((r) => r.id),
  )
})

// When no ledger can be kept

test('no IndexedDB at all: unavailable, and every call is harmless', async () => {
  const ledger = await open({ indexedDB: null })
  expect(ledger).toMatchObject({ available: false, unavailableReason: 'unsupported' })
  ledger.apply([append(change())])
  ledger.setPauseReason(UCC, ID, 'x')
  expect(
    typeof ledger.recordIncident({
      ucc: UCC,
      correlationId: ID,
      requesterSipUri: null,
      marked: false,
    }),
  ).toBe('string')
  expect(await ledger.forCall(UCC, ID)).toEqual([])
  expect(await ledger.between(0, NOW)).toEqual([])
})

test.each<[string, () => IDBFactory, string]>([
  [
    'open throws (a private window, a sandboxed frame)',
    () =>
      ({
        open() {
          throw new DOMException('denied', 'SecurityError')
        },
      }) as unknown as IDBFactory,
    'open-failed',
  ],
  [
    'open fails',
    () => requestThat((request) => request.onerror?.(new Event('error'))),
    'open-failed',
  ],
  [
    'an older version of the panel in another tab blocks it',
    () =>
      requestThat((request) => request.onblocked?.(new Event('blocked') as IDBVersionChangeEvent)),
    'blocked',
  ],
])('%s: unavailable, with the reason', async (_name, make, reason) => {
  const ledger = await open({ indexedDB: make() })
  expect(ledger).toMatchObject({ available: false, unavailableReason: reason })
})

test('open never answers: unavailable after the open timeout', async () => {
  const pending = openLedger({
    retentionDays: 30,
    indexedDB: requestThat(() => undefined),
    openTimeoutMs: 10_000,
  })
  await vi.advanceTimersByTimeAsync(10_000)
  expect(await pending).toMatchObject({ available: false, unavailableReason: 'timeout' })
})

/** A factory whose open request does `then` (and nothing else) once opened. */
function requestThat(then: (request: IDBOpenDBRequest) => void): IDBFactory {
  return {
    open() {
      const request = { error: new DOMException('refused', 'UnknownError') } as IDBOpenDBRequest
      queueMicrotask(() => then(request))
      return request
    },
  } as unknown as IDBFactory
}

test('the browser refuses a write for lack of space: unavailable from then on, and reported', async () => {
  const ledger = await open()
  const failures: LedgerFailure[] = []
  const changes: LedgerChange[] = []
  ledger.onFailure((failure) => failures.push(failure))
  ledger.subscribe((change) => changes.push(change))
  const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
  })
  ledger.apply([append(change()), append(change())])
  await ledger.flush()
  expect(put).toHaveBeenCalledOnce()
  expect(ledger).toMatchObject({ available: false, unavailableReason: 'quota' })
  expect(failures).toMatchObject([
    { operation: 'write', error: { name: 'QuotaExceededError' }, lost: 2 },
  ])
  expect(changes).toEqual([{ calls: null }])
  ledger.apply([append(change())])
  await ledger.flush()
  expect(put).toHaveBeenCalledOnce()
})

test('a newer version of the panel takes the database: this one lets go, unavailable', async () => {
  const ledger = await open()
  const changes: LedgerChange[] = []
  ledger.subscribe((change) => changes.push(change))
  const newer = factory.open(LEDGER_DB_NAME, LEDGER_DB_VERSION + 1)
  await new Promise((resolve) => (newer.onsuccess = resolve))
  newer.result.close()
  expect(ledger).toMatchObject({ available: false, unavailableReason: 'closed' })
  expect(changes).toEqual([{ calls: null }])
  expect(await ledger.forCall(UCC, ID)).toEqual([])
})

// Other tabs

test('a change in one tab is heard in another tab of the same browser', async () => {
  const channelName = `ledger-test-${++channels}-${Math.random()}`
  const writer = await open({ channelName })
  const reader = await open({ channelName })
  const heard = new Promise<LedgerChange>((resolve) => reader.subscribe(resolve))
  const here: LedgerChange[] = []
  writer.subscribe((change) => here.push(change))

  const record = change()
  writer.apply([append(record)])
  await writer.flush()

  expect(here).toEqual([{ calls: [`${UCC}|${ID}`] }])
  expect(await heard).toEqual({ calls: [`${UCC}|${ID}`] })
  expect(await reader.forCall(UCC, ID)).toEqual([record])
})

test('a listener that unsubscribed hears nothing more', async () => {
  const ledger = await open()
  const listener = vi.fn()
  const unsubscribe = ledger.subscribe(listener)
  ledger.apply([append(change())])
  await ledger.flush()
  unsubscribe()
  ledger.apply([append(change())])
  await ledger.flush()
  expect(listener).toHaveBeenCalledOnce()
})
