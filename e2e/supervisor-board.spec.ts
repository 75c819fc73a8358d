import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { button, expect, reconnectHub, test } from './fixtures.ts'
import { AGENT, DEMO_UCC, LOCKED_UCC } from '../test-support/sim-client.ts'

const SUPERVISOR = 'sip:supervisor@domain.com'
const PAUSED = 3
const UNKNOWN_ID = '00000000-0000-4000-8000-00000000beef'
// The first GET after an event may wait for the board's per-call interval (5 s).
const CONFIRMED = { timeout: 10_000 }

async function useConfig(page: Page, overrides: Record<string, unknown> = {}) {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      json: {
        uccName: DEMO_UCC,
        requesterSipUri: AGENT,
        supervisorSipUri: SUPERVISOR,
        ...overrides,
      },
    }),
  )
}

/** Opens the board and waits until it listens to the hub. */
async function openBoard(page: Page, uccNames: string[] = [DEMO_UCC], extra = '') {
  await page.goto(`/?view=board&ucc=${uccNames.join(',')}${extra}`)
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
}

function row(page: Page, correlationId: string) {
  return page.locator(`[data-testid="call-row"][data-correlation-id="${correlationId}"]`)
}

function recorder(page: Page, correlationId: string) {
  return row(page, correlationId).getByTestId('recording-state')
}

/** An ended row as the page showed it: its id, and whether its Resume was disabled. */
interface EndedRow {
  id: string | null
  resumeDisabled: boolean
}

declare global {
  interface Window {
    __endedRows?: EndedRow[]
  }
}

/**
 * Notes in the page, from its first script on, every call row shown as ended (data-ended) and
 * how its Resume was, each time that changes: a row that lingers only briefly is still seen.
 */
async function recordEndedRows(page: Page) {
  await page.addInitScript(() => {
    const seen: EndedRow[] = []
    window.__endedRows = seen
    new MutationObserver(() => {
      for (const element of document.querySelectorAll(
        '[data-testid="call-row"][data-ended="true"]',
      )) {
        const resume = element.querySelector('[data-testid="row-resume"]')
        const shown: EndedRow = {
          id: element.getAttribute('data-correlation-id'),
          resumeDisabled:
            resume !== null &&
            (resume.matches(':disabled') || resume.getAttribute('aria-disabled') === 'true'),
        }
        const last = seen.findLast((entry) => entry.id === shown.id)
        if (!last || last.resumeDisabled !== shown.resumeDisabled) seen.push(shown)
      }
    }).observe(document, { subtree: true, childList: true, attributes: true })
  })
}

function endedRows(page: Page): Promise<EndedRow[]> {
  return page.evaluate(() => window.__endedRows ?? [])
}

function rows(page: Page) {
  return page.getByTestId('call-row')
}

/** A row's controls, by the names a screen reader reads out (the call's id shortened to 8 characters). */
function resumeButton(page: Page, correlationId: string) {
  return button(page, `Resume recording of call ${correlationId.slice(0, 8)}`)
}

function markButton(page: Page, correlationId: string) {
  return button(page, `Mark call ${correlationId.slice(0, 8)}`)
}

function openLink(page: Page, correlationId: string) {
  const name = `Open the agent panel for call ${correlationId.slice(0, 8)} in a new tab`
  return page.getByRole('link', { name, exact: true })
}

/** Adds ids through the box behind "Add calls by id" (opened by hand: it then stays open). */
async function addIds(page: Page, text: string) {
  const toggle = page.getByRole('button', { name: 'Add calls by id' })
  await toggle.click()
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await page.getByLabel('Add calls by correlation id').fill(text)
  await page.getByRole('button', { name: 'Add', exact: true }).click()
}

/** A filter above the table; its name ends with how many calls it shows, as in "Paused (2)". */
function filter(page: Page, label: 'All' | 'Paused' | 'Paused too long' | 'Marked') {
  return page
    .getByRole('group', { name: 'Show' })
    .getByRole('button', { name: new RegExp(`^${label} \\(\\d+\\)$`) })
}

