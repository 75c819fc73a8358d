// The pause guard of the agent panel (docs/reliability.md, "Pause guard and ledger"): a countdown
// to the pause limit, a warning the agent cannot miss, and at the limit a resume sent only after a
// fresh read shows the call still paused; loud and retried when refused; never while the hub is
// down; one acting tab per call; "ended while paused". Real time with short limits from
// config.json (the SignalR client keeps its own timers): every wait is on a condition.
import AxeBuilder from '@axe-core/playwright'
import type { BrowserContext, Page } from '@playwright/test'
import {
  button,
  expect,
  guardSnapshots,
  holdRequests,
  ledgerEntry,
  openPanel,
  reconnectHub,
  recordingState,
  serveConfig,
  testWithPageHealth as test,
  watchGuard,
  expectConfirmed,
} from './fixtures.ts'
import { ApiLog, type ApiExchange } from '../test-support/api-log.ts'
import { AGENT, DEMO_UCC } from '../test-support/sim-client.ts'

const PAUSED = 3
/** The limit and the warning every test here configures, unless it says otherwise. */
const LIMIT_S = 6
const WARNING_S = 3
const GUARD = { maxPauseSeconds: LIMIT_S, pauseWarningSeconds: WARNING_S }
/** How long after a pause the guard has acted, with room for a loaded machine. */
const ACTED_MS = (LIMIT_S + 12) * 1000
/** The guard's retry after a refused or failed resume (use-pause-guard.ts). */
const RETRY_MS = 5_000
const PAYMENTS = 'sip:payments@domain.com'

/** The last state read a page had answered before `exchange` (its sequence), after `afterSeq`. */
function lastReadBefore(log: ApiLog, exchange: ApiExchange, afterSeq: number, page?: string) {
  return log.readsBetween(afterSeq, exchange.seq, page).at(-1)
}

function countdown(page: Page) {
  return page.getByTestId('pause-countdown')
}

test('pause, countdown, warning (an alert and the title), then one Start at the limit after a fresh read showed the pause; the ledger has the pause and who ended it', async ({
  page,
  sim,
  openCall,
}) => {
  await serveConfig(page, GUARD)
  const log = new ApiLog()
  await log.watch(page)
  const call = await openCall()
  await watchGuard(page)

  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await expect(countdown(page)).toHaveText(/^Recording resumes automatically in 0:0[1-6]$/)
  const first = Number(await countdown(page).getAttribute('data-seconds-left'))
  await expect
    .poll(async () => Number(await countdown(page).getAttribute('data-seconds-left')))
    .toBeLessThan(first)

  const warning = page.getByTestId('pause-warning')
  await expect(warning).toHaveAttribute('role', 'alert')
  await expect(warning).toContainText('Recording resumes in 0:0')
  await expect(page).toHaveTitle(/^⚠ Resume recording/)

  const resumed = page.getByTestId('auto-resumed')
  await expect(resumed).toHaveText(
    /^Recording resumed automatically after 0:(0[6-9]|[1-5]\d) paused\. Dismiss$/,
    { timeout: ACTED_MS },
  )
  await expectConfirmed(page, 'Started')
  await expect(countdown(page)).toBeHidden()
  await expect(warning).toBeHidden()
  await expect(page).not.toHaveTitle(/⚠/)

  // The warning came only within its last seconds, and the title with it.
  const snapshots = await guardSnapshots(page)
  const warned = snapshots.filter((snapshot) => snapshot.warning)
  expect(warned.length).toBeGreaterThan(0)
  for (const snapshot of warned) expect(snapshot.secondsLeft).toBeLessThanOrEqual(WARNING_S)
  expect(
    snapshots.some((s) => !s.warning && s.secondsLeft !== null && s.secondsLeft > WARNING_S),
  ).toBe(true)
  // The title warns with the alert (it is set just after it), never before the last seconds.
  for (const snapshot of snapshots.filter(
    (s) => s.secondsLeft !== null && s.secondsLeft > WARNING_S,
  ))
    expect(snapshot.title).not.toMatch(/⚠/)

  // Exactly one Start, as the agent, sent at the limit and only after a fresh read showed Paused.
  const [pause] = log.posts('Pause')
  const starts = log.posts('Start')
  expect(starts).toHaveLength(1)
  const [start] = starts
  expect(start!.requester).toBe(AGENT)
  expect(start!.at - pause!.at).toBeGreaterThanOrEqual(LIMIT_S * 1000)
  const read = lastReadBefore(log, start!, pause!.seq)
  expect(read?.recordingState).toBe('Paused')
  expect(read!.at - pause!.at).toBeGreaterThanOrEqual(LIMIT_S * 1000)
  const audit = await sim.audit(call.correlationId)
  expect(audit.map((entry) => [String(entry.action), entry.requester])).toEqual([
    ['Pause', AGENT],
    ['Start', AGENT],
  ])

  // On record: the agent's pause, the automatic resume, and the pause closed by it.
  await expect(ledgerEntry(page, { kind: 'change', action: 'Pause', source: 'agent' })).toHaveText(
    /^Paused by you/,
  )
  await expect(
    ledgerEntry(page, { kind: 'change', action: 'Start', source: 'auto-resume' }),
  ).toHaveText(/^Resumed automatically/)
  const closed = ledgerEntry(page, { kind: 'pause', source: 'auto-resume' })
  await expect(closed).toHaveText(/^Resumed automatically after 0:(0[6-9]|[1-5]\d)/)
  await expect(closed.locator('time')).toHaveCount(2)
})

