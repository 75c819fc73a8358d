import AxeBuilder from '@axe-core/playwright'
import {
  button,
  confirmAction,
  expect,
  expectCallUnknown,
  holdRequests,
  openPanel,
  panelUrl,
  reconnectHub,
  recordingState,
  test,
} from './fixtures.ts'
import {
  fetches,
  recordPage,
  shownStates,
  type FetchRecord,
} from '../test-support/page-recorder.ts'
import { AGENT, DEMO_CALL, DEMO_UCC, LOCKED_UCC } from '../test-support/sim-client.ts'

const PAUSED = 3
const STOPPED = 2

const isSetRequest = (f: FetchRecord) => f.method === 'POST' && f.url.endsWith('/recording/set')

test('the demo call opens with its confirmed state and a live connection', async ({ page }) => {
  await openPanel(page, { uccName: DEMO_UCC, correlationId: DEMO_CALL })
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'None')
  await expect(page.getByTestId('saving-state')).toHaveAttribute('data-state', 'None')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'recording',
  )
  await expect(button(page, 'Pause')).toBeEnabled()
  // Start and Resume share one place; neither is offered while the recorder runs.
  await expect(page.getByTestId('action-resume')).toBeDisabled()
  await expect(page.getByTestId('action-start')).toBeDisabled()
  await expect(page.getByTestId('action-start')).toBeHidden()
})

test('pause and resume: each confirmed by the server, with the agent as requester', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()

  await button(page, 'Pause').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute('data-indicator', 'paused')
  await expect(page.getByTestId('pause-timer')).toBeVisible()
  expect(await sim.recordingState(call.uccName, call.correlationId)).toBe(PAUSED)

  await button(page, 'Resume').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('pause-timer')).toBeHidden()

  const audit = await sim.audit(call.correlationId)
  expect(audit.map((entry) => [String(entry.action), entry.requester])).toEqual([
    [expect.stringMatching(/^(3|Pause)$/), AGENT],
    [expect.stringMatching(/^(1|Start)$/), AGENT],
  ])
})

test('stop asks for confirmation; cancel sends nothing, confirm stops; start starts again', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()

  await button(page, 'Stop').click()
  const dialog = page.getByRole('dialog', { name: 'Stop the recording?' })
  await expect(dialog).toBeVisible()
  await button(dialog, 'Cancel').click()
  await expect(dialog).toBeHidden()
  expect(await sim.audit(call.correlationId)).toHaveLength(0)

  await confirmAction(page, 'Stop')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Stopped')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute('data-indicator', 'stopped')
  await expect(button(page, 'Pause')).toBeDisabled()

  await button(page, 'Start').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
})

test('the confirmation is a modal dialog: it starts on Cancel, keeps Tab inside, Escape cancels and focus goes back', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()
  await button(page, 'Delete').focus()
  await page.keyboard.press('Enter')

  const dialog = page.getByRole('dialog', { name: 'Delete the recording?' })
  await expect(dialog).toBeVisible()
  expect(await dialog.evaluate((element) => element.matches(':modal'))).toBe(true)
  await expect(button(dialog, 'Cancel')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(button(dialog, 'Delete recording')).toBeFocused()
  await page.keyboard.press('Tab')
  await expect(page.locator(':focus')).not.toBeAttached()
  await page.keyboard.press('Tab')
  await expect(button(dialog, 'Cancel')).toBeFocused()

  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await expect(button(page, 'Delete')).toBeFocused()
  expect(await sim.audit(call.correlationId)).toHaveLength(0)
})

test('mark, unmark, save and delete (delete asks first)', async ({ page, openCall }) => {
  await openCall()
  const marking = page.getByTestId('marking-state')
  const saving = page.getByTestId('saving-state')

  await button(page, 'Mark').click()
  await expect(marking).toHaveAttribute('data-state', 'Mark')
  await expect(button(page, 'Mark')).toBeDisabled()
  await button(page, 'Unmark').click()
  await expect(marking).toHaveAttribute('data-state', 'Unmark')

  await button(page, 'Save').click()
  await expect(saving).toHaveAttribute('data-state', 'Save')
  await confirmAction(page, 'Delete')
  await expect(saving).toHaveAttribute('data-state', 'Delete')
  await expect(saving).not.toHaveAttribute('data-stale', 'true')
})

