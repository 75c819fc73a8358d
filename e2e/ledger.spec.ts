// The pause ledger in the agent panel (docs/reliability.md, "Pause guard and ledger"): kept in this
// browser's IndexedDB across reloads and tabs, exported as CSV (BOM, documented columns, formula
// cells neutralised) and JSON, pause reasons, "card data may be in the recording", and a panel
// that works and says so where no ledger can be kept.
import { readFile } from 'node:fs/promises'
import AxeBuilder from '@axe-core/playwright'
import type { Download, Locator, Page } from '@playwright/test'
import {
  button,
  expect,
  ledgerEntries,
  ledgerEntry,
  openPanel,
  serveConfig,
  testWithPageHealth as test,
  type LedgerEntryShown,
  expectConfirmed,
  expectLedgerRecording,
} from './fixtures.ts'
import { ApiLog } from '../test-support/api-log.ts'
import { parseCsv } from '../test-support/csv.ts'
import { AGENT, DEMO_UCC, LOCKED_UCC } from '../test-support/sim-client.ts'

/** The guard stays out of the way here: no automatic resume. */
const NO_GUARD = { maxPauseSeconds: 0 }
const MARKED = 1
/** A reason a spreadsheet would run as a formula, were it written as it is. */
const HOSTILE_REASON = '=HYPERLINK("http://evil.example/x","Click me")'

/** The CSV columns, in order, as README and src/ledger/ledger-export.ts document them. */
const CSV_COLUMNS = [
  'record_type',
  'record_id',
  'time',
  'ucc',
  'correlation_id',
  'action',
  'source',
  'requester_sip_uri',
  'confirmed_at',
  'pause_start',
  'pause_start_exact',
  'pause_end',
  'pause_duration_seconds',
  'pause_ended_by',
  'pause_reason',
  'incident_marked',
  'incident_deleted',
]

/** The agent pauses and resumes; the ledger then holds the pause and both changes. */
async function pauseAndResume(page: Page) {
  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await button(page, 'Resume').click()
  await expectConfirmed(page, 'Started')
  await expect(ledgerEntry(page, { kind: 'pause', source: 'agent' })).toHaveCount(1)
}

async function expectNoneChosen(chips: Locator) {
  for (const chip of await chips.all()) await expect(chip).toHaveAttribute('aria-pressed', 'false')
}

/** Clicks an export button of the call's ledger and returns the file it downloads. */
async function exportLedger(page: Page, label: 'Export CSV' | 'Export JSON') {
  const download = page.waitForEvent('download')
  await button(page.getByTestId('export-ledger'), label).click()
  return download
}

async function downloaded(download: Download): Promise<Buffer> {
  return readFile(await download.path())
}

/** Waits until two tabs list the same lines (each tab writes what it saw; both list it all). */
async function expectSameLedger(one: Page, other: Page) {
  await expect
    .poll(async () => {
      const [a, b] = await Promise.all(
        [one, other].map(async (tab) => comparable(await ledgerEntries(tab))),
      )
      return JSON.stringify(a) === JSON.stringify(b) ? 'the same' : { one: a, other: b }
    })
    .toBe('the same')
}

/** Lines a tab shows, in a form two tabs can compare. */
function comparable(entries: LedgerEntryShown[]) {
  return entries.map(({ kind, action, source, confirmed, times }) => ({
    kind,
    action,
    source,
    confirmed,
    times,
  }))
}

test('the ledger survives a reload, and a second tab shows the same ledger, kept up to date', async ({
  context,
  page,
  sim,
}) => {
  await serveConfig(context, NO_GUARD)
  // Already marked: reporting card data below sends nothing, so no tab sees a change of state.
  const call = await sim.createCall({ markingState: MARKED })
  await openPanel(page, call)
  await expectLedgerRecording(page)
  await pauseAndResume(page)
  const before = comparable(await ledgerEntries(page))
  expect(before.map((entry) => [entry.kind, entry.action, entry.source])).toEqual([
    ['change', 'Start', 'agent'],
    ['pause', 'Pause', 'agent'],
    ['change', 'Pause', 'agent'],
    ['change', 'Mark', 'read'],
    ['change', 'Start', 'read'],
  ])

  await page.reload()
  await expectConfirmed(page, 'Started')
  // Everything on record before is still there (a reload's first read adds what it found).
  await expect
    .poll(async () => comparable(await ledgerEntries(page)).slice(-before.length))
    .toEqual(before)

  const other = await context.newPage()
  await openPanel(other, call)
  await expectSameLedger(page, other)

  // What only the first tab writes (an incident: no change of state for the second to see) is
  // listed in the second without a reload.
  await page.getByTestId('action-report-exposure').click()
  await expect(ledgerEntry(other, { kind: 'incident' })).toHaveCount(1)
  await expectSameLedger(page, other)
  await other.close()
})