test('a pause made by another party is resumed at the limit too, as the agent; the ledger credits the pause to the other party', async ({
  page,
  sim,
  openCall,
}) => {
  await serveConfig(page, GUARD)
  const log = new ApiLog()
  await log.watch(page)
  const call = await openCall()

  await sim.actAs(call.uccName, call.correlationId, 'Pause', PAYMENTS)
  await expectConfirmed(page, 'Paused')
  // Seen as it began (an event): counted exactly, no "at least" note.
  await expect(countdown(page)).toHaveText(/^Recording resumes automatically in 0:0[1-6]$/)

  await expect(page.getByTestId('auto-resumed')).toBeVisible({ timeout: ACTED_MS })
  await expectConfirmed(page, 'Started')
  const starts = log.posts('Start')
  expect(starts).toHaveLength(1)
  expect(starts[0]!.requester).toBe(AGENT)
  expect(lastReadBefore(log, starts[0]!, 0)?.recordingState).toBe('Paused')
  expect(log.posts()).toHaveLength(1)
  const audit = await sim.audit(call.correlationId)
  expect(audit.map((entry) => [String(entry.action), entry.requester])).toEqual([
    ['Pause', PAYMENTS],
    ['Start', AGENT],
  ])

  await expect(ledgerEntry(page, { kind: 'change', action: 'Pause', source: 'other' })).toHaveText(
    /^Paused by another party/,
  )
  await expect(
    ledgerEntry(page, { kind: 'change', action: 'Start', source: 'auto-resume' }),
  ).toHaveCount(1)
  await expect(ledgerEntry(page, { kind: 'pause', source: 'auto-resume' })).toHaveCount(1)
})

test('a pause found already running is counted from when the panel first saw it, says so, and is resumed at that limit', async ({
  page,
  openCall,
}) => {
  await serveConfig(page, GUARD)
  const log = new ApiLog()
  await log.watch(page)
  await openCall({ recordingState: PAUSED })

  await expect(countdown(page)).toContainText(
    'The pause was already running when this panel first saw it: counted from then.',
  )
  await expect(page.getByTestId('auto-resumed')).toBeVisible({ timeout: ACTED_MS })
  // Its length is a lower bound, and said so.
  await expect(page.getByTestId('auto-resumed')).toContainText(
    /^Recording resumed automatically after at least 0:\d\d paused\./,
  )
  await expectConfirmed(page, 'Started')
  expect(log.posts('Start')).toHaveLength(1)
  // The ledger knows its start only as a lower bound.
  await expect(ledgerEntry(page, { kind: 'pause', source: 'auto-resume' })).toHaveText(
    /^Resumed automatically after ≥ 0:\d\d/,
  )
})

/** Two tabs of one browser on the same call, each watched by `log` (labels first, second). */
async function twoTabs(context: BrowserContext, page: Page, log: ApiLog) {
  const other = await context.newPage()
  await log.watch(page, 'first')
  await log.watch(other, 'second')
  return other
}

