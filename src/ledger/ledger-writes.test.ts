import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import type { IDBPDatabase } from 'idb'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { ChangeRecord, LedgerOp, PauseRecord } from './ledger-records.ts'
import { openLedgerDatabase, RECORDS, type LedgerSchema, type StoredRecord } from './ledger-db.ts'
import { applyOp, inRecordsTransaction, patched } from './ledger-writes.ts'

// IndexedDB is fake-indexeddb, a fresh database per test.

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0)
const UCC = 'UCC-Demo'
const ID = '1D6C6A58-6739-4f0c-98ff-0968292c8c30'
const CALL = 'ucc-demo|1d6c6a58-6739-4f0c-98ff-0968292c8c30'
let db: IDBPDatabase<LedgerSchema>

beforeEach(async () => {
  db = await openLedgerDatabase(new IDBFactory(), 1_000)
})

afterEach(() => {
  db.close()
})

const at = (ms: number) => new Date(NOW + ms).toISOString()
let ids = 0

function change(fields: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    kind: 'change',
    id: `c${++ids}`,
    time: at(0),
    ucc: UCC,
    correlationId: ID,
    action: 'Pause',
    source: 'agent',
    requesterSipUri: null,
    confirmedAt: null,
    ...fields,
  }
}

function pause(startMs: number, fields: Partial<PauseRecord> = {}): PauseRecord {
  return {
    kind: 'pause',
    id: `p${++ids}`,
    time: at(startMs),
    ucc: UCC,
    correlationId: ID,
    start: at(startMs),
    startExact: true,
    end: null,
    durationMs: null,
    endedBy: null,
    reason: null,
    ...fields,
  }
}

/** Writes the ops in one transaction; what each returned, and the calls they changed. */
async function write(...ops: LedgerOp[]) {
  const calls = new Set<string>()
  const added: boolean[] = []
  await inRecordsTransaction(db, async (store) => {
    for (const op of ops) added.push(await applyOp(store, op, calls))
  })
  return { added, calls: [...calls] }
}

const stored = (id: string) => db.get(RECORDS, id)

test('an append stores the record with the key of its call (lowercased)', async () => {
  const record = change()
  expect(await write({ type: 'append', record })).toEqual({ added: [true], calls: [CALL] })
  expect(await stored(record.id)).toEqual({ ...record, call: CALL })
})

test('a patch sets the fields the record has, and only those', async () => {
  const record = change()
  await write({ type: 'append', record })
  const result = await write({
    type: 'patch',
    id: record.id,
    patch: { confirmedAt: at(200), end: at(300), reason: undefined },
  })
  expect(result).toEqual({ added: [false], calls: [CALL] })
  expect(await stored(record.id)).toEqual({ ...record, call: CALL, confirmedAt: at(200) })
})

test('a patch of a record that is gone changes nothing', async () => {
  expect(await write({ type: 'patch', id: 'gone', patch: { marked: true } })).toEqual({
    added: [false],
    calls: [],
  })
  expect(await db.count(RECORDS)).toBe(0)
})

test('a reason goes on the call’s latest pause, past newer records that are not pauses', async () => {
  const first = pause(-60_000)
  const latest = pause(-5_000)
  const elsewhere = pause(0, { correlationId: 'other' })
  await write(...[first, latest, change({ time: at(-1_000) }), elsewhere].map(append))
  const result = await write({
    type: 'pause-reason',
    ucc: UCC.toLowerCase(),
    correlationId: ID,
    reason: 'Card payment',
  })
  expect(result).toEqual({ added: [false], calls: [CALL] })
  expect(await stored(latest.id)).toMatchObject({ reason: 'Card payment' })
  expect(await stored(first.id)).toMatchObject({ reason: null })
  expect(await stored(elsewhere.id)).toMatchObject({ reason: null })
})

test('a reason for a call with no pause changes nothing', async () => {
  await write(append(change()))
  expect(
    await write({ type: 'pause-reason', ucc: UCC, correlationId: ID, reason: 'Card payment' }),
  ).toEqual({ added: [false], calls: [] })
})

test('work that throws keeps nothing of its transaction, and the error is rethrown', async () => {
  const kept = change()
  await write(append(kept))
  const failure = new Error('no')
  await expect(
    inRecordsTransaction(db, async (store) => {
      await applyOp(store, append(change()), new Set())
      throw failure
    }),
  ).rejects.toBe(failure)
  expect((await db.getAll(RECORDS)).map((r) => r.id)).toEqual([kept.id])
})

test('patched: undefined leaves a field be; fields the record lacks are ignored', () => {
  const record: StoredRecord = { ...pause(0), call: CALL }
  expect(
    patched(record, { end: at(1_000), durationMs: 1_000, reason: undefined, marked: true }),
  ).toEqual({
    ...record,
    end: at(1_000),
    durationMs: 1_000,
  })
})

function append(record: ChangeRecord | PauseRecord): LedgerOp {
  return { type: 'append', record }
}