test('a pause made by another party arrives live, with its timer', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()

  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('pause-timer')).toHaveText(/^0:0\d$/)
  await expect(page.getByTestId('last-event')).toContainText('Pause')
})

test('events for other calls change nothing and cause no request', async ({
  page,
  sim,
  openCall,
}) => {
  const other = await sim.createCall()
  await recordPage(page)
  const call = await openCall()
  const before = (await fetches(page)).length

  await sim.actAs(other.uccName, other.correlationId, 'Pause')
  // The panel's own event arrives after the other one on the same connection: once it has been
  // handled, the other one has been too.
  await sim.actAs(call.uccName, call.correlationId, 'Mark')
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  const stateReads = (await fetches(page))
    .slice(before)
    .filter((f) => f.method === 'GET' && f.url.includes('/recording/'))
  expect(stateReads.every((f) => f.url.includes(call.correlationId))).toBe(true)
  expect((await shownStates(page)).some((s) => s.state === 'Paused')).toBe(false)
})

test('an unknown call is said to be unknown, with the server text, and offers no action', async ({
  page,
}) => {
  const id = '00000000-0000-4000-8000-000000000000'
  await page.goto(panelUrl({ uccName: DEMO_UCC, correlationId: id }))
  await expectCallUnknown(page, id)
})

test('where agents may not edit recordings, actions are off and the panel says why', async ({
  page,
  openCall,
}) => {
  await openCall({ ucc: LOCKED_UCC })
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(page.getByTestId('actions-blocked')).toContainText('AgentCanEditRecordings')
  await expect(button(page, 'Pause')).toBeDisabled()
  await expect(button(page, 'Mark')).toBeDisabled()
})

test('a refused pause (type 3) shows the server text and never shows Paused', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  // The recorder stops without the panel hearing of it; the panel still offers Pause.
  await sim.silent(call.uccName, call.correlationId, { recordingState: STOPPED })

  await button(page, 'Pause').click()
  const alert = page.getByRole('alert').filter({ hasText: 'Pause did not go through' })
  await expect(alert).toContainText('processing error')
  // Re-read, not retried: the panel now shows what the recorder is really doing.
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Stopped')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  expect((await shownStates(page)).filter((s) => s.state === 'Paused')).toEqual([])
  const posts = (await fetches(page)).filter(isSetRequest)
  expect(posts).toHaveLength(1)
})

test('a 5xx on set shows an error, re-reads the state and never shows Paused', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  await openCall()
  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 503,
    body: 'Service Unavailable',
    contentType: 'text/plain',
  })

  await button(page, 'Pause').click()
  const alert = page.getByRole('alert').filter({ hasText: 'Pause did not go through' })
  await expect(alert).toContainText('(503)')
  await expect(alert).toContainText('Service Unavailable')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  expect((await shownStates(page)).filter((s) => s.state === 'Paused')).toEqual([])
  expect((await fetches(page)).filter(isSetRequest)).toHaveLength(1)
  await expect(button(page, 'Pause')).toBeEnabled()
})

test('with a slow server the panel does not run ahead: confirmed Paused only after the answer', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  await openCall()
  await sim.latency(1500)
  // Held in the page until the busy button has been seen, then slow on the server as well.
  const set = await holdRequests(page, '**/recording/set')

  await button(page, 'Pause').click()
  await expect.poll(set.count).toBe(1)
  await expect(button(page, 'Pausing…')).toBeDisabled()
  set.release()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')

  const post = (await fetches(page)).find(isSetRequest)
  expect(post?.end).not.toBeNull()
  const firstConfirmedPause = (await shownStates(page)).find(
    (s) => s.state === 'Paused' && !s.stale,
  )
  expect(firstConfirmedPause!.at).toBeGreaterThanOrEqual(post!.end! - 1)
  expect(firstConfirmedPause!.at - post!.start).toBeGreaterThanOrEqual(1500)
})