test('two tabs on the same call: both count down, and exactly one Start is sent at the limit', async ({
  context,
  page,
  sim,
}) => {
  await serveConfig(context, GUARD)
  const log = new ApiLog()
  const other = await twoTabs(context, page, log)
  const call = await sim.createCall()
  await openPanel(page, call)
  await openPanel(other, call)
  // Each tab holds a Start it sends until both have reached the limit: a second acting tab would
  // then have read Paused too, and sent its own.
  const isStart = (request: { postData(): string | null }) =>
    (JSON.parse(request.postData() ?? '{}') as { Action?: unknown }).Action === 1
  const held = await Promise.all(
    [page, other].map((tab) => holdRequests(tab, '**/recording/set', isStart)),
  )

  // The pause comes from the second tab: the first one, opened first, acts.
  await button(other, 'Pause').click()
  for (const tab of [page, other]) {
    await expectConfirmed(tab, 'Paused')
    await expect(countdown(tab)).toHaveText(/^Recording resumes automatically in 0:0[1-6]$/)
  }
  for (const tab of [page, other])
    await expect(tab.getByTestId('pause-warning')).toContainText('Pause limit reached', {
      timeout: ACTED_MS,
    })
  await expect.poll(() => held[0]!.count() + held[1]!.count(), { timeout: ACTED_MS }).toBe(1)
  for (const hold of held) hold.release()

  for (const tab of [page, other]) await expectConfirmed(tab, 'Started')
  await expect(page.getByTestId('auto-resumed')).toBeVisible()
  await expect(other.getByTestId('auto-resumed')).toHaveCount(0)
  expect(log.posts('Start').map((post) => post.page)).toEqual(['first'])
  expect(held.map((hold) => hold.count())).toEqual([1, 0])
  const audit = await sim.audit(call.correlationId)
  expect(audit.filter((entry) => String(entry.action) === 'Start')).toHaveLength(1)
  await other.close()
})

test('when the acting tab closes during the pause, the other tab acts at the limit', async ({
  context,
  page,
  sim,
}) => {
  await serveConfig(context, GUARD)
  const log = new ApiLog()
  const other = await twoTabs(context, page, log)
  const call = await sim.createCall()
  await openPanel(page, call)
  await openPanel(other, call)

  await button(page, 'Pause').click()
  for (const tab of [page, other]) await expect(countdown(tab)).toBeVisible()
  await page.close()

  await expect(other.getByTestId('auto-resumed')).toBeVisible({ timeout: ACTED_MS })
  await expectConfirmed(other, 'Started')
  expect(log.posts('Start').map((post) => post.page)).toEqual(['second'])
  await other.close()
})

// A refused or failed automatic resume: said loudly, with the server's text, and tried again every
// 5 s, each time after a fresh read, until it goes through.
const REFUSALS = [
  {
    name: 'ErrorMessage type 3 (409)',
    fault: {
      status: 409,
      body: { ErrorMessage: { ErrorType: 3, Message: 'Recorder is busy: cannot start now.' } },
    },
    times: 2,
    text: 'Recorder is busy: cannot start now.',
  },
  {
    name: 'ErrorMessage type 3 with 200',
    fault: {
      status: 200,
      body: { ErrorMessage: { ErrorType: 3, Message: 'Start refused by the recorder.' } },
    },
    times: 1,
    text: 'Start refused by the recorder.',
  },
  {
    name: '503',
    fault: { status: 503, body: 'Service Unavailable', contentType: 'text/plain' },
    times: 1,
    text: 'Service Unavailable',
  },
]

for (const refusal of REFUSALS) {
  test(`a refused automatic resume (${refusal.name}) is said loudly with the server's text and tried again every 5 s after a fresh read, until it goes through`, async ({
    page,
    sim,
    openCall,
  }) => {
    test.setTimeout(90_000)
    await serveConfig(page, GUARD)
    const log = new ApiLog()
    await log.watch(page)
    const call = await openCall()
    await sim.actAs(call.uccName, call.correlationId, 'Pause', PAYMENTS)
    await expectConfirmed(page, 'Paused')
    await sim.failNext({ endpoint: 'set', count: refusal.times, ...refusal.fault })

    const failed = page.getByTestId('auto-resume-failed')
    await expect(failed.getByRole('alert')).toContainText(
      'Recording is still paused — resume now',
      {
        timeout: ACTED_MS,
      },
    )
    await expect(failed).toContainText(refusal.text)
    await expect(failed).toContainText('It is tried again every 5 seconds, after a fresh read.')
    await expect(page.getByTestId('pause-warning')).toBeHidden()
    await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')

    await expect(page.getByTestId('auto-resumed')).toBeVisible({
      timeout: ACTED_MS + refusal.times * (RETRY_MS + 5_000),
    })
    await expect(failed).toBeHidden()
    await expectConfirmed(page, 'Started')

    const starts = log.posts('Start')
    expect(starts.map((post) => post.status)).toEqual([
      ...Array<number>(refusal.times).fill(refusal.fault.status),
      200,
    ])
    // Each attempt right after a read of its own that showed the call still paused…
    const previous = [0, ...starts.map((start) => start.seq)]
    for (const [index, start] of starts.entries()) {
      expect(
        lastReadBefore(log, start, previous[index]!)?.recordingState,
        `attempt ${index + 1}`,
      ).toBe('Paused')
    }
    // …a retry only after the 5 s wait, and its read after that wait too (not the re-read that
    // follows every failed action at once).
    for (const [index, start] of starts.slice(1).entries()) {
      const before = starts[index]!
      expect(start.at - before.at).toBeGreaterThanOrEqual(RETRY_MS)
      const read = lastReadBefore(log, start, before.seq)
      expect(read!.at - before.at, `the read before retry ${index + 1}`).toBeGreaterThanOrEqual(
        RETRY_MS,
      )
    }
    expect(starts.every((start) => start.requester === AGENT)).toBe(true)
  })
}

