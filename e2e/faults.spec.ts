// The fault matrix (docs/reliability.md): what the agent sees when the attendant service, the hub,
// the network or the address misbehave. Every test also proves the page never threw and never went
// blank (the `pageHealth` fixture below).
import type { Page, Request } from '@playwright/test'
import { startSimulator, type Simulator } from '../simulator/server.ts'
import {
  testWithPageHealth,
  button,
  expect,
  expectCallUnknown,
  expectNoActionOffered,
  holdRequests,
  openPanel,
  PANEL_DIST,
  panelUrl,
  reconnectHub,
  recordingState,
  expectConfirmed,
} from './fixtures.ts'
import {
  fetches,
  hubStates,
  recordPage,
  shownStates,
  type FetchRecord,
} from '../test-support/page-recorder.ts'
import { AGENT, DEMO_CALL, DEMO_UCC, SimClient, type Endpoint } from '../test-support/sim-client.ts'

const PAUSED = 3
const STOPPED = 2
/** requestTimeoutMs for the tests that make a request hang: long enough for a normal answer, short for the suite. */
const SHORT_TIMEOUT_MS = 1_500

declare global {
  interface Window {
    __pwned?: number
  }
}

const test = testWithPageHealth.extend<{ appShown: void }>({
  // Every faults test also ends with the app showing something other than its crash screen.
  appShown: [
    async ({ context }, use) => {
      await use()
      for (const open of context.pages()) {
        await expect(open.getByText('The recording panel stopped working')).toHaveCount(0)
        await expect(open.locator('#root')).not.toBeEmpty()
      }
    },
    { auto: true },
  ],
})

const isSetRequest = (f: FetchRecord) => f.method === 'POST' && f.url.endsWith('/recording/set')
const isStateRead = (call: { correlationId: string }) => (f: FetchRecord) =>
  f.method === 'GET' && f.url.includes(`/recording/`) && f.url.endsWith(call.correlationId)
const isStateReadOf = (call: { correlationId: string }) => (request: Request) =>
  isStateRead(call)({ method: request.method(), url: request.url(), start: 0, end: null })

const isCapabilitiesRequest = (request: Request) =>
  request.method() === 'GET' && request.url().includes('/recording/capabilities/')

/** How often the panel asks for the capabilities before it gives up (docs/reliability.md, row 18). */
function capabilityAttempts(fault: RestFault) {
  const transient = fault.reply === undefined || fault.reply.status >= 500
  return transient ? 3 : 1
}

/**
 * Resolves once `count` of the page's requests that `matches` have ended: answered, or failed
 * (a timeout in the page aborts its request). Waits as long as the test may run.
 */
function requestsEnded(page: Page, matches: (request: Request) => boolean, count: number) {
  return new Promise<void>((resolve) => {
    let ended = 0
    const onEnd = (request: Request) => {
      if (!matches(request)) return
      ended += 1
      if (ended < count) return
      page.off('requestfinished', onEnd)
      page.off('requestfailed', onEnd)
      resolve()
    }
    page.on('requestfinished', onEnd)
    page.on('requestfailed', onEnd)
  })
}

/** config.json as shipped, with a short request timeout so that a hung request becomes a timeout quickly. */
async function shortRequestTimeout(page: Page) {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      json: { uccName: DEMO_UCC, requesterSipUri: AGENT, requestTimeoutMs: SHORT_TIMEOUT_MS },
    }),
  )
}

function stateAlert(page: Page) {
  return page.getByRole('alert').filter({ hasText: 'Could not read the recording state' })
}

/** Forces a re-read without changing anything: a dropped hub connection resyncs on reconnect. */
async function forceReread(page: Page, sim: SimClient) {
  const reread = page.waitForRequest((request) => {
    const path = new URL(request.url()).pathname
    return (
      request.method() === 'GET' &&
      /^\/attendantservice\/api\/(v2\/)?recording\/[^/]+\/[^/]+$/.test(path) &&
      !path.includes('/recording/capabilities/')
    )
  })
  await sim.dropConnections()
  await reread
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
}

// ---------------------------------------------------------------------------------------------
// REST faults on each endpoint

interface RestFault {
  name: string
  /** undefined: the request hangs (a timeout). */
  reply?: { status: number; body?: unknown; contentType?: string }
  /** What the alert must say: the panel's explanation and, where there is one, the server's own text. */
  texts: string[]
}