test('export: a CSV with a byte order mark, the documented columns, one row per record and formula cells neutralised; a JSON of the same records, with its format and version', async ({
  page,
  openCall,
}) => {
  await serveConfig(page, { ...NO_GUARD, pauseReasons: [HOSTILE_REASON, 'Card payment'] })
  const call = await openCall()
  await expectLedgerRecording(page)
  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await button(page, HOSTILE_REASON).click()
  await expect(button(page, HOSTILE_REASON)).toHaveAttribute('aria-pressed', 'true')
  await expect(ledgerEntry(page, { kind: 'pause' })).toContainText(`Reason: ${HOSTILE_REASON}`)
  await button(page, 'Resume').click()
  await expectConfirmed(page, 'Started')
  await page.getByTestId('action-report-exposure').click()
  await expect(page.getByTestId('exposure-reported')).toBeVisible()
  // The read that opened it, Pause, the pause, Start, Mark, and the incident.
  await expect(page.getByTestId('ledger-entry')).toHaveCount(6)
  await expect(ledgerEntry(page, { kind: 'change', action: 'Mark', source: 'agent' })).toHaveCount(
    1,
  )

  const csvFile = await exportLedger(page, 'Export CSV')
  expect(csvFile.suggestedFilename()).toMatch(
    new RegExp(`^recording-ledger-${DEMO_UCC}-${call.correlationId}-\\d{4}-\\d\\d-\\d\\d\\.csv$`),
  )
  await expect(page.getByTestId('ledger').getByRole('status').last()).toContainText('6')
  const bytes = await downloaded(csvFile)
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  const text = bytes.subarray(3).toString('utf8')
  expect(text.endsWith('\r\n')).toBe(true)
  const [header, ...rows] = parseCsv(text)
  expect(header).toEqual(CSV_COLUMNS)
  expect(rows).toHaveLength(6)
  const cell = (row: string[], column: string) => row[CSV_COLUMNS.indexOf(column)]
  for (const row of rows) {
    expect(row).toHaveLength(CSV_COLUMNS.length)
    expect(cell(row, 'ucc')).toBe(DEMO_UCC)
    expect(cell(row, 'correlation_id')).toBe(call.correlationId)
    // No cell a spreadsheet would run as a formula.
    for (const value of row) expect(value).not.toMatch(/^[=+\-@\t\r]/)
  }
  expect(rows.map((row) => cell(row, 'record_type')).sort()).toEqual([
    'change',
    'change',
    'change',
    'change',
    'incident',
    'pause',
  ])
  const pause = rows.find((row) => cell(row, 'record_type') === 'pause')!
  expect(cell(pause, 'pause_reason')).toBe(`'${HOSTILE_REASON}`)
  expect(text).toContain(`"'=HYPERLINK(""http://evil.example/x"",""Click me"")"`)
  expect(cell(pause, 'pause_ended_by')).toBe('agent')
  expect(cell(pause, 'pause_start_exact')).toBe('true')
  expect(Number(cell(pause, 'pause_duration_seconds'))).toBeGreaterThan(0)
  const incident = rows.find((row) => cell(row, 'record_type') === 'incident')!
  expect([cell(incident, 'incident_marked'), cell(incident, 'incident_deleted')]).toEqual([
    'true',
    'false',
  ])
  expect(cell(incident, 'requester_sip_uri')).toBe(AGENT)

  const jsonFile = await exportLedger(page, 'Export JSON')
  expect(jsonFile.suggestedFilename()).toMatch(/\.json$/)
  const document = JSON.parse((await downloaded(jsonFile)).toString('utf8')) as {
    format: string
    version: number
    exportedAt: string
    scope: unknown
    from: unknown
    to: unknown
    count: number
    records: { id: string; kind: string; time: string; reason?: string; endedBy?: string }[]
  }
  expect(document).toMatchObject({
    format: 'recording-panel-ledger',
    version: 1,
    scope: { kind: 'call', ucc: DEMO_UCC, correlationId: call.correlationId },
    from: null,
    to: null,
    count: 6,
  })
  expect(new Date(document.exportedAt).toISOString()).toBe(document.exportedAt)
  expect(document.records).toHaveLength(6)
  // The same records as the CSV, oldest first; JSON is for programs: the reason as chosen.
  expect(document.records.map((record) => record.id).sort()).toEqual(
    rows.map((row) => cell(row, 'record_id')).sort(),
  )
  const times = document.records.map((record) => record.time)
  expect(times).toEqual([...times].sort())
  expect(document.records.find((record) => record.kind === 'pause')).toMatchObject({
    reason: HOSTILE_REASON,
    endedBy: 'agent',
  })
})