test('the hub down at the limit: nothing is sent; once it is back the pause counts anew, at least, and is resumed at that limit', async ({
  page,
  sim,
  openCall,
}) => {
  test.setTimeout(90_000)
  await serveConfig(page, GUARD)
  const log = new ApiLog()
  await log.watch(page)
  const call = await openCall()
  await sim.actAs(call.uccName, call.correlationId, 'Pause', PAYMENTS)
  await expectConfirmed(page, 'Paused')

  await sim.refuseNegotiationUntilAccepted()
  await sim.dropConnections()
  await expect(page.getByTestId('hub-state')).not.toHaveAttribute('data-state', 'Connected')
  // The limit passes while the hub is down.
  await expect(page.getByTestId('pause-warning')).toContainText('Pause limit reached', {
    timeout: ACTED_MS,
  })
  await expect(countdown(page)).toHaveAttribute('data-seconds-left', '0')
  // When the hub accepted the page again (noted as its answer arrives, before the page connects).
  let backAt = 0
  const negotiated = page.waitForResponse((response) => {
    if (!response.url().includes('/hubs/recording/negotiate') || !response.ok()) return false
    backAt = Date.now()
    return true
  })
  await reconnectHub(page, sim)
  await negotiated
  // Its start is no longer known: counted from the reconnect, as a lower bound.
  await expect(countdown(page)).toContainText('counted from then')
  await expect(page.getByTestId('auto-resumed')).toBeVisible({ timeout: ACTED_MS })
  await expectConfirmed(page, 'Started')

  const starts = log.posts('Start')
  expect(starts).toHaveLength(1)
  // A second of leeway for the moment this test saw the negotiation answered.
  expect(starts[0]!.at - backAt).toBeGreaterThanOrEqual(LIMIT_S * 1000 - 1000)
})

// The service stops the recorder as a call ends and announces that Stop first; a call can also be
// gone with no event at all, and then the guard's read at the limit is what finds it.
const CALL_ENDS = [
  { how: 'with the Stop the service announces first', silent: false },
  { how: 'with no event at all', silent: true },
]

for (const { how, silent } of CALL_ENDS) {
  test(`the call ends while paused (${how}): "ended while paused", no Start sent, and the ledger ends the pause with the call`, async ({
    page,
    sim,
    openCall,
  }) => {
    await serveConfig(page, GUARD)
    const log = new ApiLog()
    await log.watch(page)
    const call = await openCall()
    await button(page, 'Pause').click()
    await expectConfirmed(page, 'Paused')
    await expect(countdown(page)).toBeVisible()
    await (silent ? sim.endCallSilently : sim.endCall).call(sim, call.uccName, call.correlationId)

    await expect(page.getByTestId('ended-while-paused')).toContainText(
      'while the recording was paused',
      { timeout: ACTED_MS },
    )
    await expect(countdown(page)).toBeHidden()
    await expect(page.getByTestId('pause-warning')).toBeHidden()
    await expect(page.getByTestId('auto-resume-failed')).toHaveCount(0)
    // The service no longer knows the call; nothing is offered for it any more.
    expect(log.reads().at(-1)?.errorMessage).toBe(
      `No Audio session with correlation Id:'${call.correlationId}' was found.`,
    )
    await expect(page.getByTestId('action-resume')).toBeDisabled()
    await expect(page.getByTestId('action-start')).toBeDisabled()
    expect(log.posts('Start')).toEqual([])
    await expect(ledgerEntry(page, { kind: 'pause', source: 'call-ended' })).toHaveText(
      /^Pause of 0:\d\d, until the call ended/,
    )
    await expect(ledgerEntry(page, { kind: 'pause' })).toHaveCount(1)
  })
}

