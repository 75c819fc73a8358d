// The test contract for QA engineers (README, "Test contract"): every data-testid and attribute in
// its tables, with the documented values in the documented situations. This spec finds elements
// by their test ids on purpose: the ids are what it tests. The other specs find buttons and links
// as a user does, by role and name.
import type { Locator, Page, Route } from '@playwright/test'
import { AGENT, DEMO_UCC } from '../test-support/sim-client.ts'
import { expect, holdRequests, panelUrl, reconnectHub, test, type Call } from './fixtures.ts'

const RECORDING = { Uninitialized: 0, Started: 1, Stopped: 2, Paused: 3 } as const
const MARKING = { None: 0, Mark: 1, Unmark: 2 } as const
const SAVING = { None: 0, Save: 1, Delete: 2 } as const
const ACTIONS = ['start', 'resume', 'pause', 'stop', 'save', 'delete', 'mark', 'unmark'] as const
type Action = (typeof ACTIONS)[number]
const STATE_IDS = ['recording-state', 'marking-state', 'saving-state'] as const
const UNKNOWN_ID = '00000000-0000-4000-8000-0000000c0de0'
const SUPERVISOR = 'sip:supervisor@domain.com'
// A board row's first read after an event may wait for the per-call interval (5 s).
const BOARD_READ = { timeout: 10_000 }

/** data-stale="true" on all three states of `scope` (the agent panel, or one board row). */
async function expectStale(scope: Page | Locator) {
  for (const id of STATE_IDS)
    await expect(scope.getByTestId(id)).toHaveAttribute('data-stale', 'true')
}

/** No data-stale attribute at all on the three states: confirmed. */
async function expectConfirmed(scope: Page | Locator) {
  for (const id of STATE_IDS) await expect(scope.getByTestId(id)).not.toHaveAttribute('data-stale')
}

/** Every action-* button is disabled exactly when it is not in `offered`. */
async function expectOffered(page: Page, offered: readonly Action[]) {
  for (const action of ACTIONS) {
    const element = page.getByTestId(`action-${action}`)
    if (offered.includes(action)) await expect(element, action).toBeEnabled()
    else await expect(element, action).toBeDisabled()
  }
}

/**
 * Holds the answers to the state reads (GET) of one call until `release()`: what the page shows
 * meanwhile is what it has from events alone.
 */
async function holdStateReads(page: Page, call: Call) {
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  const held = (route: Route) =>
    route.request().method() === 'GET' &&
    new URL(route.request().url()).pathname
      .toLowerCase()
      .endsWith(`/${call.correlationId.toLowerCase()}`)
  await page.route('**/attendantservice/api/**', async (route) => {
    if (held(route)) await released
    await route.fallback()
  })
  return release
}

// ---------------------------------------------------------------------------------------------
// The agent panel

const PANEL_CASES: {
  recording: keyof typeof RECORDING
  marking: keyof typeof MARKING
  saving: keyof typeof SAVING
  indicator: string
  offered: Action[]
  /** The texts of pause-timer elements: one running timer while Paused, none otherwise. */
  pauseTimer: RegExp[]
}[] = [
  {
    recording: 'Uninitialized',
    marking: 'None',
    saving: 'None',
    indicator: 'not-started',
    offered: ['start', 'mark', 'save', 'delete'],
    pauseTimer: [],
  },
  {
    recording: 'Started',
    marking: 'Mark',
    saving: 'Save',
    indicator: 'recording',
    offered: ['pause', 'stop', 'unmark', 'delete'],
    pauseTimer: [],
  },
  {
    recording: 'Stopped',
    marking: 'Unmark',
    saving: 'Delete',
    indicator: 'stopped',
    offered: ['start', 'mark', 'save'],
    pauseTimer: [],
  },
  {
    recording: 'Paused',
    marking: 'None',
    saving: 'None',
    indicator: 'paused',
    offered: ['resume', 'stop', 'mark', 'save', 'delete'],
    // "≥" when the pause began before the panel saw it.
    pauseTimer: [/^(≥ )?\d+:\d\d$/],
  },
]

