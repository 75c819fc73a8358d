import { CallLedger, type CallLedgerProps } from './call-ledger.tsx'
import type { Ledger } from './ledger-store.ts'
import { LoadedLedger } from './loaded-ledger.tsx'

/**
 * The agent panel's entry to the ledger, for `React.lazy` inside `<Suspense>`: the call's ledger
 * once the client has loaded it (`ledgerClient.ledger`), or the notice that none is kept.
 */
export function AgentLedger({
  ledger,
  ...props
}: Omit<CallLedgerProps, 'ledger'> & { ledger: Promise<Ledger> }) {
  return (
    <LoadedLedger ledger={ledger}>
      {(loaded) => <CallLedger ledger={loaded} {...props} />}
    </LoadedLedger>
  )
}