test('a double click sends one request', async ({ page, sim, openCall }) => {
  await recordPage(page)
  const call = await openCall()
  await button(page, 'Pause').dblclick()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  expect((await fetches(page)).filter(isSetRequest)).toHaveLength(1)
  expect(await sim.audit(call.correlationId)).toHaveLength(1)
})

test('a change made while the hub connection is down is picked up after it reconnects', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()

  // The hub stays down until the change below is made, however long the checks take.
  await sim.refuseNegotiationUntilAccepted()
  await sim.dropConnections()
  await expect(page.getByTestId('hub-state')).not.toHaveAttribute('data-state', 'Connected')
  await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('recorder-indicator')).toContainText(
    'recording state not confirmed — do not take card details',
  )
  // No event for this change ever reaches the panel: only the re-read after reconnecting can show it.
  await sim.silent(call.uccName, call.correlationId, { recordingState: PAUSED })
  await reconnectHub(page, sim)
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})

test('events in camelCase, positional or with action names all update the panel', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()

  await sim.settings({ eventCasing: 'camel' })
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')

  // Raw events: the state comes from the GET they trigger, so change it silently first.
  await sim.silent(call.uccName, call.correlationId, { markingState: 1 })
  await sim.emit([call.uccName.toUpperCase(), call.correlationId, 'Mark'])
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  await expect(page.getByTestId('marking-state')).not.toHaveAttribute('data-stale', 'true')

  await sim.silent(call.uccName, call.correlationId, { savingState: 1 })
  await sim.emit([
    { UCCNAME: call.uccName, CORRELATIONID: call.correlationId.toUpperCase(), STATEACTION: 4 },
  ])
  await expect(page.getByTestId('saving-state')).toHaveAttribute('data-state', 'Save')
  await expect(page.getByTestId('saving-state')).not.toHaveAttribute('data-stale', 'true')
})

test('a first connection refused by the hub is retried until it succeeds', async ({
  page,
  sim,
}) => {
  // Refused until the page has shown it: however slowly the page loads, its first attempt fails.
  await sim.refuseNegotiationUntilAccepted()
  await page.goto(panelUrl({ uccName: DEMO_UCC, correlationId: DEMO_CALL }))
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Disconnected')
  await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
  await reconnectHub(page, sim)
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})

test('the keyboard shortcut toggles pause and resume', async ({ page, openCall }) => {
  await openCall()
  await page.keyboard.press('Control+Shift+Digit2')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await page.keyboard.press('Control+Shift+Digit2')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})

test('v2 paths are used when config.json asks for them', async ({ page, openCall }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ json: { apiVersion: 'v2', uccName: DEMO_UCC, requesterSipUri: AGENT } }),
  )
  const v2Read = page.waitForRequest((request) =>
    request.url().includes('/attendantservice/api/v2/recording/'),
  )
  await openCall()
  await v2Read
  const v2Set = page.waitForRequest(
    (r) => r.method() === 'POST' && r.url().endsWith('/attendantservice/api/v2/recording/set'),
  )
  await button(page, 'Mark').click()
  await v2Set
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
})

test('a broken config.json falls back to the defaults with a visible warning', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ body: '{ not json', contentType: 'application/json' }),
  )
  await page.goto(panelUrl({ uccName: DEMO_UCC, correlationId: DEMO_CALL }))
  await expect(page.getByTestId('config-warning')).toContainText('config.json is not valid JSON')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
})

test('a malformed correlation id or SIP URI is refused and nothing is requested', async ({
  page,
}) => {
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.goto(`/?ucc=${DEMO_UCC}&correlationId=not-a-guid&agent=agent-without-sip`)
  const problems = page.getByTestId('address-problems')
  await expect(problems).toContainText('"not-a-guid" is not a valid correlation id')
  await expect(problems).toContainText('"agent-without-sip" is not a valid SIP URI')
  expect(requests.filter((url) => url.includes('/attendantservice/'))).toEqual([])
})

