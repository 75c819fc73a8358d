import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { CallLedger } from './call-ledger.tsx'
import type { DownloadFile } from './download.ts'
import { fakeLedger } from './fake-ledger.ts'
import type { ChangeRecord, IncidentRecord, LedgerRecord, PauseRecord } from './ledger-records.ts'
import type { UnavailableReason } from './ledger-store.ts'

const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const OTHER = '2d6c6a58-6739-4f0c-98ff-0968292c8c31'
const T0 = Date.UTC(2026, 10, 23, 10, 0, 0)
const at = (ms: number) => new Date(T0 + ms).toISOString()
const MIN = 60_000

let ids = 0
function change(ms: number, fields: Partial<ChangeRecord>): ChangeRecord {
  return {
    kind: 'change',
    id: `c${++ids}`,
    time: at(ms),
    ucc: UCC,
    correlationId: ID,
    action: 'Pause',
    source: 'agent',
    requesterSipUri: 'sip:agent@example.com',
    confirmedAt: at(ms + 100),
    ...fields,
  }
}
function pause(ms: number, fields: Partial<PauseRecord>): PauseRecord {
  return {
    kind: 'pause',
    id: `p${++ids}`,
    time: at(ms),
    ucc: UCC,
    correlationId: ID,
    start: at(ms),
    startExact: true,
    end: null,
    durationMs: null,
    endedBy: null,
    reason: null,
    ...fields,
  }
}
const incident: IncidentRecord = {
  kind: 'incident',
  id: 'i1',
  time: at(9 * MIN),
  ucc: UCC,
  correlationId: ID,
  requesterSipUri: 'sip:agent@example.com',
  marked: true,
  deleted: false,
}

/** A call's day: found running, paused by the agent, resumed automatically after 3:00, paused by another party. */
const DAY: LedgerRecord[] = [
  change(0, { action: 'Start', source: 'read', requesterSipUri: null }),
  change(MIN, { action: 'Pause' }),
  pause(MIN, {
    end: at(4 * MIN),
    durationMs: 3 * MIN,
    endedBy: 'auto-resume',
    reason: 'Card payment',
  }),
  change(4 * MIN, { action: 'Start', source: 'auto-resume' }),
  change(5 * MIN, { action: 'Pause', source: 'other', requesterSipUri: null, confirmedAt: null }),
  pause(5 * MIN, {}),
  incident,
  change(MIN, { correlationId: OTHER, action: 'Stop' }),
]

function setup(
  records: readonly LedgerRecord[] = DAY,
  options: { unavailable?: UnavailableReason; failReads?: boolean } = {},
) {
  const fake = fakeLedger(records, options)
  const download = vi.fn<(file: DownloadFile) => void>()
  const user = userEvent.setup()
  render(
    <CallLedger
      ledger={fake.ledger}
      ucc={UCC}
      correlationId={ID}
      download={download}
      now={() => new Date(2026, 10, 23, 12, 0).getTime()}
    />,
  )
  return { ...fake, download, user }
}

