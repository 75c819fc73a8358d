import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import type { IDBPDatabase } from 'idb'
import { afterEach, beforeEach, expect, test } from 'vitest'
import type { ChangeRecord } from './ledger-records.ts'
import { openLedgerDatabase, RECORDS, type LedgerSchema } from './ledger-db.ts'
import { inRecordsTransaction } from './ledger-writes.ts'
import { pruneRecords, trimOldest, type Pruned } from './ledger-retention.ts'

// IndexedDB is fake-indexeddb, a fresh database per test.

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0)
let db: IDBPDatabase<LedgerSchema>

beforeEach(async () => {
  db = await openLedgerDatabase(new IDBFactory(), 1_000)
})

afterEach(() => {
  db.close()
})

/** Stores a record at each time (ms from NOW), in the order given; its id says its time. */
async function storeAt(...times: number[]): Promise<void> {
  for (const ms of times) {
    const record: ChangeRecord = {
      kind: 'change',
      id: `at${ms}`,
      time: new Date(NOW + ms).toISOString(),
      ucc: 'ucc',
      correlationId: 'id',
      action: 'Start',
      source: 'agent',
      requesterSipUri: null,
      confirmedAt: null,
    }
    await db.put(RECORDS, { ...record, call: 'ucc|id' })
  }
}

async function kept(): Promise<string[]> {
  return (await db.getAllFromIndex(RECORDS, 'by-time')).map((r) => r.id)
}

async function prune(cutoffMs: number, maxRecords: number): Promise<Pruned> {
  let pruned: Pruned | undefined
  await inRecordsTransaction(db, async (store) => {
    pruned = await pruneRecords(store, cutoffMs, maxRecords)
  })
  return pruned!
}

async function trim(maxRecords: number): Promise<Pruned> {
  let trimmed: Pruned | undefined
  await inRecordsTransaction(db, async (store) => {
    trimmed = await trimOldest(store, maxRecords)
  })
  return trimmed!
}

test('records from before the cutoff go; one at the cutoff stays', async () => {
  await storeAt(0, -3_000, 1_000, -1_000, -1)
  expect(await prune(NOW - 1_000, 100)).toEqual({ removed: true, count: 4 })
  expect(await kept()).toEqual(['at-1000', 'at-1', 'at0', 'at1000'])
})

test('nothing old: nothing removed, and the count of what is there', async () => {
  await storeAt(0, 1_000)
  expect(await prune(NOW - 1_000, 100)).toEqual({ removed: false, count: 2 })
  expect(await kept()).toEqual(['at0', 'at1000'])
})

test('pruning also keeps the store to maxRecords, the oldest going first', async () => {
  await storeAt(5_000, -9_000, 1_000, 3_000, 2_000, 4_000)
  expect(await prune(NOW - 5_000, 3)).toEqual({ removed: true, count: 3 })
  expect(await kept()).toEqual(['at3000', 'at4000', 'at5000'])
})

test('beyond maxRecords the oldest by time go, whatever order they were written in', async () => {
  await storeAt(3_000, 1_000, 4_000, 0, 2_000)
  expect(await trim(2)).toEqual({ removed: true, count: 2 })
  expect(await kept()).toEqual(['at3000', 'at4000'])
})

test('at or under maxRecords nothing goes, and the count is what is there', async () => {
  await storeAt(0, 1_000)
  expect(await trim(2)).toEqual({ removed: false, count: 2 })
  expect(await trim(10)).toEqual({ removed: false, count: 2 })
  expect(await kept()).toEqual(['at0', 'at1000'])
})
