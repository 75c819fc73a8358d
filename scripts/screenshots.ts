// `npm run screenshots`: the pictures in docs/screenshots/, taken from the built panel (dist/, or
// the build named by PANEL_DIST) served by an in-process simulator with its default data and the
// demo's two other contact centers. The calls are made through the simulator's control API with
// fixed ids, so that a new run shows the same board (only the clock's times differ).
//
//   agent-panel-320.png    the agent panel in a 320 px side panel: a paused call, its countdown
//   agent-panel-1280.png   the same at 1280 × 800
//   board-1280.png         the supervisor board at 1280 × 800: calls in three contact centers,
//   board-1920.png         one paused past its limit, one found already paused, one ended; the
//                          same at 1920 × 1080
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Browser, Page } from '@playwright/test'
import { launchChromium, requireBuild } from '../bench/harness.ts'
import { startSimulator } from '../simulator/server.ts'
import { AGENT, DEMO_CALL, DEMO_UCC, SimClient } from '../test-support/sim-client.ts'

const OUT = 'docs/screenshots'
const SUPERVISOR = 'sip:supervisor@domain.com'
const SALES = 'ucc-sales'
const SUPPORT = 'ucc-support'
const PAUSED = 3
/** The board's limits, short so that a pause goes past them while the script waits. */
const BOARD_CONFIG = {
  uccName: DEMO_UCC,
  requesterSipUri: AGENT,
  supervisorSipUri: SUPERVISOR,
  pauseAlertSeconds: 6,
  maxPauseSeconds: 6,
  endedCallLingerSeconds: 3_600,
}

/** Fixed ids: the n-th call of the board. */
function id(n: number): string {
  return `5c0e${String(n).padStart(4, '0')}-7a1b-4c2d-9e3f-${String(n * 7919).padStart(12, '0')}`
}

const dist = requireBuild(process.env.PANEL_DIST ?? 'dist')
const simulator = await startSimulator({ port: 0, staticDir: dist, seed: 2026 })
const sim = new SimClient(simulator.url)
let browser: Browser | undefined
try {
  await sim.reset()
  for (const ucc of [SALES, SUPPORT]) await sim.addUcc(ucc, [AGENT, SUPERVISOR])
  await mkdir(OUT, { recursive: true })
  browser = await launchChromium()
  await agentPanel(browser, DEMO_CALL, { width: 320, height: 640 }, 'agent-panel-320.png')
  const wide = await sim.createCall({ correlationId: id(99) })
  await agentPanel(
    browser,
    wide.correlationId,
    { width: 1280, height: 800 },
    'agent-panel-1280.png',
  )
  await board(browser)
  console.log(`screenshots: written to ${OUT}/`)
} finally {
  await browser?.close()
  await simulator.close()
}

/** The agent pauses the call; the picture shows the paused recorder and the countdown to its limit. */
async function agentPanel(
  browser: Browser,
  correlationId: string,
  viewport: { width: number; height: number },
  file: string,
) {
  const page = await browser.newPage({ viewport, colorScheme: 'light' })
  const params = new URLSearchParams({ ucc: DEMO_UCC, correlationId, agent: AGENT })
  await page.goto(`${simulator.url}/?${params.toString()}`)
  await confirmed(page.getByTestId('recording-state'), 'Started')
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  await confirmed(page.getByTestId('recording-state'), 'Paused')
  await page.getByTestId('pause-countdown').waitFor()
  await page.waitForFunction(
    () =>
      Number(
        document
          .querySelector('[data-testid="pause-countdown"]')
          ?.getAttribute('data-seconds-left'),
      ) <= 175,
    undefined,
    { timeout: 15_000 },
  )
  await page.screenshot({ path: join(OUT, file), fullPage: viewport.width < 400 })
  await page.close()
}

/**
 * The board as a supervisor sees it mid-shift: calls learned from live events in three contact
 * centers, one paused past its limit, one paused since a moment, one found already paused (added
 * by id), marked and stopped calls, and one that has ended. The explanation is folded away, as
 * after a first read.
 */