for (const c of PANEL_CASES) {
  test(`panel, ${c.recording} / ${c.marking} / ${c.saving}: data-state, no data-stale, data-indicator "${c.indicator}", action-* disabled exactly when not offered`, async ({
    page,
    openCall,
  }) => {
    await openCall({
      recordingState: RECORDING[c.recording],
      markingState: MARKING[c.marking],
      savingState: SAVING[c.saving],
    })
    await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
    await expect(page.getByTestId('recording-state')).toHaveAttribute('data-state', c.recording)
    await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', c.marking)
    await expect(page.getByTestId('saving-state')).toHaveAttribute('data-state', c.saving)
    await expectConfirmed(page)
    await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
      'data-indicator',
      c.indicator,
    )
    await expectOffered(page, c.offered)
    // pause-timer: the running pause, only while Paused.
    await expect(page.getByTestId('pause-timer')).toHaveText(c.pauseTimer)
    await expect(page.getByTestId('config-warning')).toHaveCount(0)
    await expect(page.getByTestId('address-problems')).toHaveCount(0)
  })
}

test('panel, a call the service does not know: Unknown everywhere, data-indicator "call-unknown", every action disabled, role=alert with the server text', async ({
  page,
}) => {
  await page.goto(panelUrl({ uccName: DEMO_UCC, correlationId: UNKNOWN_ID }))
  await expect(page.getByRole('alert').filter({ hasText: 'Call not found' })).toContainText(
    `No Audio session with correlation Id:'${UNKNOWN_ID}' was found.`,
  )
  for (const id of STATE_IDS)
    await expect(page.getByTestId(id)).toHaveAttribute('data-state', 'Unknown')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'call-unknown',
  )
  await expectOffered(page, [])
})

test('panel, a value outside the enumeration: data-state "Unknown", data-indicator "unverified", every action disabled', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()
  await sim.silent(call.uccName, call.correlationId, { recordingState: 7, markingState: 9 })
  await sim.emit([{ UccName: call.uccName, CorrelationId: call.correlationId }])
  await expect(page.getByTestId('recording-state')).toHaveAttribute('data-state', 'Unknown')
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Unknown')
  await expect(page.getByTestId('saving-state')).toHaveAttribute('data-state', 'None')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  await expectOffered(page, [])
})

test('panel, hub-state: "Connecting" until the hub answers, then "Connected"', async ({
  page,
  sim,
}) => {
  const call = await sim.createCall()
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/attendantservice/hubs/recording/negotiate**', async (route) => {
    await released
    await route.fallback()
  })
  await page.goto(panelUrl(call))
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connecting')
  await expectStale(page)
  release()
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expectConfirmed(page)
})

test('panel, hub-state "Disconnected" while a first connection is refused; data-stale meanwhile', async ({
  page,
  sim,
}) => {
  const call = await sim.createCall()
  // Refused until the page has shown it: however slowly the page loads, its first attempt fails.
  await sim.refuseNegotiationUntilAccepted()
  await page.goto(panelUrl(call))
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Disconnected')
  await expectStale(page)
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  await reconnectHub(page, sim)
  await expectConfirmed(page)
})

test('panel, hub-state "Reconnecting" after a lost connection: data-stale until a fresh read after it is back', async ({
  page,
  sim,
  openCall,
}) => {
  await openCall()
  // The hub stays down until the page has shown it, however long the checks take.
  await sim.refuseNegotiationUntilAccepted()
  await sim.dropConnections()
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Reconnecting')
  await expectStale(page)
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  await reconnectHub(page, sim)
  await expectConfirmed(page)
})

test('panel, data-stale while an event awaits its read, absent once the read confirms it', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()
  const release = await holdStateReads(page, call)
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(page.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  await expectStale(page)
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  release()
  await expectConfirmed(page)
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute('data-indicator', 'paused')
})

test('panel, data-stale while the last read failed, absent after a read succeeds', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()
  await sim.failNext({
    endpoint: 'state',
    count: 100,
    status: 503,
    body: 'Service Unavailable',
    contentType: 'text/plain',
  })
  await sim.actAs(call.uccName, call.correlationId, 'Mark')
  await expect(page.getByRole('alert').filter({ hasText: 'Could not read' })).toBeVisible()
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  await expectStale(page)
  await sim.clearFaults()
  await sim.actAs(call.uccName, call.correlationId, 'UnMark')
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Unmark')
  await expectConfirmed(page)
})