test('IndexedDB refused: the panel works as usual and says that no ledger is kept here', async ({
  page,
  openCall,
}) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError')
    }
  })
  await serveConfig(page, { maxPauseSeconds: 6, pauseWarningSeconds: 3 })
  await openCall()
  const notice = page.getByTestId('ledger-unavailable')
  await expect(notice).toHaveAttribute('data-reason', 'open-failed')
  await expect(notice).toContainText('No pause ledger is kept in this browser')
  await expect(page.getByTestId('ledger-entry')).toHaveCount(0)

  // Pause, the guard's resume, and the agent's own actions work as before.
  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await expect(page.getByTestId('pause-countdown')).toBeVisible()
  await expect(page.getByTestId('auto-resumed')).toBeVisible({ timeout: 20_000 })
  await expectConfirmed(page, 'Started')
  await button(page, 'Mark').click()
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')

  // "Card data may be in the recording" says the incident could not be kept, never that it was.
  await page.getByTestId('action-report-exposure').click()
  const reported = page.getByTestId('exposure-reported')
  await expect(reported).toContainText('The recording is already marked for review.')
  await expect(reported).toContainText('could not be kept in this browser’s ledger')
  await expect(reported).not.toContainText('is kept in this browser’s ledger')
})

test("the ledger's part of the panel failing to load: the panel works and says that no ledger is kept", async ({
  page,
  openCall,
}) => {
  await serveConfig(page, NO_GUARD)
  await page.route('**/assets/ledger-runtime-*.js', (route) => route.abort())
  await openCall()
  await expect(page.getByTestId('ledger-unavailable')).toHaveAttribute('data-reason', 'load-failed')
  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await button(page, 'Resume').click()
  await expectConfirmed(page, 'Started')
})

test('pause reasons: offered once a pause is confirmed, one chosen at a time, kept with the pause; a new pause starts without one', async ({
  page,
  openCall,
}) => {
  await serveConfig(page, { ...NO_GUARD, pauseReasons: ['Card payment', 'Identity check'] })
  await openCall()
  const chips = page.getByTestId('pause-reason')
  await expect(page.getByTestId('ledger')).toBeVisible()
  await expect(chips).toHaveCount(0)

  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await expect(chips).toHaveText(['Card payment', 'Identity check'])
  await expectNoneChosen(chips)
  await button(page, 'Card payment').click()
  await expect(button(page, 'Card payment')).toHaveAttribute('aria-pressed', 'true')
  await expect(button(page, 'Identity check')).toHaveAttribute('aria-pressed', 'false')
  await expect(ledgerEntry(page, { kind: 'pause' })).toContainText('Reason: Card payment')
  await button(page, 'Identity check').click()
  await expect(button(page, 'Identity check')).toHaveAttribute('aria-pressed', 'true')
  await expect(button(page, 'Card payment')).toHaveAttribute('aria-pressed', 'false')
  await expect(ledgerEntry(page, { kind: 'pause' })).toContainText('Reason: Identity check')

  await button(page, 'Resume').click()
  await expectConfirmed(page, 'Started')
  await expect(chips).toHaveCount(0)
  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await expect(chips).toHaveCount(2)
  await expectNoneChosen(chips)
  const pauses = ledgerEntry(page, { kind: 'pause' })
  await expect(pauses).toHaveCount(2)
  // Newest first: the open pause has no reason; the first kept its last one.
  await expect(pauses.first()).not.toContainText('Reason:')
  await expect(pauses.last()).toContainText('Reason: Identity check')
})