const BAD_GATEWAY = '<html><body><h1>502 Bad Gateway</h1></body></html>'
const SIGN_IN_PAGE = '<!DOCTYPE html><html><title>Sign in</title><body>Please sign in</body></html>'

const REST_FAULTS: RestFault[] = [
  {
    name: '5xx with an HTML page from a proxy',
    reply: { status: 502, body: BAD_GATEWAY, contentType: 'text/html' },
    texts: ['internal error (502)', BAD_GATEWAY],
  },
  {
    name: '401',
    reply: { status: 401, body: { Message: 'Authorization has been denied for this request.' } },
    texts: ['asks for a sign-in (401)', 'Authorization has been denied for this request.'],
  },
  {
    name: '403',
    reply: { status: 403, body: { Message: 'The agent role is required.' } },
    texts: ['refused access (403)', 'The agent role is required.'],
  },
  {
    name: '404 from a wrong path',
    reply: { status: 404, body: 'Cannot find /attendantservice here', contentType: 'text/plain' },
    texts: ['does not know this address (404)', 'Cannot find /attendantservice here'],
  },
  { name: 'timeout', texts: ['did not answer in time'] },
  {
    name: 'non-JSON body with 200 (a login page)',
    reply: { status: 200, body: SIGN_IN_PAGE, contentType: 'text/html' },
    texts: ['(200) with something that is not JSON', 'Please sign in'],
  },
  {
    name: 'malformed JSON',
    reply: {
      status: 200,
      body: '{"RecordingState": 1, "MarkingState":',
      contentType: 'application/json',
    },
    texts: ['(200) with something that is not JSON', '{"RecordingState": 1, "MarkingState":'],
  },
]

/** JSON of another shape: an error for the reads; for the POST an undocumented answer that a GET confirms. */
const WRONG_SHAPE: RestFault = {
  name: 'JSON of another shape',
  reply: { status: 200, body: { Status: 'ok' } },
  texts: ['in a form this panel does not understand'],
}

function injectFault(sim: SimClient, endpoint: Endpoint, fault: RestFault, count: number) {
  return fault.reply ? sim.failNext({ endpoint, count, ...fault.reply }) : sim.hang(endpoint, count)
}

for (const fault of [...REST_FAULTS, WRONG_SHAPE]) {
  test(`state read, ${fault.name}: alert, last confirmed state kept as not confirmed, then recovers`, async ({
    page,
    sim,
    openCall,
  }) => {
    await shortRequestTimeout(page)
    await openCall()
    await injectFault(sim, 'state', fault, 100)
    await forceReread(page, sim)

    const alert = stateAlert(page)
    for (const text of fault.texts) await expect(alert).toContainText(text)
    await expect(alert).toContainText('The last state read is shown, marked as not confirmed')
    await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
    await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
    await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
      'data-indicator',
      'unverified',
    )
    await expect(page.getByTestId('recorder-indicator')).toContainText('do not take card details')

    await sim.clearFaults()
    await forceReread(page, sim)
    await expectConfirmed(page, 'Started')
    await expect(alert).toHaveCount(0)
  })
}

for (const fault of [...REST_FAULTS.filter((f) => !f.name.startsWith('5xx'))]) {
  // 5xx on set: agent-panel.spec.ts "a 5xx on set shows an error, re-reads the state and never shows Paused".
  test(`set, ${fault.name}: alert, re-read not retried, never Paused`, async ({
    page,
    sim,
    openCall,
  }) => {
    await shortRequestTimeout(page)
    await recordPage(page)
    const call = await openCall()
    await injectFault(sim, 'set', fault, 1)

    await button(page, 'Pause').click()
    const alert = page.getByRole('alert').filter({ hasText: 'Pause did not go through' })
    for (const text of fault.texts) await expect(alert).toContainText(text)
    await expect(alert).toContainText('it was re-read, not retried')
    await expectConfirmed(page, 'Started')
    await expect(button(page, 'Pause')).toBeEnabled()
    expect((await shownStates(page)).filter((s) => s.state === 'Paused')).toEqual([])
    expect((await fetches(page)).filter(isSetRequest)).toHaveLength(1)
    expect(await sim.recordingState(call.uccName, call.correlationId)).toBe(1)
  })
}

