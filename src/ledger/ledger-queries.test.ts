import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import type { IDBPDatabase } from 'idb'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { ledgerCallKey, type ChangeRecord } from './ledger-records.ts'
import { openLedgerDatabase, RECORDS, type LedgerSchema } from './ledger-db.ts'
import { callRange, recordsBetween, recordsOfCall, unstored } from './ledger-queries.ts'

// IndexedDB is fake-indexeddb, a fresh database per test; records are put in its store as stored.

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0)
const UCC = 'UCC-Demo'
const ID = '1D6C6A58-6739-4f0c-98ff-0968292c8c30'
let db: IDBPDatabase<LedgerSchema>

beforeEach(async () => {
  db = await openLedgerDatabase(new IDBFactory(), 1_000)
})

afterEach(() => {
  db.close()
})

let ids = 0
function change(ms: number, fields: Partial<ChangeRecord> = {}): ChangeRecord {
  return {
    kind: 'change',
    id: `c${++ids}`,
    time: new Date(NOW + ms).toISOString(),
    ucc: UCC,
    correlationId: ID,
    action: 'Pause',
    source: 'agent',
    requesterSipUri: null,
    confirmedAt: null,
    ...fields,
  }
}

async function store(...records: ChangeRecord[]): Promise<void> {
  for (const record of records)
    await db.put(RECORDS, { ...record, call: ledgerCallKey(record.ucc, record.correlationId) })
}

test('a call’s records, in any casing, oldest first, as they were given', async () => {
  const later = change(2_000)
  const earlier = change(-1_000)
  const other = change(0, { correlationId: '2d6c6a58-6739-4f0c-98ff-0968292c8c31' })
  await store(later, other, earlier)
  expect(await recordsOfCall(db, UCC.toLowerCase(), ID.toUpperCase())).toEqual([earlier, later])
  expect(await recordsOfCall(db, UCC, other.correlationId)).toEqual([other])
  expect(await recordsOfCall(db, UCC, 'unknown')).toEqual([])
})

test('a call whose key begins with another call’s key is another call', async () => {
  const short = change(0, { correlationId: 'abc' })
  const long = change(0, { correlationId: 'abcd' })
  await store(short, long)
  expect(await recordsOfCall(db, UCC, 'abc')).toEqual([short])
  expect(callRange('u|abc').includes(['u|abc', 'any time'])).toBe(true)
  expect(callRange('u|abc').includes(['u|abcd', 'any time'])).toBe(false)
})

test('every record between two times, both included, oldest first', async () => {
  const records = [-2_000, 1_000, -1_000, 2_000, 0].map((ms) => change(ms))
  await store(...records)
  expect((await recordsBetween(db, NOW - 1_000, NOW + 1_000)).map((r) => r.time)).toEqual(
    [-1_000, 0, 1_000].map((ms) => new Date(NOW + ms).toISOString()),
  )
  expect(await recordsBetween(db, NOW, NOW)).toEqual([records[4]])
})

test('a range that ends before it begins holds nothing (and does not throw)', async () => {
  await store(change(0))
  expect(await recordsBetween(db, NOW + 1, NOW)).toEqual([])
  expect(await recordsBetween(db, Number.NaN, NOW)).toEqual([])
})

test('a stored record loses only the key of its call', () => {
  const record = change(0)
  expect(unstored({ ...record, call: 'ucc-demo|id' })).toEqual(record)
})
