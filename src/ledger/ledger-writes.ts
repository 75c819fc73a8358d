import type { IDBPDatabase, IDBPObjectStore } from 'idb'
import { ledgerCallKey, type LedgerOp, type LedgerPatch } from './ledger-records.ts'
import { RECORDS, type LedgerSchema, type StoredRecord } from './ledger-db.ts'
import { callRange } from './ledger-queries.ts'

// Writing the ledger's ops (ledger-records.ts) to its object store (ledger-store.ts batches them):
// each op in the transaction of its batch, so that a batch is kept whole or not at all.

export type RecordStore = IDBPObjectStore<LedgerSchema, ['records'], 'records', 'readwrite'>

/** Runs `work` in one readwrite transaction of the records; if it throws, nothing of it is kept. */
export async function inRecordsTransaction(
  db: IDBPDatabase<LedgerSchema>,
  work: (store: RecordStore) => Promise<void>,
): Promise<void> {
  const tx = db.transaction(RECORDS, 'readwrite')
  try {
    await work(tx.store)
  } catch (error) {
    try {
      tx.abort()
    } catch {
      // already finished or aborting
    }
    await tx.done.catch(() => undefined)
    throw error
  }
  await tx.done
}

/**
 * Writes one op; adds to `calls` the key of the call whose records it changed. Returns whether it
 * added a record. A patch of a record that is gone (retention, or its write failed) and a reason
 * for a call with no pause change nothing.
 */
export async function applyOp(
  store: RecordStore,
  op: LedgerOp,
  calls: Set<string>,
): Promise<boolean> {
  switch (op.type) {
    case 'append': {
      const call = ledgerCallKey(op.record.ucc, op.record.correlationId)
      await store.put({ ...op.record, call })
      calls.add(call)
      return true
    }
    case 'patch': {
      const current = await store.get(op.id)
      if (!current) return false
      await store.put(patched(current, op.patch))
      calls.add(current.call)
      return false
    }
    case 'pause-reason': {
      const call = ledgerCallKey(op.ucc, op.correlationId)
      const index = store.index('by-call')
      // The newest pause: walk back from the call's newest record.
      let cursor = await index.openCursor(callRange(call), 'prev')
      for (; cursor; cursor = await cursor.continue()) {
        const value = cursor.value
        if (value.kind !== 'pause') continue
        await cursor.update({ ...value, reason: op.reason })
        calls.add(call)
        return false
      }
      return false
    }
  }
}

/** The record with the patch's fields it has (others are ignored); undefined leaves a field be. */
export function patched(current: StoredRecord, patch: LedgerPatch): StoredRecord {
  const next: Record<string, unknown> = { ...current }
  for (const [field, value] of Object.entries(patch)) {
    if (field in current && value !== undefined) next[field] = value
  }
  return next as unknown as StoredRecord
}
