import { useEffect, useState } from 'react'
import { ledgerCallKey, type LedgerRecord } from './ledger-records.ts'
import type { Ledger, UnavailableReason } from './ledger-store.ts'

export interface CallLedgerView {
  /** The call's records, oldest first; undefined until the first read answers. */
  readonly records: readonly LedgerRecord[] | undefined
  /** The last read failed. */
  readonly failed: boolean
  readonly available: boolean
  readonly unavailableReason: UnavailableReason | null
}

interface Loaded {
  readonly ledger: Ledger
  readonly key: string
  readonly records: readonly LedgerRecord[] | undefined
  readonly failed: boolean
}

/**
 * One call's ledger, read again whenever the ledger says that call changed (here or in another
 * tab). An older read that answers after a newer one is dropped.
 */
export function useCallLedger(ledger: Ledger, ucc: string, correlationId: string): CallLedgerView {
  const key = ledgerCallKey(ucc, correlationId)
  const [loaded, setLoaded] = useState<Loaded | null>(null)
  useEffect(() => {
    let active = true
    let latest = 0
    const load = () => {
      const mine = ++latest
      const keep = (records: readonly LedgerRecord[] | undefined) => {
        if (active && mine === latest) setLoaded({ ledger, key, records, failed: !records })
      }
      ledger.forCall(ucc, correlationId).then(keep, () => keep(undefined))
    }
    load()
    const unsubscribe = ledger.subscribe((change) => {
      if (change.calls === null || change.calls.includes(key)) load()
    })
    return () => {
      active = false
      unsubscribe()
    }
  }, [ledger, key, ucc, correlationId])
  const current = loaded?.ledger === ledger && loaded.key === key ? loaded : null
  return {
    records: current?.records,
    failed: current?.failed ?? false,
    available: ledger.available,
    unavailableReason: ledger.unavailableReason,
  }
}
