import { newRecordId, type LedgerRecord } from './ledger-records.ts'
import type { UnavailableReason } from './ledger-db.ts'
import type { Ledger } from './ledger-store.ts'

/** What the panel gets when no ledger can be kept: it does nothing, and says why. */
export class UnavailableLedger implements Ledger {
  readonly available = false
  readonly unavailableReason: UnavailableReason
  constructor(reason: UnavailableReason) {
    this.unavailableReason = reason
  }
  apply(): void {}
  setPauseReason(): void {}
  recordIncident(): string {
    return newRecordId()
  }
  updateIncident(): void {}
  forCall(): Promise<LedgerRecord[]> {
    return Promise.resolve([])
  }
  between(): Promise<LedgerRecord[]> {
    return Promise.resolve([])
  }
  subscribe(): () => void {
    return () => undefined
  }
  onFailure(): () => void {
    return () => undefined
  }
  flush(): Promise<void> {
    return Promise.resolve()
  }
  close(): Promise<void> {
    return Promise.resolve()
  }
}