test('panel, while an action is in flight: data-stale on all three and every action-* disabled', async ({
  page,
  openCall,
}) => {
  await openCall()
  // The action stays in flight until the checks are done, however long they take.
  const set = await holdRequests(page, '**/recording/set')
  await page.getByTestId('action-pause').click()
  await expect.poll(set.count).toBe(1)
  await expectStale(page)
  await expectOffered(page, [])
  set.release()
  await expect(page.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  await expectConfirmed(page)
  await expectOffered(page, ['resume', 'stop', 'mark', 'save', 'delete'])
})

for (const [action, state] of [
  ['stop', { id: 'recording-state', value: 'Stopped' }],
  ['delete', { id: 'saving-state', value: 'Delete' }],
] as const) {
  test(`panel, action-${action} asks in role=dialog; its data-testid="confirm" confirms`, async ({
    page,
    openCall,
  }) => {
    await openCall()
    await page.getByTestId(`action-${action}`).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog).toBeVisible()
    await dialog.getByTestId('confirm').click()
    await expect(dialog).toHaveCount(0)
    await expect(page.getByTestId(state.id)).toHaveAttribute('data-state', state.value)
    await expectConfirmed(page)
  })
}

test("panel, role=alert for a refused action, with the server's Message verbatim, as text", async ({
  page,
  sim,
  openCall,
}) => {
  const message = 'Recorder <b>busy</b> & "locked" — try later'
  await openCall()
  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 200,
    body: { ErrorMessage: { ErrorType: 3, Message: message } },
  })
  await page.getByTestId('action-mark').click()
  const alert = page.getByRole('alert').filter({ hasText: 'Mark did not go through' })
  await expect(alert).toContainText(message)
  await expect(alert.locator('b')).toHaveCount(0)
})

test('panel, config-warning when config.json is broken', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ body: '{ not json', contentType: 'application/json' }),
  )
  await page.goto('/')
  await expect(page.getByTestId('config-warning')).toContainText('config.json is not valid JSON')
})

test('panel, address-problems lists why an address was refused', async ({ page }) => {
  await page.goto(`/?ucc=${DEMO_UCC}&correlationId=not-a-guid&agent=${AGENT}`)
  const problems = page.getByTestId('address-problems')
  await expect(problems).toContainText('"not-a-guid" is not a valid correlation id')
  await expect(page.getByTestId('recording-state')).toHaveCount(0)
})

// ---------------------------------------------------------------------------------------------
// The supervisor board

async function openBoard(page: Page, config: Record<string, unknown> = {}, ucc = DEMO_UCC) {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      json: { uccName: DEMO_UCC, requesterSipUri: AGENT, supervisorSipUri: SUPERVISOR, ...config },
    }),
  )
  await page.goto(`/?view=board&ucc=${ucc}`)
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
}

function row(page: Page, correlationId: string) {
  return page.locator(`[data-testid="call-row"][data-correlation-id="${correlationId}"]`)
}

