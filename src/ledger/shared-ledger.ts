import { createLedgerClient } from './ledger-client.ts'

/** This tab's ledger client: the views observe through it and the components read from it. */
export const sharedLedger = createLedgerClient()
