import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FrameLocator, Page } from '@playwright/test'
import { demoHostPath } from '../demo-host/settings.ts'
import { RecordingPanel } from '../qa-kit/panel-page.ts'
import { startSimulator } from '../simulator/server.ts'
import { AGENT, DEMO_UCC, SimClient } from '../test-support/sim-client.ts'
import { startStaticServer, type StaticServer } from '../test-support/static-server.ts'
import { expect, PANEL_DIST, serveConfig, test as base, type Call } from './fixtures.ts'

// The host-driven pause (issue 12) through the demo host page: a mock agent desktop on another
// origin (its own server and port) that embeds the built panel in an iframe and pauses it through
// the host SDK for a card payment. One test runs it from another site as well (`localhost`, the
// panel being on 127.0.0.1), where the browser keeps no storage for the panel's frame.

const DEMO_HOST_DIST = process.env.DEMO_HOST_DIST ?? join(PANEL_DIST, 'demo-host')
const PAYMENTS = 'sip:payments@domain.com'

/**
 * A copy of the built panel whose config.json allows `embedOrigins`: what the web server serves
 * decides the panel's frame-ancestors, as deployed, so it is not a route in the page.
 */
function panelDistAllowing(embedOrigins: string[]): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'panel-dist-'))
  cpSync(PANEL_DIST, dir, {
    recursive: true,
    filter: (source) => !source.endsWith('.map') && !source.includes('demo-host'),
  })
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ uccName: DEMO_UCC, requesterSipUri: AGENT, embedOrigins }),
  )
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

const test = base.extend<
  object,
  { demoHost: StaticServer & { origin: string; crossSiteOrigin: string } }
>({
  demoHost: [
    async ({}, use) => {
      const server = await startStaticServer({ dir: DEMO_HOST_DIST })
      await use({
        ...server,
        origin: server.url,
        crossSiteOrigin: `http://localhost:${server.port}`,
      })
      await server.close()
    },
    { scope: 'worker' },
  ],
  // This worker's simulator serves a panel that the demo host (not its other site) may frame.
  simulator: [
    async ({ demoHost }, use) => {
      const dist = panelDistAllowing([demoHost.origin])
      const simulator = await startSimulator({ port: 0, staticDir: dist.dir })
      await use(simulator)
      await simulator.close()
      dist.remove()
    },
    { scope: 'worker' },
  ],
})

interface HostPage {
  panel: FrameLocator
  cardNumber: ReturnType<Page['getByTestId']>
  status: ReturnType<Page['getByTestId']>
}

/**
 * The demo host for `calls`, the panel (served by `panelUrl`) allowing `embedOrigins` (default:
 * the demo host's origin), open once the panel's hub is live and its state confirmed.
 */
async function openHost(
  page: Page,
  options: {
    panelUrl: string
    hostOrigin: string
    calls: Call[]
    embedOrigins?: string[]
    token?: string
    waitConfirmed?: boolean
  },
): Promise<HostPage> {
  if (options.embedOrigins) await serveConfig(page, { embedOrigins: options.embedOrigins })
  await page.goto(
    options.hostOrigin +
      demoHostPath({
        panel: `${options.panelUrl}/`,
        ucc: options.calls[0]!.uccName,
        agent: AGENT,
        calls: options.calls.map((call) => call.correlationId),
        ...(options.token ? { token: options.token } : {}),
      }),
  )
  const panel = page.frameLocator('iframe[title="Call recording"]')
  if (options.waitConfirmed !== false) await expectPanel(panel, 'Started')
  return {
    panel,
    cardNumber: page.getByTestId('card-number'),
    status: page.getByTestId('payment-status'),
  }
}