test('the start page opens a call entered by hand', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Correlation id').fill(DEMO_CALL)
  await button(page, 'Open call').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  expect(new URL(page.url()).searchParams.get('correlationId')).toBe(DEMO_CALL)
})

test('fits a 320 px side panel without horizontal scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 })
  await openPanel(page, { uccName: DEMO_UCC, correlationId: DEMO_CALL })
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  )
  expect(overflow).toBe(0)
})

// Each scheme in three tests of a few scans each: an axe scan is heavy work, and a busy machine
// must not push one test past its time.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations (axe, ${colorScheme}): recording, paused, and the Stop dialog`, async ({
    page,
    sim,
    openCall,
  }) => {
    await page.emulateMedia({ colorScheme })
    const call = await openCall()
    const indicator = page.getByTestId('recorder-indicator')
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await sim.actAs(call.uccName, call.correlationId, 'Pause')
    await expect(indicator).toHaveAttribute('data-indicator', 'paused')
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await button(page, 'Stop').click()
    await expect(page.getByRole('dialog')).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await page.keyboard.press('Escape')
    await expect(page.getByRole('dialog')).toBeHidden()
  })

  test(`no accessibility violations (axe, ${colorScheme}): not confirmed, and stopped`, async ({
    page,
    sim,
    openCall,
  }) => {
    await page.emulateMedia({ colorScheme })
    await openCall()
    const indicator = page.getByTestId('recorder-indicator')

    // Not confirmed: the hub is down.
    await sim.refuseNegotiation(60)
    await sim.dropConnections()
    await expect(indicator).toHaveAttribute('data-indicator', 'unverified')
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])

    await sim.clearFaults()
    await openPanel(page, await sim.createCall({ recordingState: STOPPED }))
    await expect(indicator).toHaveAttribute('data-indicator', 'stopped')
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })

  test(`no accessibility violations (axe, ${colorScheme}): the config warning and a refused address`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme })
    await page.route('**/config.json', (route) =>
      route.fulfill({ body: '{ not json', contentType: 'application/json' }),
    )
    await page.goto('/?correlationId=not-a-guid')
    await expect(page.getByTestId('config-warning')).toBeVisible()
    await expect(page.getByTestId('address-problems')).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })
}

test('every button variant and alert tone on screen has its look in the stylesheet (a class Tailwind did not see would have none)', async ({
  page,
}) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ body: '{ not json', contentType: 'application/json' }),
  )
  await page.goto(panelUrl({ uccName: DEMO_UCC, correlationId: DEMO_CALL }))
  await expect(page.getByTestId('config-warning')).toBeVisible()
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('action-report-exposure')).toBeVisible()
  const { used, styled } = await page.evaluate(() => {
    const selectors: string[] = []
    const walk = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSStyleRule) selectors.push(rule.selectorText)
        if ('cssRules' in rule) walk((rule as CSSGroupingRule).cssRules)
      }
    }
    for (const sheet of Array.from(document.styleSheets)) walk(sheet.cssRules)
    const variants = new Set(
      Array.from(document.querySelectorAll('[class]')).flatMap((element) =>
        Array.from(element.classList).filter((name) => /^(btn|alert)-[a-z]+$/.test(name)),
      ),
    )
    return {
      used: [...variants].sort(),
      styled: [...variants].filter((name) =>
        selectors.some((selector) => new RegExp(`\\.${name}(?![\\w-])`).test(selector)),
      ),
    }
  })
  expect(used).toEqual(expect.arrayContaining(['alert-warning', 'btn-danger', 'btn-primary']))
  expect(styled.sort()).toEqual(used)
  // And they show: the warning has its own background, the danger button its border.
  await expect(page.getByTestId('config-warning')).not.toHaveCSS(
    'background-color',
    'rgba(0, 0, 0, 0)',
  )
  await expect(page.getByTestId('action-report-exposure')).toHaveCSS('border-top-style', 'solid')
})