/** Text that begins with `start` (an entry's words come before its time and details). */
function startingWith(start: string) {
  return expect.stringMatching(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`))
}

async function entries() {
  const region = screen.getByRole('region', { name: 'Pause ledger' })
  const list = await within(region).findByRole('list')
  return within(list).getAllByRole('listitem')
}

test("this call's ledger, newest first, in plain words", async () => {
  setup()
  const items = await entries()
  expect(items.map((item) => item.textContent)).toEqual(
    [
      'Card data may be in the recording',
      'Pause — its end is not on record yet',
      'Paused by another party',
      'Resumed automatically',
      'Resumed automatically after 3:00',
      'Paused by you',
      'Started (found by a read)',
    ].map(startingWith),
  )
  expect(
    items.map((item) => [
      item.dataset.testid,
      item.dataset.action,
      item.dataset.source,
      item.dataset.confirmed,
    ]),
  ).toEqual([
    ['ledger-entry', 'Incident', undefined, undefined],
    ['ledger-entry', 'Pause', undefined, undefined],
    ['ledger-entry', 'Pause', 'other', 'false'],
    ['ledger-entry', 'Start', 'auto-resume', 'true'],
    ['ledger-entry', 'Pause', 'auto-resume', undefined],
    ['ledger-entry', 'Pause', 'agent', 'true'],
    ['ledger-entry', 'Start', 'read', 'true'],
  ])
  expect(screen.getByTestId('ledger')).toBe(screen.getByRole('region', { name: 'Pause ledger' }))
})

test('details: what the service never confirmed, the reason, the incident', async () => {
  setup()
  const [reported, , unconfirmed, , paused] = await entries()
  expect(unconfirmed).toHaveTextContent('not confirmed by the recording service')
  expect(paused).toHaveTextContent('Reason: Card payment')
  expect(reported).toHaveTextContent(
    'Reported by sip:agent@example.com · Recording marked. · Recording not deleted.',
  )
})

test('times in local time, with the exact instant for machines; a pause shows its start and end', async () => {
  setup()
  const paused = (await entries())[4]!
  const local = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' })
  const start = within(paused).getByText(local.format(new Date(T0 + MIN)))
  const end = within(paused).getByText(local.format(new Date(T0 + 4 * MIN)))
  expect(start.tagName).toBe('TIME')
  expect(start).toHaveAttribute('datetime', at(MIN))
  expect(end.tagName).toBe('TIME')
  expect(end).toHaveAttribute('datetime', at(4 * MIN))
})

test.each<[Partial<PauseRecord>, string]>([
  [{ endedBy: 'agent' }, 'Pause of 0:42, ended by you'],
  [{ endedBy: 'other-party' }, 'Pause of 0:42, ended by another party'],
  [{ endedBy: 'call-ended' }, 'Pause of 0:42, until the call ended'],
  [{ endedBy: 'auto-resume', startExact: false }, 'Resumed automatically after ≥ 0:42'],
])('a pause that ended: %j', async (fields, text) => {
  setup([pause(0, { end: at(42_000), durationMs: 42_000, ...fields })])
  const [entry] = await entries()
  expect(entry).toHaveAttribute('data-source', fields.endedBy)
  expect(entry?.textContent).toEqual(startingWith(text))
})

test.each<[ChangeRecord['source'], string]>([
  ['supervisor', 'Stopped by a supervisor'],
  ['host', 'Stopped by the host application'],
])('a change from %s', async (source, text) => {
  setup([change(0, { action: 'Stop', source })])
  expect((await entries())[0]).toHaveTextContent(text)
})

test('read again when the ledger says this call changed, not for another call', async () => {
  const fake = setup([])
  expect(await screen.findByText('Nothing on record for this call yet.')).toBeInTheDocument()
  const readsBefore = fake.reads.length
  fake.change(DAY, { calls: [`ucc-demo|${OTHER}`] })
  expect(fake.reads).toHaveLength(readsBefore)
  fake.change(DAY, { calls: [`ucc-demo|${ID}`] })
  expect(await entries()).toHaveLength(7)
  fake.change([], { calls: null })
  expect(await screen.findByText('Nothing on record for this call yet.')).toBeInTheDocument()
})

test('while the first read is on its way, and when reads fail', async () => {
  setup(DAY, { failReads: true })
  expect(screen.getByText('Loading the pause ledger…')).toBeInTheDocument()
  expect(
    await screen.findByText('The pause ledger could not be read from this browser.'),
  ).toBeInTheDocument()
})

test('no ledger kept here: the notice says so, with the reason', async () => {
  setup([], { unavailable: 'quota' })
  const notice = screen.getByTestId('ledger-unavailable')
  expect(notice).toHaveAttribute('data-reason', 'quota')
  expect(notice).toHaveTextContent('No pause ledger is kept in this browser')
  expect(notice).toHaveTextContent("The browser's storage is full.")
  expect(await screen.findByText('Nothing on record for this call yet.')).toBeInTheDocument()
})

test("the export offers CSV and JSON of this call's records, named after the call", async () => {
  const { download, user } = setup()
  const control = screen.getByTestId('export-ledger')
  expect(control).toHaveAccessibleName("Export this call's ledger")
  await user.click(within(control).getByRole('button', { name: 'Export CSV' }))
  const csvName = `recording-ledger-ucc-demo-${ID}-2026-11-23.csv`
  expect(download).toHaveBeenLastCalledWith(
    expect.objectContaining({ name: csvName, type: 'text/csv;charset=utf-8' }),
  )
  const csv = download.mock.lastCall![0].text
  expect(csv.split('\r\n')).toHaveLength(1 + 7 + 1) // header, this call's 7 records, final line end
  expect(csv).not.toContain(OTHER)
  expect(await screen.findByText(`7 records exported to ${csvName}.`)).toBeInTheDocument()

  await user.click(within(control).getByRole('button', { name: 'Export JSON' }))
  const json = JSON.parse(download.mock.lastCall![0].text) as Record<string, unknown>
  expect(json).toMatchObject({
    format: 'recording-panel-ledger',
    scope: { kind: 'call', ucc: UCC, correlationId: ID },
    count: 7,
  })
  expect(download.mock.lastCall![0].name).toBe(`recording-ledger-ucc-demo-${ID}-2026-11-23.json`)
})

test('an export that cannot read the ledger says so', async () => {
  const { download, user } = setup(DAY, { failReads: true })
  await user.click(screen.getByRole('button', { name: 'Export CSV' }))
  expect(
    await screen.findByText('The export failed: the ledger could not be read.'),
  ).toBeInTheDocument()
  expect(download).not.toHaveBeenCalled()
})

test('it lets go of the ledger when it goes', async () => {
  const fake = fakeLedger(DAY)
  const { unmount } = render(<CallLedger ledger={fake.ledger} ucc={UCC} correlationId={ID} />)
  expect(await entries()).toHaveLength(7)
  expect(fake.listeners).toBe(1)
  unmount()
  expect(fake.listeners).toBe(0)
})