test('set answered with an error although the pause took effect: the re-read shows it, confirmed', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 500,
    body: 'Internal Server Error',
    contentType: 'text/plain',
    passThrough: true,
  })

  await button(page, 'Pause').click()
  // Not a red "did not go through" beside a confirmed Paused: the error, and that it took effect.
  const note = page.getByRole('status').filter({ hasText: 'reported an error for Pause' })
  await expect(note).toContainText('but the recorder is confirmed: Paused by you')
  await expect(note).toContainText('Internal Server Error')
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expectConfirmed(page, 'Paused')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute('data-indicator', 'paused')
  // Not repeated: the POST went once, and the recorder paused once.
  expect((await fetches(page)).filter(isSetRequest)).toHaveLength(1)
  expect(await sim.audit(call.correlationId)).toHaveLength(1)
})

test('set answered 200 with JSON of another shape: not trusted, the GET decides', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  // The answer says nothing usable and the recorder did not pause: the panel must show Started.
  await injectFault(sim, 'set', WRONG_SHAPE, 1)

  await button(page, 'Pause').click()
  await expect(button(page, 'Pause')).toBeEnabled()
  await expectConfirmed(page, 'Started')
  expect((await shownStates(page)).filter((s) => s.state === 'Paused')).toEqual([])
  expect((await fetches(page)).filter(isStateRead(call)).length).toBeGreaterThanOrEqual(2)
})

for (const fault of [...REST_FAULTS, WRONG_SHAPE]) {
  test(`capabilities, ${fault.name}: alert, state still confirmed, actions stay on`, async ({
    page,
    sim,
    openCall,
  }) => {
    await shortRequestTimeout(page)
    // Transient failures (5xx, timeout) are retried twice: every attempt fails.
    await injectFault(sim, 'capabilities', fault, 3)
    // The alert comes once the last attempt has failed: after up to three request timeouts and
    // the waits between them. That is waited for first, however long the machine takes.
    const attemptsEnded = requestsEnded(page, isCapabilitiesRequest, capabilityAttempts(fault))
    await openCall()
    await attemptsEnded

    const alert = page.getByRole('alert').filter({ hasText: 'Could not check what agents may do' })
    for (const text of fault.texts) await expect(alert).toContainText(text)
    await expect(alert).toContainText('Actions stay available')
    await expectConfirmed(page, 'Started')
    await expect(button(page, 'Pause')).toBeEnabled()
    await button(page, 'Pause').click()
    await expectConfirmed(page, 'Paused')
  })
}

test('state read failing from the first load: Unknown, not confirmed, actions off; recovers by itself', async ({
  page,
  sim,
}) => {
  const call = await sim.createCall()
  await sim.failNext({
    endpoint: 'state',
    count: 100,
    status: 503,
    body: 'Service Unavailable',
    contentType: 'text/plain',
  })
  await page.goto(panelUrl(call))

  await expect(stateAlert(page)).toContainText('Service Unavailable')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Unknown')
  await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  await expect(button(page, 'Pause')).toBeDisabled()
  await expect(button(page, 'Resume')).toBeDisabled()

  // No event, no click: the panel polls a failed read (every 5 s) until it succeeds.
  await sim.clearFaults()
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true', { timeout: 10_000 })
  await expectConfirmed(page, 'Started')
  await expect(stateAlert(page)).toHaveCount(0)
  await expect(button(page, 'Pause')).toBeEnabled()
})

test('a pause event whose confirming read fails: shown as not confirmed, never as safe', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  await sim.failNext({
    endpoint: 'state',
    count: 100,
    status: 500,
    body: 'Internal Server Error',
    contentType: 'text/plain',
  })

  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(stateAlert(page)).toContainText('Internal Server Error')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  await expect(page.getByTestId('recorder-indicator')).not.toContainText(
    'safe to take card details',
  )
  expect((await shownStates(page)).filter((s) => s.state === 'Paused' && !s.stale)).toEqual([])

  await sim.clearFaults()
  await forceReread(page, sim)
  await expectConfirmed(page, 'Paused')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute('data-indicator', 'paused')
})

test('resume times out and the re-read fails too: Paused is no longer shown as confirmed', async ({
  page,
  sim,
  openCall,
}) => {
  await shortRequestTimeout(page)
  await openCall({ recordingState: PAUSED })
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute('data-indicator', 'paused')
  // The resume may or may not have reached the recorder; the read that should tell fails.
  await sim.hang('set')
  await sim.failNext({
    endpoint: 'state',
    count: 100,
    status: 503,
    body: 'Service Unavailable',
    contentType: 'text/plain',
  })

  await button(page, 'Resume').click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Resume did not go through' }),
  ).toContainText('did not answer in time')
  await expect(stateAlert(page)).toContainText('Service Unavailable')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  await expect(page.getByTestId('recorder-indicator')).not.toContainText(
    'safe to take card details',
  )
})