async function expectPanel(panel: FrameLocator, state: string) {
  await expect(panel.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expect(panel.getByTestId('recording-state')).toHaveAttribute('data-state', state)
  await expect(panel.getByTestId('recording-state')).not.toHaveAttribute('data-stale', 'true')
}

/** Notes, in the host page, the panel state the SDK held each time the card field unlocked. */
async function watchUnlocks(page: Page) {
  await page.evaluate(() => {
    const seen: unknown[] = []
    Object.assign(window, { __unlocks: seen })
    const input = document.querySelector('[data-testid="card-number"]')!
    const fieldset = input.closest('fieldset')!
    let was = fieldset.disabled
    new MutationObserver(() => {
      if (was && !fieldset.disabled)
        seen.push(
          (window as unknown as { demoHost?: { connection: { state: unknown } } }).demoHost
            ?.connection.state ?? null,
        )
      was = fieldset.disabled
    }).observe(fieldset, { attributes: true, attributeFilter: ['disabled'] })
  })
}

function unlocks(page: Page) {
  return page.evaluate(
    () => (window as unknown as { __unlocks: Record<string, unknown>[] }).__unlocks,
  )
}

/** Opens the payment step and waits for the card field to unlock. */
async function openPayment(page: Page, host: HostPage) {
  await page.getByTestId('open-payment').click()
  await expect(host.cardNumber).toBeEnabled()
  await expect(host.status).toHaveText(
    'Recording paused and confirmed: you may take the card details.',
  )
}

test.describe('the demo host, on another origin than the panel', () => {
  test('the card field unlocks only after the recorder confirmed the pause; submitting resumes', async ({
    page,
    sim,
    simulator,
    demoHost,
  }) => {
    const call = await sim.createCall()
    const host = await openHost(page, {
      panelUrl: simulator.url,
      hostOrigin: demoHost.origin,
      calls: [call],
    })
    await expect(host.status).toHaveText(
      'Card fields are locked until the recording is paused and confirmed.',
    )
    await watchUnlocks(page)
    // The pause is held on its way to the service: the form is open and locked meanwhile.
    let release = () => {}
    const released = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/recording/set', async (route) => {
      await released
      await route.fallback()
    })
    await page.getByTestId('open-payment').click()
    await expect(page.getByTestId('payment-form')).toBeVisible()
    await expect(host.status).toHaveText(
      'Pausing the recording… card fields stay locked until the recorder confirms.',
    )
    await expect(host.cardNumber).toBeDisabled()
    await expect(page.getByTestId('submit-payment')).toBeDisabled()
    await expect(host.panel.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
    release()

    await expect(host.cardNumber).toBeEnabled()
    await expectPanel(host.panel, 'Paused')
    const seen = await unlocks(page)
    expect(seen).toHaveLength(1)
    expect(seen[0]).toMatchObject({ recording: 'Paused', confirmed: true, callKnown: true })
    const audit = await sim.audit(call.correlationId)
    expect(audit.map((entry) => entry.action)).toContain('Pause')

    await host.cardNumber.fill('4111 1111 1111 1111')
    await page.getByTestId('submit-payment').click()
    await expect(host.status).toHaveText('Payment taken; recording resumed.')
    await expect(page.getByTestId('payment-form')).toBeHidden()
    await expectPanel(host.panel, 'Started')
  })

  for (const refusal of [
    {
      name: 'ErrorType 3',
      fault: {
        status: 409,
        body: { ErrorMessage: { ErrorType: 3, Message: 'Recorder is busy: cannot pause now.' } },
      },
      text: 'Recorder is busy: cannot pause now.',
    },
    {
      name: '503',
      fault: { status: 503, body: 'Service Unavailable', contentType: 'text/plain' },
      text: 'Service Unavailable',
    },
  ]) {
    test(`a refused pause (${refusal.name}) keeps the card field locked, with the server's reason`, async ({
      page,
      sim,
      simulator,
      demoHost,
    }) => {
      const call = await sim.createCall()
      const host = await openHost(page, {
        panelUrl: simulator.url,
        hostOrigin: demoHost.origin,
        calls: [call],
      })
      await sim.failNext({ endpoint: 'set', count: 1, ...refusal.fault })
      await page.getByTestId('open-payment').click()
      await expect(host.status).toContainText(
        'Card fields locked: the recording could not be paused:',
      )
      await expect(host.status).toContainText(refusal.text)
      await expect(host.cardNumber).toBeDisabled()
      await expect(page.getByTestId('submit-payment')).toBeDisabled()
      await expectPanel(host.panel, 'Started')

      // Asked again, the pause goes through.
      await page.getByTestId('retry-pause').click()
      await expect(host.cardNumber).toBeEnabled()
      await expectPanel(host.panel, 'Paused')
    })
  }

  test('a hub drop during the payment locks the card field at once, and the resync unlocks it', async ({
    page,
    sim,
    simulator,
    demoHost,
  }) => {
    const call = await sim.createCall()
    const host = await openHost(page, {
      panelUrl: simulator.url,
      hostOrigin: demoHost.origin,
      calls: [call],
    })
    await openPayment(page, host)

    await sim.refuseNegotiationUntilAccepted()
    await sim.dropConnections()
    await expect(host.cardNumber).toBeDisabled()
    await expect(host.status).toContainText('the recording state is not confirmed')
    await expect(host.status).toContainText('Do not take card details.')
    await expect(host.panel.getByTestId('recording-state')).toHaveAttribute('data-stale', 'true')

    const resync = page.waitForResponse(
      (response) =>
        response.request().method() === 'GET' &&
        response.url().includes(call.correlationId) &&
        response.ok(),
    )
    await sim.acceptNegotiation()
    await resync
    await expect(host.cardNumber).toBeEnabled({ timeout: 25_000 })
    await expectPanel(host.panel, 'Paused')
  })

  test('another party resuming during the payment locks the card field at once', async ({
    page,
    sim,
    simulator,
    demoHost,
  }) => {
    const call = await sim.createCall()
    const host = await openHost(page, {
      panelUrl: simulator.url,
      hostOrigin: demoHost.origin,
      calls: [call],
    })
    await openPayment(page, host)
    await sim.actAs(call.uccName, call.correlationId, 'Start', PAYMENTS)
    await expect(host.cardNumber).toBeDisabled()
    await expect(host.status).toHaveText(
      'Card fields locked: the recorder is Started. Do not take card details.',
    )
    await expect(page.getByTestId('submit-payment')).toBeDisabled()

    await page.getByTestId('cancel-payment').click()
    await expect(host.status).toHaveText('Payment cancelled; recording resumed.')
    await expectPanel(host.panel, 'Started')
  })

  test('a page on an origin not in embedOrigins changes nothing', async ({
    page,
    sim,
    simulator,
    demoHost,
  }) => {
    const call = await sim.createCall()
    const warnings: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'warning') warnings.push(message.text())
    })
    const host = await openHost(page, {
      panelUrl: simulator.url,
      hostOrigin: demoHost.origin,
      calls: [call],
      embedOrigins: ['https://desktop.example.com'],
    })
    await page.getByTestId('open-payment').click()
    // The SDK's own timeout (15 s): the panel never answers a page it does not know.
    await expect(host.status).toContainText(
      'Card fields locked: the recording could not be paused:',
      { timeout: 20_000 },
    )
    await expect(host.status).toContainText('did not answer')
    await expect(host.cardNumber).toBeDisabled()
    await expectPanel(host.panel, 'Started')
    expect(await sim.audit(call.correlationId)).not.toContainEqual(
      expect.objectContaining({ action: 'Pause' }),
    )
    expect(warnings.join('\n')).toContain(demoHost.origin)
  })

  test('a site not in the served embedOrigins cannot frame the panel (frame-ancestors)', async ({
    page,
    sim,
    simulator,
    demoHost,
  }) => {
    const call = await sim.createCall()
    const panelPage = page.waitForResponse(
      (response) =>
        response.url().startsWith(simulator.url) && response.url().includes('correlationId='),
    )
    await openHost(page, {
      panelUrl: simulator.url,
      hostOrigin: demoHost.crossSiteOrigin,
      calls: [call],
      waitConfirmed: false,
    })
    expect((await panelPage).headers()['content-security-policy']).toContain(
      `frame-ancestors 'self' ${demoHost.origin}`,
    )
    await expect
      .poll(() => page.frames().some((frame) => frame.url().startsWith('chrome-error:')))
      .toBe(true)
    await expect(
      page.frameLocator('iframe[title="Call recording"]').getByTestId('recording-state'),
    ).toHaveCount(0)
  })

  test('open-call switches the panel to another call without a reload', async ({
    page,
    sim,
    simulator,
    demoHost,
  }) => {
    const first = await sim.createCall()
    const second = await sim.createCall({ recordingState: 3 })
    const host = await openHost(page, {
      panelUrl: simulator.url,
      hostOrigin: demoHost.origin,
      calls: [first, second],
    })
    const panelFrame = page.frame({ url: /correlationId=/ })!
    await panelFrame.evaluate(() => Object.assign(window, { __notReloaded: true }))
    await page.getByTestId('switch-call').nth(1).click()
    await expect(host.panel.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
    await expect(host.panel.getByTestId('recording-state')).not.toHaveAttribute(
      'data-stale',
      'true',
    )
    await expect(host.panel.locator('main')).toContainText(second.correlationId.slice(0, 8))
    expect(
      await panelFrame.evaluate(
        () => 'correlationId=' + new URL(location.href).searchParams.get('correlationId'),
      ),
    ).toBe(`correlationId=${second.correlationId}`)
    expect(
      await panelFrame.evaluate(() => (window as { __notReloaded?: boolean }).__notReloaded),
    ).toBe(true)
    await expect(page.getByTestId('host-panel-state')).toContainText(second.correlationId)
  })

  test('the host pause is on the panel’s ledger with source host', async ({
    page,
    sim,
    simulator,
    demoHost,
  }) => {
    const call = await sim.createCall()
    const host = await openHost(page, {
      panelUrl: simulator.url,
      hostOrigin: demoHost.origin,
      calls: [call],
    })
    // The ledger records from when it is shown (0010): the payment starts after that.
    await new RecordingPanel(host.panel).expectLedgerRecording()
    await openPayment(page, host)
    await page.getByTestId('cancel-payment').click()
    await expect(host.status).toHaveText('Payment cancelled; recording resumed.')
    const ledger = host.panel.locator('[data-testid="ledger-entry"]')
    await expect(
      ledger.and(host.panel.locator('[data-kind="change"][data-source="host"]')),
    ).toHaveCount(2)
    await expect(ledger.and(host.panel.locator('[data-kind="pause"]'))).toHaveCount(1)
  })
})