async function board(browser: Browser) {
  const context = await browser.newContext({ colorScheme: 'light' })
  await context.route('**/config.json', (route) => route.fulfill({ json: BOARD_CONFIG }))
  await context.addInitScript(() => localStorage.setItem('recording-board.note-open', 'false'))
  const page = await context.newPage()
  await page.setViewportSize({ width: 1280, height: 800 })
  const uccs = [DEMO_UCC, SALES, SUPPORT].join(',')
  await page.goto(`${simulator.url}/?view=board&ucc=${uccs}`)
  await page.getByTestId('hub-state').and(page.locator('[data-state="Connected"]')).waitFor()

  const overLimit = await sim.createCall({ correlationId: id(2), ucc: SALES })
  await sim.actAs(SALES, overLimit.correlationId, 'Pause')
  const plan: { n: number; ucc: string; action?: string }[] = [
    { n: 3, ucc: SUPPORT },
    { n: 4, ucc: DEMO_UCC, action: 'Mark' },
    { n: 5, ucc: SALES },
    { n: 6, ucc: SUPPORT },
    { n: 7, ucc: DEMO_UCC },
    { n: 8, ucc: SUPPORT, action: 'Stop' },
    { n: 9, ucc: SALES, action: 'Mark' },
    { n: 10, ucc: DEMO_UCC },
    { n: 11, ucc: SUPPORT },
    { n: 12, ucc: SALES },
  ]
  for (const { n, ucc, action } of plan) {
    const call = await sim.createCall({ correlationId: id(n), ucc })
    if (action) await sim.actAs(ucc, call.correlationId, action)
  }
  await row(page, overLimit.correlationId)
    .and(page.locator('[data-over-limit="true"]'))
    .waitFor({ timeout: 30_000 })
  // After the limit: a pause of a few seconds, a call that ends, and one found already paused.
  await sim.actAs(SUPPORT, id(6), 'Pause')
  await sim.endCall(SALES, id(12))
  const found = await sim.createCall({ correlationId: id(1), recordingState: PAUSED, silent: true })
  await page.getByTestId('add-ids-open').click()
  await page.getByTestId('add-ids').fill(found.correlationId)
  await page.getByTestId('add-ids-submit').click()
  await page.getByTestId('add-ids-status').getByText('Added 1 id.').waitFor()
  await page.getByTestId('add-ids-open').click()
  await page.mouse.move(0, 0)
  await page.locator(`[data-testid="call-row"][data-ended="true"]`).waitFor({ timeout: 30_000 })
  // A few seconds into the newer pauses, so that their times say something.
  await row(page, found.correlationId)
    .getByTestId('pause-timer')
    .getByText(/0:0[3-9]/)
    .waitFor({ timeout: 30_000 })
  // Every live row read back (the board confirms a few a second): no "not confirmed" left.
  await page.waitForFunction(
    () =>
      document.querySelectorAll('[data-testid="call-row"]').length === 12 &&
      document.querySelectorAll('[data-testid="call-row"]:not([data-ended]) [data-stale]')
        .length === 0,
    undefined,
    { timeout: 60_000 },
  )
  await page.screenshot({ path: join(OUT, 'board-1280.png') })
  await page.setViewportSize({ width: 1920, height: 1080 })
  await page.waitForFunction(() => document.documentElement.clientWidth === 1920)
  await page.screenshot({ path: join(OUT, 'board-1920.png') })
  await context.close()
}

function row(page: Page, correlationId: string) {
  return page.locator(`[data-testid="call-row"][data-correlation-id="${correlationId}"]`)
}

async function confirmed(locator: ReturnType<Page['getByTestId']>, state: string) {
  await locator.and(locator.page().locator(`[data-state="${state}"]:not([data-stale])`)).waitFor({
    timeout: 15_000,
  })
}
