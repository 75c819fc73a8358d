import type { IDBPDatabase } from 'idb'
import { isoTime, ledgerCallKey, type LedgerRecord } from './ledger-records.ts'
import { RECORDS, type LedgerSchema, type StoredRecord } from './ledger-db.ts'

// Reading the ledger's records (ledger-store.ts) from its object store, through its indexes:
// `by-call` ([call, time]) for one call's records, `by-time` for a time range. Both give the records
// oldest first, as they were given to the ledger (without the stored key of their call).

/** The call's records (UCC and correlation id in any casing), oldest first. */
export async function recordsOfCall(
  db: IDBPDatabase<LedgerSchema>,
  ucc: string,
  correlationId: string,
): Promise<LedgerRecord[]> {
  const rows = await db.getAllFromIndex(
    RECORDS,
    'by-call',
    callRange(ledgerCallKey(ucc, correlationId)),
  )
  return rows.map(unstored)
}

/** Every record from `fromMs` to `toMs` (inclusive), oldest first; none when `fromMs` is later. */
export async function recordsBetween(
  db: IDBPDatabase<LedgerSchema>,
  fromMs: number,
  toMs: number,
): Promise<LedgerRecord[]> {
  if (!(fromMs <= toMs)) return []
  const range = IDBKeyRange.bound(isoTime(fromMs), isoTime(toMs))
  return (await db.getAllFromIndex(RECORDS, 'by-time', range)).map(unstored)
}

/** Every record of a call in the `by-call` index: [call, any time]. */
export function callRange(call: string): IDBKeyRange {
  return IDBKeyRange.bound([call], [call, []])
}

/** A record as the ledger was given it: without the key of its call. */
export function unstored({ call: _call, ...record }: StoredRecord): LedgerRecord {
  return record as LedgerRecord
}
