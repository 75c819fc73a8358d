import { use, type ReactNode } from 'react'
import type { Ledger } from './ledger-store.ts'
import { LedgerUnavailable } from './ledger-unavailable.tsx'

const settled = new WeakMap<Promise<Ledger>, Promise<Ledger | null>>()

/**
 * Renders `children` with the ledger once the client has loaded and opened it (suspends until
 * then: put it inside `<Suspense>`); if its module could not be loaded, the plain notice instead.
 *
 *   <Suspense fallback={null}>
 *     <LoadedLedger ledger={ledgerClient.ledger}>
 *       {(ledger) => <CallLedger ledger={ledger} ucc={ucc} correlationId={id} />}
 *     </LoadedLedger>
 *   </Suspense>
 */
export function LoadedLedger({
  ledger,
  children,
}: {
  ledger: Promise<Ledger>
  children: (ledger: Ledger) => ReactNode
}) {
  let outcome = settled.get(ledger)
  if (!outcome) {
    outcome = ledger.then(
      (loaded) => loaded,
      () => null,
    )
    settled.set(ledger, outcome)
  }
  const loaded = use(outcome)
  return loaded ? children(loaded) : <LedgerUnavailable reason="load-failed" />
}