// ---------------------------------------------------------------------------------------------
// Error-status modes

test('errorStatus http: an unknown call (404 with ErrorMessage) is said to be unknown, with the server text', async ({
  page,
  sim,
}) => {
  await sim.settings({ errorStatus: 'http' })
  const id = '00000000-0000-4000-8000-0000000000aa'
  const notFound = page.waitForResponse((r) => r.url().endsWith(id))
  await page.goto(panelUrl({ uccName: DEMO_UCC, correlationId: id }))
  expect((await notFound).status()).toBe(404)
  await expectCallUnknown(page, id)
})

test('errorStatus http: a refused pause (409, type 3) shows the server text and the re-read state', async ({
  page,
  sim,
  openCall,
}) => {
  await sim.settings({ errorStatus: 'http' })
  await recordPage(page)
  const call = await openCall()
  await sim.silent(call.uccName, call.correlationId, { recordingState: STOPPED })

  const refused = page.waitForResponse((r) => r.url().endsWith('/recording/set'))
  await button(page, 'Pause').click()
  expect((await refused).status()).toBe(409)
  const alert = page.getByRole('alert').filter({ hasText: 'Pause did not go through' })
  await expect(alert).toContainText('processing error')
  await expect(alert).toContainText(
    `Cannot Pause the recording of correlation Id:'${call.correlationId}' while it is Stopped.`,
  )
  await expectConfirmed(page, 'Stopped')
  expect((await shownStates(page)).filter((s) => s.state === 'Paused')).toEqual([])
  expect((await fetches(page)).filter(isSetRequest)).toHaveLength(1)
})

for (const errorStatus of ['ok', 'http'] as const) {
  test(`errorStatus ${errorStatus}: a call that ends while open has ended (once, calmly, no error), every action off`, async ({
    page,
    sim,
    openCall,
  }) => {
    await sim.settings({ errorStatus })
    const call = await openCall()
    await sim.endCall(call.uccName, call.correlationId)

    const indicator = page.getByTestId('recorder-indicator')
    await expect(indicator).toHaveAttribute('data-indicator', 'call-ended')
    await expect(indicator).toContainText(/Call ended at \d{1,2}:\d{2}:\d{2}/)
    // A call the panel knew has ended: "not found" is only for a call it never saw.
    await expect(page.getByRole('alert')).toHaveCount(0)
    await expect(page.getByText('Call not found')).toHaveCount(0)
    await expect(page.getByText(/was found/)).toHaveCount(0)
    await expect(button(page, 'Pause')).toBeDisabled()
    await expect(button(page, 'Stop')).toBeDisabled()
  })
}

// ---------------------------------------------------------------------------------------------
// What the service says that the panel does not know

test('a state outside the enumeration (RecordingState 7) is Unknown: never read as paused, actions off', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  const readsBefore = (await fetches(page)).filter(isStateRead(call)).length
  await sim.silent(call.uccName, call.correlationId, { recordingState: 7, markingState: 9 })
  // An event with no StateAction names no change: the panel keeps what it has and re-reads.
  await sim.emit([{ UccName: call.uccName, CorrelationId: call.correlationId }])

  await expect(recordingState(page)).toHaveAttribute('data-state', 'Unknown')
  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Unknown')
  await expect(page.getByTestId('saving-state')).toHaveAttribute('data-state', 'None')
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'unverified',
  )
  await expect(page.getByTestId('recorder-indicator')).toContainText('do not take card details')
  await expect(page.getByTestId('actions-blocked')).toContainText(
    'a state this panel does not know',
  )
  await expectNoActionOffered(page)
  expect((await fetches(page)).filter(isStateRead(call))).toHaveLength(readsBefore + 1)
  expect((await shownStates(page)).filter((s) => s.state === 'Paused')).toEqual([])

  // A known state again brings the actions back.
  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await expectConfirmed(page, 'Started')
  await expect(button(page, 'Pause')).toBeEnabled()
})

// ---------------------------------------------------------------------------------------------
// Events: malformed, duplicate, late, out of order

