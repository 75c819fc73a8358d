import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import type { DownloadFile } from './download.ts'
import { fakeLedger } from './fake-ledger.ts'
import type { ChangeRecord } from './ledger-records.ts'
import { fromLocalInput, LedgerExport, localInputValue } from './ledger-range-export.tsx'

const NOW = new Date(2026, 10, 23, 12, 30, 45).getTime()
const HOUR = 3_600_000

function record(ms: number, correlationId: string): ChangeRecord {
  return {
    kind: 'change',
    id: `c-${ms}-${correlationId}`,
    time: new Date(ms).toISOString(),
    ucc: 'ucc-demo',
    correlationId,
    action: 'Pause',
    source: 'supervisor',
    requesterSipUri: 'sip:supervisor@example.com',
    confirmedAt: null,
  }
}

const RECORDS = [
  record(NOW - 30 * HOUR, 'a'),
  record(NOW - 2 * HOUR, 'b'),
  record(NOW - 1_000, 'c'),
  record(NOW - 2 * HOUR, 'd'),
]

function setup() {
  const fake = fakeLedger(RECORDS)
  const download = vi.fn<(file: DownloadFile) => void>()
  const user = userEvent.setup()
  render(<LedgerExport ledger={fake.ledger} download={download} now={() => NOW} />)
  return { ...fake, download, user }
}

test('by default the last 24 hours, to the minute, as CSV: every call on record then', async () => {
  const { download, reads, user } = setup()
  const form = screen.getByTestId('export-ledger')
  expect(form).toHaveAccessibleName('Export the pause ledger')
  expect(screen.getByLabelText('From')).toHaveValue('2026-11-22T12:30')
  expect(screen.getByLabelText('To (the whole minute)')).toHaveValue('2026-11-23T12:30')
  expect(screen.getByRole('radio', { name: 'CSV (spreadsheet)' })).toBeChecked()

  await user.click(screen.getByRole('button', { name: 'Export' }))
  const from = new Date(2026, 10, 22, 12, 30).getTime()
  const to = new Date(2026, 10, 23, 12, 31).getTime() - 1
  expect(reads).toEqual([`${from}..${to}`])
  const file = download.mock.lastCall![0]
  expect(file.name).toBe('recording-ledger-2026-11-22-to-2026-11-23.csv')
  expect(file.text.split('\r\n').filter((line) => line.startsWith('change,'))).toHaveLength(3)
  expect(
    await screen.findByText('3 records exported to recording-ledger-2026-11-22-to-2026-11-23.csv.'),
  ).toBeInTheDocument()
})

test('a chosen range, as JSON', async () => {
  const { download, user } = setup()
  const from = screen.getByLabelText('From')
  await user.clear(from)
  await user.type(from, '2026-11-23T11:00')
  await user.click(screen.getByRole('radio', { name: 'JSON' }))
  await user.click(screen.getByRole('button', { name: 'Export' }))
  const file = download.mock.lastCall![0]
  expect(file.name).toBe('recording-ledger-2026-11-23-to-2026-11-23.json')
  expect(JSON.parse(file.text)).toMatchObject({
    format: 'recording-panel-ledger',
    scope: { kind: 'range' },
    from: new Date(2026, 10, 23, 11, 0).toISOString(),
    count: 1,
    records: [{ correlationId: 'c' }],
  })
})

test('a start after the end is refused, and nothing is exported', async () => {
  const { download, user, reads } = setup()
  const from = screen.getByLabelText('From')
  await user.clear(from)
  await user.type(from, '2026-11-24T09:00')
  await user.click(screen.getByRole('button', { name: 'Export' }))
  expect(
    await screen.findByText('Give a start and an end, the start before the end.'),
  ).toBeInTheDocument()
  expect(download).not.toHaveBeenCalled()
  expect(reads).toEqual([])
})

test('no ledger kept here: the notice, with the reason', () => {
  const fake = fakeLedger([], { unavailable: 'unsupported' })
  render(<LedgerExport ledger={fake.ledger} />)
  expect(screen.getByTestId('ledger-unavailable')).toHaveTextContent(
    'This browser has no storage for it (IndexedDB is missing).',
  )
})

test('datetime-local values, in local time', () => {
  expect(localInputValue(new Date(2026, 0, 2, 3, 4, 59).getTime())).toBe('2026-01-02T03:04')
  expect(fromLocalInput('2026-01-02T03:04')).toBe(new Date(2026, 0, 2, 3, 4).getTime())
  expect(fromLocalInput('2026-01-02T03:04:05')).toBe(new Date(2026, 0, 2, 3, 4, 5).getTime())
  expect(fromLocalInput('')).toBeNull()
  expect(fromLocalInput('2026-13-45T99:99')).toBeNull()
  expect(fromLocalInput('yesterday')).toBeNull()
})