test('"card data may be in the recording": Mark is sent, the incident is on record, and Delete is offered and asks first; the incident stays after the delete', async ({
  page,
  openCall,
}) => {
  await serveConfig(page, NO_GUARD)
  const log = new ApiLog()
  await log.watch(page)
  await openCall()

  await page.getByTestId('action-report-exposure').click()
  const reported = page.getByTestId('exposure-reported')
  await expect(reported).toContainText('Recorded: card data may be in this recording.')
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  await expect(reported).toContainText('Mark for review was sent')
  await expect(reported).toContainText('The incident is kept in this browser’s ledger')
  await expect(page.getByTestId('action-report-exposure')).toBeDisabled()
  expect(log.posts().map((post) => [post.action, post.requester])).toEqual([['Mark', AGENT]])
  const incident = ledgerEntry(page, { kind: 'incident', action: 'Incident' })
  await expect(incident).toContainText('Card data may be in the recording')
  await expect(incident).toContainText(`Reported by ${AGENT}`)
  await expect(incident).toContainText('Recording marked.')
  await expect(incident).toContainText('Recording not deleted.')

  // Delete asks first; Cancel sends nothing.
  await button(reported, 'Delete this recording…').click()
  const dialog = page.getByRole('dialog', { name: 'Delete the recording?' })
  await expect(dialog).toBeVisible()
  await button(dialog, 'Cancel').click()
  await expect(dialog).toBeHidden()
  expect(log.posts('Delete')).toEqual([])

  await button(reported, 'Delete this recording…').click()
  await dialog.getByTestId('confirm').click()
  await expect(page.getByTestId('saving-state')).toHaveAttribute('data-state', 'Delete')
  await expect(page.getByTestId('saving-state')).not.toHaveAttribute('data-stale', 'true')
  expect(log.posts('Delete').map((post) => post.requester)).toEqual([AGENT])
  await expect(incident).toHaveCount(1)
  await expect(incident).toContainText('Recording deleted.')
})

test('"card data may be in the recording" on a call already marked sends nothing more, and where agents may not edit recordings no Delete is offered', async ({
  page,
  sim,
}) => {
  await serveConfig(page, NO_GUARD)
  const log = new ApiLog()
  await log.watch(page)

  await openPanel(page, await sim.createCall({ markingState: MARKED }))
  await page.getByTestId('action-report-exposure').click()
  await expect(page.getByTestId('exposure-reported')).toBeVisible()
  await expect(ledgerEntry(page, { kind: 'incident' })).toContainText('Recording marked.')
  expect(log.posts()).toEqual([])
  await expect(page.getByTestId('exposure-reported')).toContainText(
    'The recording is already marked for review.',
  )

  await openPanel(page, await sim.createCall({ ucc: LOCKED_UCC }))
  await expect(page.getByTestId('actions-blocked')).toBeVisible()
  await page.getByTestId('action-report-exposure').click()
  const reported = page.getByTestId('exposure-reported')
  await expect(reported).toBeVisible()
  await expect(reported.getByRole('button')).toHaveCount(0)
  // Its words say what happened: no Mark went out.
  await expect(reported).toContainText('could not be marked for review from here')
  await expect(reported).not.toContainText('Mark for review was sent')
  await expect(ledgerEntry(page, { kind: 'incident' })).toContainText('Recording not deleted.')
  await expect(ledgerEntry(page, { kind: 'incident' })).not.toContainText('Recording marked.')
  expect(log.posts()).toEqual([])
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations (axe, ${colorScheme}): the ledger, pause reasons, "card data may be in the recording" and its Delete question`, async ({
    page,
    openCall,
  }) => {
    test.setTimeout(60_000)
    await page.emulateMedia({ colorScheme })
    await serveConfig(page, { ...NO_GUARD, pauseReasons: ['Card payment', 'Identity check'] })
    await openCall()
    await button(page, 'Pause').click()
    await expectConfirmed(page, 'Paused')
    await button(page, 'Card payment').click()
    await expect(ledgerEntry(page, { kind: 'pause' })).toContainText('Reason: Card payment')
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

    await page.getByTestId('action-report-exposure').click()
    await expect(ledgerEntry(page, { kind: 'incident' })).toBeVisible()
    await expect(page.getByTestId('exposure-reported')).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await button(page.getByTestId('exposure-reported'), 'Delete this recording…').click()
    await expect(page.getByRole('dialog')).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })

  test(`no accessibility violations (axe, ${colorScheme}): no ledger kept here`, async ({
    page,
    openCall,
  }) => {
    await page.emulateMedia({ colorScheme })
    await page.addInitScript(() => {
      IDBFactory.prototype.open = () => {
        throw new DOMException('Denied.', 'SecurityError')
      }
    })
    await serveConfig(page, NO_GUARD)
    await openCall()
    await expect(page.getByTestId('ledger-unavailable')).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })
}