test('malformed events are ignored: no request, nothing changes, the connection keeps working', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  const before = (await fetches(page)).length

  await sim.emit([{ CorrelationId: call.correlationId, StateAction: 3 }]) // no UCC
  await sim.emit([{ UccName: call.uccName, StateAction: 3 }]) // no call
  await sim.emit([{ UccName: call.uccName, CorrelationId: 42, StateAction: 3 }]) // not a string
  await sim.emit([{ UccName: '', CorrelationId: call.correlationId, StateAction: 3 }])
  await sim.emit([])
  await sim.emit([null])
  await sim.emit(['just one argument'])
  await sim.emit([[call.uccName, call.correlationId, 3]])
  await sim.emit(
    [{ UccName: call.uccName, CorrelationId: call.correlationId, StateAction: 3 }],
    'SomeOtherEvent',
  )
  // A well-formed event last, on the same connection: once it is handled, the others have been.
  await sim.silent(call.uccName, call.correlationId, { markingState: 1 })
  await sim.emit([
    { uccName: call.uccName, correlationId: call.correlationId, stateAction: 'Mark' },
  ])

  await expect(page.getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  await expect(page.getByTestId('marking-state')).not.toHaveAttribute('data-stale', 'true')
  await expectConfirmed(page, 'Started')
  const after = (await fetches(page)).slice(before)
  expect(after.map((f) => `${f.method} ${f.url.replace(/^https?:\/\/[^/]+/, '')}`)).toEqual([
    `GET /attendantservice/api/recording/${call.uccName}/${call.correlationId}`,
  ])
  expect((await shownStates(page)).filter((s) => s.state === 'Paused')).toEqual([])
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
})

test('a duplicate, then a late Pause after the Start that followed it: the GET decides, never a confirmed Paused', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  const pauseEvent = {
    UccName: call.uccName,
    CorrelationId: call.correlationId,
    StateAction: PAUSED,
  }

  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expectConfirmed(page, 'Paused')
  const beforeDuplicate = (await shownStates(page)).length
  await sim.emit([pauseEvent]) // a duplicate: shown unconfirmed until its read confirms it
  await expect
    .poll(async () =>
      (await shownStates(page))
        .slice(beforeDuplicate)
        .map((s) => `${s.state}${s.stale ? ' (stale)' : ''}`),
    )
    .toEqual(['Paused (stale)', 'Paused'])

  // The late event lands while the Start's confirming read is still on its way: the page's reads
  // of the call are held until the page has shown the late event.
  const reads = await holdRequests(page, '**/attendantservice/api/**', isStateReadOf(call))
  const shownBeforeStart = (await shownStates(page)).length
  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await sim.emit([pauseEvent]) // late: the recorder is running
  await expect
    .poll(async () =>
      (await shownStates(page)).slice(shownBeforeStart).some((s) => s.state === 'Paused'),
    )
    .toBe(true)
  reads.release()
  await expectConfirmed(page, 'Started')
  const startConfirmedAt = (await shownStates(page)).findLast(
    (s) => s.state === 'Started' && !s.stale,
  )!.at

  await sim.emit([pauseEvent]) // late again, after the Start was confirmed
  await expect
    .poll(async () =>
      (await shownStates(page))
        .filter((s) => s.at > startConfirmedAt)
        .map((s) => `${s.state}${s.stale ? ' (stale)' : ''}`),
    )
    .toEqual(['Paused (stale)', 'Started'])
  await expectConfirmed(page, 'Started')

  // From the Start on, Paused was only ever shown as not confirmed.
  const sinceStart = (await shownStates(page)).slice(shownBeforeStart)
  expect(sinceStart.filter((s) => s.state === 'Paused' && !s.stale)).toEqual([])
  expect(sinceStart.some((s) => s.state === 'Paused' && s.stale)).toBe(true)
  expect(await sim.recordingState(call.uccName, call.correlationId)).toBe(1)
})

// ---------------------------------------------------------------------------------------------
// Two tabs