test('board, call-row: data-correlation-id as the supervisor spelled it, data-ucc as in the address; the states confirmed', async ({
  page,
  sim,
}) => {
  const call = await sim.createCall({
    recordingState: RECORDING.Paused,
    markingState: MARKING.Mark,
  })
  const spelled = call.correlationId.toUpperCase()
  const address = DEMO_UCC.toUpperCase()
  await openBoard(page, {}, address)
  await page.getByTestId('add-ids').fill(spelled)
  await page.getByTestId('add-ids-submit').click()
  await expect(page.getByTestId('add-ids-status')).toHaveText('Added 1 id.')

  const found = row(page, spelled)
  await expect(found).toHaveAttribute('data-ucc', address)
  await expect(found.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  await expect(found.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  await expect(found.getByTestId('saving-state')).toHaveAttribute('data-state', 'None')
  await expectConfirmed(found)
  await expect(found).not.toHaveAttribute('data-alert')
  await expect(found).not.toHaveAttribute('data-ended')
  // pause-timer, last-action, row-resume (offered while Paused), row-mark (not while marked), row-open.
  await expect(found.getByTestId('pause-timer')).toBeVisible()
  await expect(found.getByTestId('last-action')).toHaveText('Added by id')
  await expect(found.getByTestId('row-resume')).toBeEnabled()
  await expect(found.getByTestId('row-mark')).toBeDisabled()
  const href = new URL((await found.getByTestId('row-open').getAttribute('href'))!, page.url())
  expect(Object.fromEntries(href.searchParams)).toEqual({
    ucc: address,
    correlationId: spelled,
    agent: SUPERVISOR,
  })
})

test('board, call-row from an event: data-correlation-id as the event spelled it; data-stale until its read, then not; row-resume off while Started', async ({
  page,
  sim,
}) => {
  await openBoard(page)
  const call = await sim.createCall({ silent: true, markingState: MARKING.Mark })
  const spelled = call.correlationId.toUpperCase()
  const release = await holdStateReads(page, call)
  await sim.emit([{ UccName: call.uccName, CorrelationId: spelled, StateAction: 'Mark' }])
  const found = row(page, spelled)
  await expect(found.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  await expectStale(found)
  await expect(found.getByTestId('last-action')).toContainText('Mark')
  release()
  await expectConfirmed(found)
  await expect(found.getByTestId('pause-timer')).toHaveCount(0)
  await expect(found.getByTestId('row-resume')).toBeDisabled()
  await expect(found.getByTestId('row-mark')).toBeDisabled()
})

test('board, rows data-stale while the hub is not Connected (hub-state "Reconnecting")', async ({
  page,
  sim,
}) => {
  await openBoard(page)
  const call = await sim.createCall()
  await expectConfirmed(row(page, call.correlationId))
  // The hub stays down until the page has shown it, however long the checks take.
  await sim.refuseNegotiationUntilAccepted()
  await sim.dropConnections()
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Reconnecting')
  await expectStale(row(page, call.correlationId))
  await reconnectHub(page, sim)
  await expectConfirmed(row(page, call.correlationId))
})

test('board, call-row data-ended (and data-stale) once the service no longer knows the call', async ({
  page,
  sim,
}) => {
  await openBoard(page, { endedCallLingerSeconds: 60 })
  const call = await sim.createCall()
  await expectConfirmed(row(page, call.correlationId))
  await sim.endCall(call.uccName, call.correlationId)
  await expect(row(page, call.correlationId)).toHaveAttribute('data-ended', 'true', BOARD_READ)
  await expectStale(row(page, call.correlationId))
  await expect(row(page, call.correlationId).getByTestId('row-resume')).toBeDisabled()
  await expect(row(page, call.correlationId).getByTestId('row-mark')).toBeDisabled()
})

test('board, data-alert, alert-count with data-count, and the title, for a call paused too long', async ({
  page,
  sim,
}) => {
  await openBoard(page, { pauseAlertSeconds: 1 })
  await expect(page.getByTestId('alert-count')).toHaveAttribute('data-count', '0')
  await expect(page.getByTestId('alert-count')).toHaveText('No call paused too long')
  const paused = await sim.createCall()
  const other = await sim.createCall()
  await sim.actAs(paused.uccName, paused.correlationId, 'Pause')

  await expect(row(page, paused.correlationId)).toHaveAttribute('data-alert', 'true')
  await expect(row(page, other.correlationId)).toBeVisible()
  await expect(row(page, other.correlationId)).not.toHaveAttribute('data-alert')
  await expect(page.getByTestId('alert-count')).toHaveAttribute('data-count', '1')
  await expect(page.getByTestId('alert-count')).toHaveText('1 paused too long')
  await expect(page).toHaveTitle(/^\(1\) paused too long/)
})

test('board, filter-* (aria-pressed, each with its count), search and sort', async ({
  page,
  sim,
}) => {
  await openBoard(page)
  const paused = await sim.createCall()
  const marked = await sim.createCall()
  await sim.actAs(paused.uccName, paused.correlationId, 'Pause')
  // Shown before the next event: the two are applied in different frames, at different times.
  await expect(row(page, paused.correlationId).getByTestId('recording-state')).toHaveAttribute(
    'data-state',
    'Paused',
  )
  await sim.actAs(marked.uccName, marked.correlationId, 'Mark')
  await expect(row(page, marked.correlationId).getByTestId('marking-state')).toHaveAttribute(
    'data-state',
    'Mark',
  )
  const filters = { all: 2, paused: 1, alert: 0, marked: 1 }
  for (const [id, count] of Object.entries(filters))
    await expect(page.getByTestId(`filter-${id}`)).toContainText(`(${count})`)
  await expect(page.getByTestId('filter-all')).toHaveAttribute('aria-pressed', 'true')

  await page.getByTestId('filter-paused').click()
  for (const id of Object.keys(filters))
    await expect(page.getByTestId(`filter-${id}`)).toHaveAttribute(
      'aria-pressed',
      String(id === 'paused'),
    )
  await expect(page.getByTestId('call-row')).toHaveCount(1)
  await page.getByTestId('filter-all').click()

  await page.getByTestId('search').fill(marked.correlationId.slice(4, 12).toUpperCase())
  await expect(page.getByTestId('call-row')).toHaveCount(1)
  await expect(page.getByTestId('call-row')).toHaveAttribute(
    'data-correlation-id',
    marked.correlationId,
  )
  await page.getByTestId('search').fill('')

  const sort = page.getByTestId('sort')
  await expect(sort.locator('option')).toHaveText(['Longest paused first', 'Newest activity first'])
  await expect(page.getByTestId('call-row').first()).toHaveAttribute(
    'data-correlation-id',
    paused.correlationId,
  )
  await sort.selectOption({ label: 'Newest activity first' })
  await expect(page.getByTestId('call-row').first()).toHaveAttribute(
    'data-correlation-id',
    marked.correlationId,
  )
})

test('board, add-ids: add-ids-status, paste-problems, lookups-checking, then lookups-not-found with lookup-not-found rows', async ({
  page,
  sim,
}) => {
  const known = await sim.createCall({ silent: true })
  await openBoard(page)
  await sim.hang('state', 10)
  await page.getByTestId('add-ids').fill(`${known.correlationId}\nnot-a-guid, ${UNKNOWN_ID}`)
  await page.getByTestId('add-ids-submit').click()
  // Counted as they are found: none yet while the service holds the reads.
  await expect(page.getByTestId('add-ids-status')).toHaveText(
    'Added 0 ids, 2 still being looked up.',
  )
  await expect(page.getByTestId('paste-problems')).toContainText('not-a-guid')
  await expect(page.getByTestId('lookups-checking')).toContainText('Looking up 2 added calls')

  await sim.clearFaults()
  await expect(row(page, known.correlationId)).toBeVisible(BOARD_READ)
  await expect(page.getByTestId('lookups-checking')).toHaveCount(0, BOARD_READ)
  await expect(page.getByTestId('lookups-not-found')).toContainText(`Not known in ${DEMO_UCC}`)
  await expect(page.getByTestId('lookup-not-found')).toHaveCount(1)
  await expect(page.getByTestId('add-ids-status')).toHaveText('Added 1 id, 1 not found.')
  await expect(page.getByTestId('lookup-not-found')).toHaveAttribute(
    'data-correlation-id',
    UNKNOWN_ID,
  )
})

test('board, event-log: event-line with time, UCC, short id and action, newest first', async ({
  page,
  sim,
}) => {
  await openBoard(page)
  const call = await sim.createCall({ silent: true })
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await sim.actAs(call.uccName, call.correlationId, 'Mark')
  const lines = page.getByTestId('event-log').getByTestId('event-line')
  await expect(lines).toHaveCount(2)
  for (const [index, action] of ['Mark', 'Pause'].entries()) {
    const line = lines.nth(index)
    await expect(line.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d\d-\d\dT/)
    await expect(line).toContainText(DEMO_UCC)
    await expect(line).toContainText(call.correlationId.slice(0, 8))
    await expect(line).toContainText(action)
  }
})

test('board, row-resume asks in role=dialog; data-testid="confirm" sends Start as the supervisor', async ({
  page,
  sim,
}) => {
  await openBoard(page)
  const call = await sim.createCall()
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(row(page, call.correlationId).getByTestId('row-resume')).toBeEnabled()
  await row(page, call.correlationId).getByTestId('row-resume').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('The agent may be taking card details')
  await dialog.getByTestId('confirm').click()
  await expect(row(page, call.correlationId).getByTestId('recording-state')).toHaveAttribute(
    'data-state',
    'Started',
  )
  await expectConfirmed(row(page, call.correlationId))
  const audit = await sim.audit(call.correlationId)
  expect(audit.at(-1)?.requester).toBe(SUPERVISOR)
})

test("board, role=alert for a refused action, with the server's Message verbatim", async ({
  page,
  sim,
}) => {
  const message = 'Recorder is busy <now> & "then"'
  await openBoard(page)
  const call = await sim.createCall()
  await expectConfirmed(row(page, call.correlationId))
  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 200,
    body: { ErrorMessage: { ErrorType: 3, Message: message } },
  })
  await row(page, call.correlationId).getByTestId('row-mark').click()
  await expect(page.getByRole('alert').filter({ hasText: 'did not go through' })).toContainText(
    message,
  )
})

test('board, hub-state as in the agent panel; the agent panel link opens the call there', async ({
  page,
  sim,
}) => {
  await openBoard(page)
  const call = await sim.createCall()
  await expectConfirmed(row(page, call.correlationId))
  // In a new tab: the board stays where it was.
  const opened = page.context().waitForEvent('page')
  await row(page, call.correlationId).getByTestId('row-open').click()
  const panel = await opened
  await expect(panel).toHaveURL(new RegExp(`correlationId=${call.correlationId}`))
  await expect(panel.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expect(panel.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  await expectConfirmed(panel)
  await expect(page).toHaveURL(/view=board/)
})
