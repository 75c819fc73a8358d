import type { CallEntry } from '../recording-state/call-entry.ts'
import { LedgerRecorder, type RecordContext } from './ledger-recorder.ts'
import { openLedger, type Ledger, type LedgerOptions } from './ledger-store.ts'

// What the ledger client (ledger-client.ts) loads after the first paint, in a chunk of its own:
// the store (with idb) and the recorder, joined. A recorder that throws loses that step only, and
// says so to the options' `onFailure`; the views that observe never see it.

export interface LedgerRuntime {
  readonly ledger: Ledger
  observe(prev: CallEntry | undefined, next: CallEntry, context: RecordContext): void
  forget(ucc: string, correlationId: string): void
}

export async function startLedger(options: LedgerOptions): Promise<LedgerRuntime> {
  const ledger = await openLedger(options)
  const recorder = new LedgerRecorder()
  const failed = (error: unknown) => options.onFailure?.({ operation: 'write', error, lost: 1 })
  return {
    ledger,
    observe(prev, next, context) {
      if (!ledger.available) return
      try {
        ledger.apply(recorder.observe(prev, next, context))
      } catch (error) {
        failed(error)
      }
    },
    forget: (ucc, correlationId) => recorder.forget(ucc, correlationId),
  }
}