test('two tabs pause the same call at once: one succeeds, the other shows the refusal, both end on confirmed Paused', async ({
  context,
  page,
  sim,
}) => {
  const call = await sim.createCall()
  const other = await context.newPage()
  await recordPage(page)
  await recordPage(other)
  await openPanel(page, call)
  await openPanel(other, call)
  // Both POSTs are on their way before either is answered: each is held in its tab until both
  // have been sent (else the first answer's event could disable the other tab's Pause first).
  await sim.latency(800)
  const sets = await Promise.all([page, other].map((tab) => holdRequests(tab, '**/recording/set')))

  await Promise.all([button(page, 'Pause').click(), button(other, 'Pause').click()])
  await expect.poll(() => sets.map((set) => set.count())).toEqual([1, 1])
  for (const set of sets) set.release()
  for (const tab of [page, other]) await expectConfirmed(tab, 'Paused')

  const alerts = await Promise.all(
    [page, other].map((tab) =>
      tab.getByRole('alert').filter({ hasText: 'Pause did not go through' }).allInnerTexts(),
    ),
  )
  const refusals = alerts.flat()
  expect(refusals).toHaveLength(1)
  expect(refusals[0]).toContain('processing error')
  expect(refusals[0]).toContain(
    `Cannot Pause the recording of correlation Id:'${call.correlationId}' while it is Paused.`,
  )
  for (const tab of [page, other]) expect((await fetches(tab)).filter(isSetRequest)).toHaveLength(1)
  expect(await sim.audit(call.correlationId)).toHaveLength(1)
  await other.close()
})

// ---------------------------------------------------------------------------------------------
// Addresses

test('malformed addresses are refused with a message and nothing is requested', async ({
  page,
}) => {
  const requests: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  await page.setViewportSize({ width: 320, height: 640 })
  const longId = `${DEMO_CALL}${'0'.repeat(5_000)}`
  const cases: [string, string][] = [
    [`?ucc=a%2Fb&correlationId=${DEMO_CALL}&agent=${AGENT}`, '"a/b" is not a valid UCC name.'],
    [
      `?ucc=${'u'.repeat(201)}&correlationId=${DEMO_CALL}&agent=${AGENT}`,
      'is not a valid UCC name.',
    ],
    [`?ucc=${DEMO_UCC}&correlationId=${longId}&agent=${AGENT}`, 'is not a valid correlation id'],
    [`?ucc=${DEMO_UCC}&correlationId=%zz&agent=${AGENT}`, '"%zz" is not a valid correlation id'],
    [
      `?ucc=${DEMO_UCC}&correlationId=${DEMO_CALL}&correlationId=00000000-0000-4000-8000-000000000000&agent=${AGENT}`,
      'more than one correlationId',
    ],
    [
      `?ucc=${DEMO_UCC}&ucc=ucc-locked&correlationId=${DEMO_CALL}&agent=${AGENT}`,
      'more than one ucc',
    ],
    [
      `?ucc=${DEMO_UCC}&correlationId=${DEMO_CALL}&agent=${AGENT}&agent=sip:bob@domain.com`,
      'more than one agent',
    ],
  ]
  for (const [search, problem] of cases) {
    await page.goto(`/${search}`)
    await expect(page.getByTestId('address-problems')).toContainText(problem)
    await expect(page.getByTestId('recording-state')).toHaveCount(0)
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    )
    expect(overflow, `horizontal overflow for ${search.slice(0, 80)}`).toBe(0)
  }
  expect(requests.filter((url) => url.includes('/attendantservice/'))).toEqual([])

  // The same parameter twice with the same value is not ambiguous.
  await page.goto(
    `/?ucc=${DEMO_UCC}&correlationId=${DEMO_CALL}&correlationId=${DEMO_CALL}&agent=${AGENT}`,
  )
  await expectConfirmed(page, 'Started')
})

// ---------------------------------------------------------------------------------------------
// Hostile text

const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'
const HOSTILE_UCC = '<img src=x onerror="window.__pwned=1"> <b>ucc'

test('hostile text in server messages is shown as text, never as HTML', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()

  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 200,
    body: {
      CorrelationId: call.correlationId,
      RecordingState: 1,
      MarkingState: 0,
      SavingState: 0,
      UCCName: call.uccName,
      ErrorMessage: { ErrorType: 3, Message: HOSTILE },
    },
  })
  await button(page, 'Pause').click()
  await expect(
    page.getByRole('alert').filter({ hasText: 'Pause did not go through' }),
  ).toContainText(HOSTILE)

  await sim.failNext({
    endpoint: 'state',
    count: 100,
    status: 500,
    body: HOSTILE,
    contentType: 'text/html',
  })
  await forceReread(page, sim)
  await expect(stateAlert(page)).toContainText(HOSTILE)

  await expect(page.locator('img, [onerror]')).toHaveCount(0)
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
})