test('calls appear from live events in the watched contact centers only, and are confirmed by a read', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page)
  await expect(page.getByTestId('board-note')).toContainText('cannot list calls')

  const elsewhere = await sim.createCall({ ucc: LOCKED_UCC })
  const call = await sim.createCall()
  await expect(row(page, call.correlationId)).toHaveAttribute('data-ucc', DEMO_UCC)
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')
  await expect(recorder(page, call.correlationId)).not.toHaveAttribute('data-stale', 'true')
  await expect(row(page, call.correlationId).getByTestId('marking-state')).toHaveAttribute(
    'data-state',
    'None',
  )
  await expect(row(page, call.correlationId).getByTestId('saving-state')).toHaveAttribute(
    'data-state',
    'None',
  )
  await expect(page.getByTestId('event-log')).toContainText(call.correlationId.slice(0, 8))
  // Both events came over the same connection, the other UCC's first.
  await expect(row(page, elsewhere.correlationId)).toHaveCount(0)
  await expect(page.getByTestId('event-log')).not.toContainText(elsewhere.correlationId.slice(0, 8))

  const open = openLink(page, call.correlationId)
  const href = new URL((await open.getAttribute('href'))!, page.url())
  expect(Object.fromEntries(href.searchParams)).toEqual({
    ucc: DEMO_UCC,
    correlationId: call.correlationId,
    agent: SUPERVISOR,
  })
})

test('a pause made elsewhere shows at once, with its timer, and is then confirmed', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page)
  const call = await sim.createCall()
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')
  // Its first read answered first: a read still on its way could answer Paused before the event
  // arrives, and a pause found by a read is rightly shown as "at least".
  await expect(recorder(page, call.correlationId)).not.toHaveAttribute('data-stale', 'true')

  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Paused')
  await expect(row(page, call.correlationId).getByTestId('pause-timer')).toHaveText(/^0:0\d$/)
  await expect(row(page, call.correlationId).getByTestId('last-action')).toContainText('Pause')
  await expect(recorder(page, call.correlationId)).not.toHaveAttribute(
    'data-stale',
    'true',
    CONFIRMED,
  )
  await expect(filter(page, 'Paused')).toHaveAccessibleName('Paused (1)')
})

test('pasted ids are looked up in each watched UCC, shown with their state, and kept across a reload', async ({
  page,
  sim,
}) => {
  // Created before the board opens: it never hears of them.
  const paused = await sim.createCall({ recordingState: PAUSED })
  const started = await sim.createCall()
  await useConfig(page)
  await openBoard(page, [LOCKED_UCC, DEMO_UCC])
  await expect(rows(page)).toHaveCount(0)

  await addIds(page, `${paused.correlationId}, not-a-guid\n${started.correlationId} ${UNKNOWN_ID}`)
  await expect(page.getByTestId('paste-problems')).toContainText('not-a-guid')
  await expect(recorder(page, paused.correlationId)).toHaveAttribute('data-state', 'Paused')
  await expect(recorder(page, paused.correlationId)).not.toHaveAttribute('data-stale', 'true')
  await expect(row(page, paused.correlationId)).toHaveAttribute('data-ucc', DEMO_UCC)
  await expect(row(page, paused.correlationId).getByTestId('pause-timer')).toBeVisible()
  await expect(recorder(page, started.correlationId)).toHaveAttribute('data-state', 'Started')
  const notFound = page.getByTestId('lookups-not-found')
  await expect(notFound).toContainText(UNKNOWN_ID)
  await expect(notFound).toContainText(`Not known in any of ${LOCKED_UCC}, ${DEMO_UCC}`)
  await expect(page.getByTestId('add-ids-status')).toHaveText('Added 2 ids, 1 not found.')

  await page.reload()
  await expect(recorder(page, paused.correlationId)).toHaveAttribute('data-state', 'Paused')
  await expect(recorder(page, started.correlationId)).toHaveAttribute('data-state', 'Started')
  await expect(page.getByTestId('lookups-checking')).toHaveCount(0)
  await expect(page.getByTestId('lookup-not-found')).toHaveCount(0)
  const stored = await page.evaluate(() => Object.entries(localStorage))
  expect(stored).toEqual([
    [
      `recording-board.watch-list:${DEMO_UCC},${LOCKED_UCC}`,
      JSON.stringify([paused.correlationId, started.correlationId]),
    ],
  ])
})