test('a token handed over by message, from another site, reaches REST and the hub', async ({
  page,
  demoHost,
}) => {
  const TOKEN = 'host-handed-token'
  const dist = panelDistAllowing([demoHost.crossSiteOrigin])
  const secured = await startSimulator({ port: 0, staticDir: dist.dir, authToken: TOKEN })
  try {
    const sim = new SimClient(secured.url, TOKEN)
    const call = await sim.createCall()
    const next = await sim.createCall({ recordingState: 3 })
    const rest: (string | undefined)[] = []
    const hub: string[] = []
    page.on('request', (request) => {
      const url = new URL(request.url())
      if (url.pathname.startsWith('/attendantservice/api/'))
        rest.push(request.headers()['authorization'])
      if (url.pathname.startsWith('/attendantservice/hubs/'))
        hub.push(
          `${request.headers()['authorization'] ?? ''} ${url.searchParams.get('access_token') ?? ''}`,
        )
    })
    page.on('websocket', (socket) =>
      hub.push(new URL(socket.url()).searchParams.get('access_token') ?? ''),
    )
    const host = await openHost(page, {
      panelUrl: secured.url,
      hostOrigin: demoHost.crossSiteOrigin,
      calls: [call, next],
      token: TOKEN,
    })
    await openPayment(page, host)
    expect(rest.filter((value) => value === `Bearer ${TOKEN}`).length).toBeGreaterThan(0)
    expect(hub.some((value) => value.includes(TOKEN))).toBe(true)
    const audit = await sim.audit(call.correlationId)
    expect(audit.map((entry) => entry.action)).toContain('Pause')

    // Another call, opened by message: the token stays (the service would refuse it otherwise).
    rest.length = 0
    await page.getByTestId('switch-call').nth(1).click()
    await expectPanel(host.panel, 'Paused')
    await expect(page.getByTestId('host-panel-state')).toContainText(next.correlationId)
    expect(rest.length).toBeGreaterThan(0)
    expect(rest.every((value) => value === `Bearer ${TOKEN}`)).toBe(true)
  } finally {
    await secured.close()
    dist.remove()
  }
})