test('hostile text in a UCC name is shown as text, and the call works', async ({
  page,
  sim,
  openCall,
}) => {
  // A UCC name may only be plain (README, Addresses: letters, digits, spaces, '.', '-', '_', '&').
  // This one is, yet HTML would read its '&lt', '&gt' and '&amp' as other characters.
  const ucc = 'R&D &lt b &gt &amp co'
  await sim.addUcc(ucc)
  const call = await openCall({ ucc })
  await expect(page.getByText(ucc, { exact: true })).toBeVisible()
  await button(page, 'Pause').click()
  await expectConfirmed(page, 'Paused')
  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await expectConfirmed(page, 'Started')
  await expect(page.locator('img, [onerror], b')).toHaveCount(0)

  // Names with markup or a separator are refused, each shown as text.
  for (const refused of [HOSTILE_UCC, '<b>ucc</b>']) {
    await page.goto(
      `/?ucc=${encodeURIComponent(refused)}&correlationId=${DEMO_CALL}&agent=${AGENT}`,
    )
    await expect(page.getByTestId('address-problems')).toContainText(
      `"${refused}" is not a valid UCC name.`,
    )
    await expect(page.locator('img, [onerror], b')).toHaveCount(0)
    expect(await page.evaluate(() => window.__pwned)).toBeUndefined()
  }
})

// ---------------------------------------------------------------------------------------------
// The hub

for (const allowReconnect of [false, true]) {
  test(`a hub Close ${allowReconnect ? 'with' : 'without'} allowReconnect: the panel connects again by itself and re-reads`, async ({
    page,
    sim,
    openCall,
  }) => {
    await recordPage(page)
    const call = await openCall()
    // A change the panel can only learn from the re-read after it is back.
    await sim.silent(call.uccName, call.correlationId, { recordingState: PAUSED })
    await sim.closeConnections({ error: 'Server is shutting down.', allowReconnect })

    await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
    await expectConfirmed(page, 'Paused')
    const states = await hubStates(page)
    expect(states.slice(states.indexOf('Connected'))).toEqual([
      'Connected',
      ...(allowReconnect ? ['Reconnecting'] : ['Disconnected', 'Connecting']),
      'Connected',
    ])
    // Not confirmed while it was away.
    const shown = await shownStates(page)
    expect(shown.some((s) => s.state === 'Started' && s.stale)).toBe(true)
  })
}

test('a long shift, compressed: 15 minutes without the hub, the panel keeps trying about every 15 s, then reconnects', async ({
  page,
  sim,
  openCall,
}) => {
  // The page's clock is fake: timers are run on demand, the network is real.
  await page.clock.install()
  let attempts = 0
  page.on('response', (response) => {
    if (response.url().includes('/attendantservice/hubs/recording/negotiate')) attempts += 1
  })
  const call = await openCall()
  await sim.refuseNegotiation(3_600)
  await sim.dropConnections()
  await expect(page.getByTestId('hub-state')).not.toHaveAttribute('data-state', 'Connected')
  const first = attempts

  // 45 steps of 20 s: longer than the longest delay (15 s + 20 %), so each step must bring an attempt.
  for (let step = 0; step < 45; step += 1) {
    const before = attempts
    await page.clock.runFor(20_000)
    await expect
      .poll(() => attempts, { message: `an attempt within fake second ${(step + 1) * 20}` })
      .toBeGreaterThan(before)
  }
  // Capped, not hammering: 900 s at one attempt every 12–18 s (the first few sooner).
  expect(attempts - first).toBeGreaterThanOrEqual(45)
  expect(attempts - first).toBeLessThanOrEqual(85)
  await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('hub-state')).not.toHaveAttribute('data-state', 'Connected')

  await sim.silent(call.uccName, call.correlationId, { recordingState: PAUSED })
  await sim.clearFaults()
  await page.clock.runFor(20_000)
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expectConfirmed(page, 'Paused')
})

const noWebSocket = () => {
  // @ts-expect-error -- the browser without WebSockets (a proxy that strips them is the same to the client)
  delete window.WebSocket
}

const throwingWebSocketAndNoEventSource = () => {
  window.WebSocket = class {
    constructor() {
      throw new Error('WebSockets are blocked here')
    }
  } as unknown as typeof WebSocket
  // @ts-expect-error -- no Server-Sent Events either
  delete window.EventSource
}