test('ids in the address are looked up like pasted ones', async ({ page, sim }) => {
  const call = await sim.createCall({ recordingState: PAUSED })
  await useConfig(page)
  await openBoard(page, [DEMO_UCC], `&calls=${call.correlationId},oops`)
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Paused')
  await expect(page.getByTestId('address-problems')).toContainText(
    '"oops" is not a valid correlation id',
  )
})

test('a call paused longer than the limit is highlighted, counted and named in the title', async ({
  page,
  sim,
}) => {
  await useConfig(page, { pauseAlertSeconds: 1 })
  await openBoard(page)
  const call = await sim.createCall()
  const other = await sim.createCall()
  await expect(recorder(page, other.correlationId)).toHaveAttribute('data-state', 'Started')
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Paused')

  await expect(row(page, call.correlationId)).toHaveAttribute('data-alert', 'true')
  await expect(page.getByTestId('alert-count')).toHaveText('1 paused too long')
  await expect(page).toHaveTitle(
    `(1) paused too long — ${call.correlationId.slice(0, 8)} in ${DEMO_UCC} · Recording board`,
  )
  await expect(row(page, other.correlationId)).not.toHaveAttribute('data-alert', 'true')
  // Longest paused first: the paused call is on top.
  await expect(rows(page).first()).toHaveAttribute('data-correlation-id', call.correlationId)

  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await expect(row(page, call.correlationId)).not.toHaveAttribute('data-alert', 'true')
  await expect(page).toHaveTitle('Recording board')
})

test('a call the service no longer knows is shown as ended, then removed', async ({
  page,
  sim,
}) => {
  await useConfig(page, { endedCallLingerSeconds: 1 })
  await recordEndedRows(page)
  await openBoard(page)
  const call = await sim.createCall()
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')

  // The ended row lasts a second: the page notes how it looked, the test waits for its removal.
  await sim.endCall(call.uccName, call.correlationId)
  await expect.poll(async () => (await endedRows(page)).length, CONFIRMED).toBeGreaterThan(0)
  await expect(row(page, call.correlationId)).toHaveCount(0)
  expect(await endedRows(page)).toEqual([{ id: call.correlationId, resumeDisabled: true }])
})

test('filters and search', async ({ page, sim }) => {
  await useConfig(page)
  await openBoard(page)
  const paused = await sim.createCall()
  const marked = await sim.createCall()
  const plain = await sim.createCall()
  await sim.actAs(paused.uccName, paused.correlationId, 'Pause')
  await sim.actAs(marked.uccName, marked.correlationId, 'Mark')
  await expect(recorder(page, paused.correlationId)).toHaveAttribute('data-state', 'Paused')
  await expect(row(page, marked.correlationId).getByTestId('marking-state')).toHaveAttribute(
    'data-state',
    'Mark',
  )
  await expect(rows(page)).toHaveCount(3)

  await filter(page, 'Paused').click()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page)).toHaveAttribute('data-correlation-id', paused.correlationId)
  await filter(page, 'Marked').click()
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page)).toHaveAttribute('data-correlation-id', marked.correlationId)
  await filter(page, 'Paused too long').click()
  await expect(rows(page)).toHaveCount(0)
  await filter(page, 'All').click()
  await expect(rows(page)).toHaveCount(3)

  await page
    .getByRole('searchbox', { name: 'Search by id or UCC' })
    .fill(plain.correlationId.slice(0, 8).toUpperCase())
  await expect(rows(page)).toHaveCount(1)
  await expect(rows(page)).toHaveAttribute('data-correlation-id', plain.correlationId)
  await page.getByRole('searchbox', { name: 'Search by id or UCC' }).fill('')
  await expect(rows(page)).toHaveCount(3)
})

