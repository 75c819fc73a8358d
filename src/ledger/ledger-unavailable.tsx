import { Alert } from '../components/ui/alert.tsx'
import { t, type TextKey } from '../i18n/messages.ts'
import type { UnavailableReason } from './ledger-store.ts'

/** Why no ledger is kept: the store's reasons, or its module could not be loaded at all. */
export type LedgerUnavailableReason = UnavailableReason | 'load-failed'

const WHY: Record<LedgerUnavailableReason, TextKey> = {
  unsupported: 'ledgerWhyUnsupported',
  'open-failed': 'ledgerWhyOpenFailed',
  blocked: 'ledgerWhyBlocked',
  timeout: 'ledgerWhyTimeout',
  quota: 'ledgerWhyQuota',
  closed: 'ledgerWhyClosed',
  'load-failed': 'ledgerWhyLoadFailed',
}

/** The plain notice that no pause ledger is kept in this browser, and why. Blocks nothing. */
export function LedgerUnavailable({ reason }: { reason: LedgerUnavailableReason }) {
  return (
    <div data-testid="ledger-unavailable" data-reason={reason}>
      <Alert
        tone="warning"
        role="status"
        title={t('ledgerUnavailableTitle')}
        explanation={t('ledgerUnavailableWhy', t(WHY[reason]))}
      />
    </div>
  )
}
