import type { Ledger } from './ledger-store.ts'
import { LedgerExport, type LedgerExportProps } from './ledger-range-export.tsx'
import { LoadedLedger } from './loaded-ledger.tsx'

/**
 * The board's entry to the ledger, for `React.lazy` inside `<Suspense>`: the export of every call
 * on record once the client has loaded the ledger (`ledgerClient.ledger`), or the notice that none
 * is kept.
 */
export function BoardLedgerExport({
  ledger,
  ...props
}: Omit<LedgerExportProps, 'ledger'> & { ledger: Promise<Ledger> }) {
  return (
    <LoadedLedger ledger={ledger}>
      {(loaded) => <LedgerExport ledger={loaded} {...props} />}
    </LoadedLedger>
  )
}