test('resume from the board warns, asks, then sends Start as the supervisor', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page)
  const call = await sim.createCall()
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Paused')

  await resumeButton(page, call.correlationId).click()
  const dialog = page.getByRole('dialog', {
    name: `Resume recording of call ${call.correlationId.slice(0, 8)}?`,
  })
  await expect(dialog).toContainText('The agent may be taking card details')
  await button(dialog, 'Cancel').click()
  await expect(dialog).toBeHidden()
  expect((await sim.audit(call.correlationId)).map((entry) => String(entry.action))).toEqual([
    expect.stringMatching(/^(3|Pause)$/),
  ])

  await resumeButton(page, call.correlationId).click()
  await button(dialog, 'Resume recording').click()
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')
  await expect(recorder(page, call.correlationId)).not.toHaveAttribute(
    'data-stale',
    'true',
    CONFIRMED,
  )
  const audit = await sim.audit(call.correlationId)
  expect(audit.map((entry) => [String(entry.action), entry.requester])).toEqual([
    [expect.stringMatching(/^(3|Pause)$/), 'sip:payments@domain.com'],
    [expect.stringMatching(/^(1|Start)$/), SUPERVISOR],
  ])
  expect(await sim.recordingState(call.uccName, call.correlationId)).toBe(1)
})

test('mark from the board; a refusal shows the service message', async ({ page, sim }) => {
  await useConfig(page)
  await openBoard(page)
  const call = await sim.createCall()
  await expect(row(page, call.correlationId).getByTestId('marking-state')).toHaveAttribute(
    'data-state',
    'None',
    CONFIRMED,
  )
  await markButton(page, call.correlationId).click()
  await expect(row(page, call.correlationId).getByTestId('marking-state')).toHaveAttribute(
    'data-state',
    'Mark',
  )
  const audit = await sim.audit(call.correlationId)
  expect(audit.map((entry) => [String(entry.action), entry.requester])).toEqual([
    [expect.stringMatching(/^(6|Mark)$/), SUPERVISOR],
  ])

  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 200,
    body: { ErrorMessage: { ErrorType: 3, Message: 'Recorder is busy <now>.' } },
  })
  await sim.actAs(call.uccName, call.correlationId, 'UnMark')
  await expect(row(page, call.correlationId).getByTestId('marking-state')).toHaveAttribute(
    'data-state',
    'Unmark',
    CONFIRMED,
  )
  await markButton(page, call.correlationId).click()
  const alert = page.getByRole('alert').filter({ hasText: 'did not go through' })
  await expect(alert).toContainText('Recorder is busy <now>.')
})

test('after a reconnect every call is read again: a change missed while down shows up', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page)
  const call = await sim.createCall()
  await expect(recorder(page, call.correlationId)).not.toHaveAttribute(
    'data-stale',
    'true',
    CONFIRMED,
  )

  // The hub stays down until the change below is made, however long the checks take.
  await sim.refuseNegotiationUntilAccepted()
  await sim.dropConnections()
  await expect(page.getByTestId('hub-state')).not.toHaveAttribute('data-state', 'Connected')
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-stale', 'true')
  await sim.silent(call.uccName, call.correlationId, { recordingState: PAUSED })
  await reconnectHub(page, sim)
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Paused')
  await expect(recorder(page, call.correlationId)).not.toHaveAttribute('data-stale', 'true')
})

test('the agent view does not load the board', async ({ page, sim }) => {
  const call = await sim.createCall()
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname)
  })
  await page.goto(`/?ucc=${DEMO_UCC}&correlationId=${call.correlationId}&agent=${AGENT}`)
  await expect(page.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(scripts.some((path) => /\/board-[^/]*\.js$/.test(path))).toBe(false)
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations (axe, ${colorScheme})`, async ({ page, sim }) => {
    await page.emulateMedia({ colorScheme })
    await useConfig(page, { pauseAlertSeconds: 1 })
    await openBoard(page)
    const paused = await sim.createCall()
    const plain = await sim.createCall()
    await sim.actAs(paused.uccName, paused.correlationId, 'Pause')
    await sim.actAs(plain.uccName, plain.correlationId, 'Mark')
    await expect(row(page, paused.correlationId)).toHaveAttribute('data-alert', 'true')
    await addIds(page, `${UNKNOWN_ID} nope`)
    await expect(page.getByTestId('lookups-not-found')).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

    await filter(page, 'Paused').click()
    await resumeButton(page, paused.correlationId).click()
    await expect(page.getByRole('dialog')).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })
}