test('without WebSockets the panel falls back to Server-Sent Events and still gets events', async ({
  page,
  sim,
  openCall,
}) => {
  await page.addInitScript(noWebSocket)
  const sse = page.waitForRequest(
    (r) => r.url().includes('/attendantservice/hubs/recording?id=') && r.method() === 'GET',
  )
  const call = await openCall()
  expect((await sse).headers().accept).toContain('text/event-stream')
  await expect
    .poll(async () => (await sim.connections()).serverSentEvents)
    .toBeGreaterThanOrEqual(1)

  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expectConfirmed(page, 'Paused')
  await forceReread(page, sim)
  await expectConfirmed(page, 'Paused')
})

test('with WebSockets that throw and no EventSource the panel falls back to long polling and still gets events', async ({
  page,
  sim,
  openCall,
}) => {
  await page.addInitScript(throwingWebSocketAndNoEventSource)
  const poll = page.waitForRequest(
    (r) => /\/attendantservice\/hubs\/recording\?id=.*&_=/.test(r.url()) && r.method() === 'GET',
  )
  const call = await openCall()
  await poll
  await expect.poll(async () => (await sim.connections()).longPolling).toBeGreaterThanOrEqual(1)

  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expectConfirmed(page, 'Paused')
  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await expectConfirmed(page, 'Started')
})

// ---------------------------------------------------------------------------------------------
// The service restarted mid-session

/** A simulator of this test's own (the worker's is shared), which can be stopped and started again on its port. */
const restartable = test.extend<{
  service: { url: string; stop(): Promise<void>; start(): Promise<void> }
}>({
  service: async ({}, use) => {
    let simulator: Simulator | undefined = await startSimulator({ port: 0, staticDir: PANEL_DIST })
    const { port, url } = simulator
    await use({
      url,
      async stop() {
        await simulator?.close()
        simulator = undefined
      },
      async start() {
        simulator = await startSimulator({ port, staticDir: PANEL_DIST })
      },
    })
    await simulator?.close()
  },
})

restartable(
  'the service restarted mid-session: not confirmed while it is down, then reconnects and re-reads',
  async ({ page, service }) => {
    const sim = new SimClient(service.url)
    await recordPage(page)
    await page.goto(`${service.url}${panelUrl({ uccName: DEMO_UCC, correlationId: DEMO_CALL })}`)
    await expectConfirmed(page, 'Started')
    await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
    await sim.actAs(DEMO_UCC, DEMO_CALL, 'Pause')
    await expectConfirmed(page, 'Paused')

    await service.stop()
    await expect(page.getByTestId('hub-state')).not.toHaveAttribute('data-state', 'Connected')
    await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
    await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
    await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
      'data-indicator',
      'unverified',
    )

    // The new instance starts from its default data: the call records again, and no event says so.
    await service.start()
    await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected', {
      timeout: 20_000,
    })
    await expectConfirmed(page, 'Started')
    await expect(stateAlert(page)).toHaveCount(0)
    const states = await hubStates(page)
    expect(states.at(-1)).toBe('Connected')
    expect(
      states.filter((s) => s === 'Reconnecting' || s === 'Disconnected').length,
    ).toBeGreaterThan(0)
    await button(page, 'Pause').click()
    await expectConfirmed(page, 'Paused')
  },
)

// Found by the soak (npm run soak): a slow answer to Pause, a hub outage during it in which another
// party resumed (its event lost), then the late answer. The GET after the reconnect must decide.
test('a slow Pause answer that arrives after a hub outage hiding a resume: never a confirmed Paused', async ({
  page,
  sim,
  openCall,
}) => {
  await recordPage(page)
  const call = await openCall()
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/recording/set', async (route) => {
    const response = await route.fetch()
    await released
    await route.fulfill({ response })
  })

  await button(page, 'Pause').click()
  await expect.poll(() => sim.recordingState(call.uccName, call.correlationId)).toBe(PAUSED)
  // The hub stays down until the resume is made: its event is lost, whatever the machine's pace.
  await sim.refuseNegotiationUntilAccepted()
  await sim.dropConnections()
  await expect(page.getByTestId('hub-state')).not.toHaveAttribute('data-state', 'Connected')
  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await reconnectHub(page, sim)
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')

  release()
  await expect(button(page, 'Pause')).toBeVisible()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  expect((await shownStates(page)).filter((s) => s.state === 'Paused' && !s.stale)).toEqual([])
})
