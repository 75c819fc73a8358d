import { isoTime } from './ledger-records.ts'
import type { RecordStore } from './ledger-writes.ts'

// How the ledger stays bounded (ledger-store.ts): records older than the retention are deleted (on
// open and once an hour), and beyond `maxRecords` the oldest go (then, and after a write that
// passes it). Both in the transaction they are given.

/** How often the ledger deletes what is older than its retention. */
export const RETENTION_EVERY_MS = 3_600_000

export interface Pruned {
  /** Whether any record was deleted. */
  readonly removed: boolean
  /** How many records the store holds now. */
  readonly count: number
}

/** Deletes the records from before `cutoffMs`, then the oldest beyond `maxRecords`. */
export async function pruneRecords(
  store: RecordStore,
  cutoffMs: number,
  maxRecords: number,
): Promise<Pruned> {
  const old = await store
    .index('by-time')
    .getAllKeys(IDBKeyRange.upperBound(isoTime(cutoffMs), true))
  await Promise.all(old.map((key) => store.delete(key)))
  const trimmed = await trimOldest(store, maxRecords)
  return { removed: old.length > 0 || trimmed.removed, count: trimmed.count }
}

/** Deletes the oldest records beyond `maxRecords`. */
export async function trimOldest(store: RecordStore, maxRecords: number): Promise<Pruned> {
  const excess = (await store.count()) - maxRecords
  if (excess <= 0) return { removed: false, count: maxRecords + excess }
  const oldest = await store.index('by-time').getAllKeys(null, excess)
  await Promise.all(oldest.map((key) => store.delete(key)))
  return { removed: true, count: maxRecords }
}
