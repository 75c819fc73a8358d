import { render, screen } from '@testing-library/react'
import { expect, test } from 'vitest'
import { LedgerUnavailable, type LedgerUnavailableReason } from './ledger-unavailable.tsx'

test.each<[LedgerUnavailableReason, string]>([
  ['unsupported', 'IndexedDB is missing'],
  ['open-failed', 'a private window'],
  ['blocked', 'close the other panel tabs, then reload'],
  ['timeout', 'did not answer'],
  ['quota', 'is full'],
  ['closed', 'reload'],
  ['load-failed', 'could not be loaded'],
])('%s: a plain notice that no ledger is kept, and why', (reason, why) => {
  render(<LedgerUnavailable reason={reason} />)
  const notice = screen.getByTestId('ledger-unavailable')
  expect(notice).toHaveAttribute('data-reason', reason)
  expect(screen.getByRole('status')).toHaveTextContent(
    /^No pause ledger is kept in this browser.+The panel works as usual, but its pauses are not on record here\.$/,
  )
  expect(notice).toHaveTextContent(why)
})
