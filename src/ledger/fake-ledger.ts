import { ledgerCallKey, type LedgerRecord } from './ledger-records.ts'
import type { Ledger, LedgerChange, UnavailableReason } from './ledger-store.ts'

/**
 * For component tests: a ledger in memory, holding the records it is given. `change()` replaces
 * them and tells the subscribers, as a write here or in another tab would.
 */
export function fakeLedger(
  initial: readonly LedgerRecord[] = [],
  options: { unavailable?: UnavailableReason; failReads?: boolean } = {},
) {
  let records = [...initial]
  const listeners = new Set<(change: LedgerChange) => void>()
  const reads: string[] = []
  const read = async (pick: (record: LedgerRecord) => boolean) => {
    if (options.failReads) throw new Error('read failed')
    return records.filter(pick)
  }
  const ledger: Ledger = {
    available: !options.unavailable,
    unavailableReason: options.unavailable ?? null,
    apply: () => undefined,
    setPauseReason: () => undefined,
    recordIncident: () => 'incident',
    updateIncident: () => undefined,
    forCall: (ucc, correlationId) => {
      const key = ledgerCallKey(ucc, correlationId)
      reads.push(key)
      return read((r) => ledgerCallKey(r.ucc, r.correlationId) === key)
    },
    between: (fromMs, toMs) => {
      reads.push(`${fromMs}..${toMs}`)
      return read((r) => Date.parse(r.time) >= fromMs && Date.parse(r.time) <= toMs)
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    onFailure: () => () => undefined,
    flush: () => Promise.resolve(),
    close: () => Promise.resolve(),
  }
  return {
    ledger,
    /** Every read: a call's key, or `from..to`. */
    reads,
    change(next: readonly LedgerRecord[], change: LedgerChange = { calls: null }) {
      records = [...next]
      for (const listener of [...listeners]) listener(change)
    },
    get listeners() {
      return listeners.size
    },
  }
}