test('without autoResume: "Pause limit in", the warning asks the agent to resume, and at the limit nothing is sent until the agent resumes', async ({
  page,
  sim,
  openCall,
}) => {
  await serveConfig(page, { ...GUARD, autoResume: false })
  const log = new ApiLog()
  await log.watch(page)
  const call = await openCall()
  await sim.actAs(call.uccName, call.correlationId, 'Pause', PAYMENTS)
  await expectConfirmed(page, 'Paused')
  await expect(countdown(page)).toHaveText(/^Pause limit in 0:0[1-6]$/)
  await expect(page.getByTestId('pause-warning')).toContainText(
    'resume the recording when card details are done',
  )
  await expect(page.getByTestId('pause-warning')).toContainText(
    'Pause limit reached — resume the recording now.',
    { timeout: ACTED_MS },
  )
  await expect(page).toHaveTitle(/^⚠ Resume recording/)
  await expectConfirmed(page, 'Paused')
  const clickedAt = Date.now()
  await button(page, 'Resume').click()
  await expectConfirmed(page, 'Started')
  const starts = log.posts('Start')
  expect(starts).toHaveLength(1)
  expect(starts[0]!.at).toBeGreaterThanOrEqual(clickedAt)
  await expect(page.getByTestId('auto-resumed')).toHaveCount(0)
  await expect(ledgerEntry(page, { kind: 'pause', source: 'agent' })).toHaveCount(1)
})

test("a UCC's uccOverrides apply, matched in any casing: the guard off for one contact center, on for another", async ({
  page,
  sim,
}) => {
  await serveConfig(page, {
    maxPauseSeconds: 0,
    uccOverrides: {
      [DEMO_UCC.toUpperCase()]: { maxPauseSeconds: LIMIT_S, pauseReasons: ['Card payment'] },
    },
  })
  const guarded = await sim.createCall({ recordingState: PAUSED })
  // The address spells the UCC in yet another casing.
  await openPanel(page, { ...guarded, uccName: 'Ucc-Demo-Name' })
  await expect(countdown(page)).toBeVisible()
  await expect(page.getByTestId('pause-reason')).toHaveText(['Card payment'])

  await sim.addUcc('ucc-unguarded')
  const unguarded = await sim.createCall({ ucc: 'ucc-unguarded', recordingState: PAUSED })
  await openPanel(page, unguarded)
  // The after-paint part is there (its ledger shows), and it shows no countdown.
  await expect(page.getByTestId('ledger')).toBeVisible()
  await expectConfirmed(page, 'Paused')
  await expect(countdown(page)).toHaveCount(0)
  await expect(page.getByTestId('pause-reason')).toHaveCount(0)
})

test('the after-paint part of the panel failing to load: the panel says so, and Pause and Resume still work', async ({
  page,
  openCall,
}) => {
  await serveConfig(page, GUARD)
  await page.route('**/assets/panel-extras-*.js', (route) => route.abort())
  await openCall()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Part of this panel could not be loaded' }),
  ).toBeVisible()
  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await button(page, 'Resume').click()
  await expectConfirmed(page, 'Started')
  await expect(countdown(page)).toHaveCount(0)
})

// Each scheme in two tests: an axe scan is heavy work, and a busy machine must not push one test
// past its time.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations (axe, ${colorScheme}): the countdown, the warning, and "resumed automatically"`, async ({
    page,
    sim,
    openCall,
  }) => {
    test.setTimeout(90_000)
    await page.emulateMedia({ colorScheme })
    await serveConfig(page, { maxPauseSeconds: 12, pauseWarningSeconds: 5 })
    const call = await openCall()
    await sim.actAs(call.uccName, call.correlationId, 'Pause', PAYMENTS)
    await expect(countdown(page)).toBeVisible()
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await expect(page.getByTestId('pause-warning')).toBeVisible({ timeout: 20_000 })
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await expect(page.getByTestId('auto-resumed')).toBeVisible({ timeout: 20_000 })
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })

  test(`no accessibility violations (axe, ${colorScheme}): a refused automatic resume, and "ended while paused"`, async ({
    page,
    sim,
    openCall,
  }) => {
    test.setTimeout(90_000)
    await page.emulateMedia({ colorScheme })
    await serveConfig(page, GUARD)
    const call = await openCall()
    await sim.actAs(call.uccName, call.correlationId, 'Pause', PAYMENTS)
    await sim.failNext({
      endpoint: 'set',
      count: 1000,
      status: 503,
      body: 'Service Unavailable',
      contentType: 'text/plain',
    })
    await expect(page.getByTestId('auto-resume-failed')).toBeVisible({ timeout: ACTED_MS })
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await sim.clearFaults()

    const other = await sim.createCall({ recordingState: PAUSED })
    await openPanel(page, other)
    await expect(countdown(page)).toBeVisible()
    await sim.endCallSilently(other.uccName, other.correlationId)
    await expect(page.getByTestId('ended-while-paused')).toBeVisible({ timeout: ACTED_MS })
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })
}
