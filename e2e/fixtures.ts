import {
  test as base,
  expect,
  type BrowserContext,
  type Locator,
  type Page,
  type Request,
} from '@playwright/test'
import { RecordingPanel, type RecordingState } from '../qa-kit/panel-page.ts'
import { startSimulator, type Simulator } from '../simulator/server.ts'
import { AGENT, DEMO_UCC, SimClient } from '../test-support/sim-client.ts'

export interface Call {
  uccName: string
  correlationId: string
}

/** A fresh call as the simulator creates it (states as numbers on the wire), and the agent who opens it. */
export interface OpenCallOptions {
  ucc?: string
  recordingState?: number
  markingState?: number
  savingState?: number
  agent?: string
}

// Each Playwright worker runs its own simulator, serving the built panel (dist/, or the build named
// by PANEL_DIST) and the API on one origin, so faults injected by one test never reach another
// worker's tests.
export const PANEL_DIST = process.env.PANEL_DIST ?? 'dist'

export const test = base.extend<
  {
    sim: SimClient
    /**
     * A fresh call (a new GUID) opened in the agent panel, once the hub is live and its state
     * confirmed. Anything the page needs before it loads (routes, recorders) is set up first.
     */
    openCall: (options?: OpenCallOptions) => Promise<Call>
  },
  { simulator: Simulator }
>({
  simulator: [
    async ({}, use) => {
      const simulator = await startSimulator({ port: 0, staticDir: PANEL_DIST })
      await use(simulator)
      await simulator.close()
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ simulator }, use) => {
    await use(simulator.url)
  },
  sim: async ({ simulator }, use) => {
    const sim = new SimClient(simulator.url)
    await sim.reset()
    await use(sim)
  },
  openCall: async ({ page, sim }, use) => {
    await use(async ({ agent = AGENT, ...options } = {}) => {
      const call = await sim.createCall(options)
      await openPanel(page, call, agent)
      return call
    })
  },
})

export { expect }

/**
 * `test` for specs where no page may fail: after each test, no uncaught exception or unhandled
 * rejection in any page of its context.
 */
export const testWithPageHealth = test.extend<{ pageHealth: void }>({
  pageHealth: [
    async ({ context, page }, use) => {
      const errors: string[] = []
      const watch = (watched: Page) =>
        watched.on('pageerror', (error) => errors.push(`${watched.url()}: ${error.message}`))
      watch(page)
      context.on('page', watch)
      await use()
      expect(errors, 'uncaught exceptions in the page').toEqual([])
    },
    { auto: true },
  ],
})

export function panelUrl(call: Call, agent = AGENT, extra = '') {
  const params = new URLSearchParams({
    ucc: call.uccName,
    correlationId: call.correlationId,
    agent,
  })
  return `/?${params.toString()}${extra}`
}

/** Opens the panel and waits until the hub is live and the state is confirmed. */
export async function openPanel(page: Page, call: Call, agent = AGENT) {
  await page.goto(panelUrl(call, agent))
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expect(page.getByTestId('recording-state')).not.toHaveAttribute('data-stale', 'true')
}

export function recordingState(page: Page) {
  return page.getByTestId('recording-state')
}

/**
 * Ends a hub negotiation refusal and waits for the page to connect again. Its next attempt comes
 * on its own backoff (up to 15 s ± 20 % after a long outage): this waits for that attempt to
 * negotiate, however long the machine takes, then for the indicator to say so.
 */
export async function reconnectHub(page: Page, sim: SimClient) {
  const negotiated = page.waitForResponse(
    (response) => response.url().includes('/hubs/recording/negotiate') && response.ok(),
  )
  await sim.acceptNegotiation()
  await negotiated
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
}

/**
 * The agent panel shows `state`, confirmed: the QA kit's one assertion (qa-kit/panel-page.ts), so
 * that the project's own tests keep it true.
 */
export function expectConfirmed(page: Page, state: RecordingState) {
  return new RecordingPanel(page).expectConfirmed(state)
}

/** The pause ledger is shown and records from here on (the QA kit's expectLedgerRecording). */
export function expectLedgerRecording(page: Page) {
  return new RecordingPanel(page).expectLedgerRecording()
}

/** A button as a user finds it: by its role and its whole accessible name. */
export function button(scope: Page | Locator, name: string) {
  return scope.getByRole('button', { name, exact: true })
}

/** The agent panel's action buttons, as they are labelled when no request is in flight. */
export const ACTION_LABELS = [
  'Start',
  'Resume',
  'Pause',
  'Stop',
  'Save',
  'Delete',
  'Mark',
  'Unmark',
] as const
export type ActionLabel = (typeof ACTION_LABELS)[number]

/**
 * Every action button is in the page and disabled: the panel offers nothing. (Start and Resume
 * share one place: the one not offered is hidden as well, so they are found by test id.)
 */
export async function expectNoActionOffered(page: Page) {
  for (const label of ACTION_LABELS) {
    await expect(page.getByTestId(`action-${label.toLowerCase()}`)).toBeDisabled()
  }
}

/**
 * The board's table at its size: no sideways scrolling, and every cell of the rows shows its whole
 * content, neither cut short ("Gemar…") nor spilling over the next column.
 */
export async function expectBoardCellsWhole(page: Page) {
  const table = page.getByTestId('call-table')
  expect(await table.evaluate((scroller) => scroller.scrollWidth <= scroller.clientWidth)).toBe(
    true,
  )
  const cut = await table
    .locator('[data-testid="call-row"] td')
    .evaluateAll((cells) =>
      cells
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => cell.textContent),
    )
  expect(cut).toEqual([])
}

/** Asks for an action that needs confirming (Stop, Delete) and confirms it in the dialog. */
export async function confirmAction(page: Page, label: 'Stop' | 'Delete') {
  await button(page, label).click()
  const dialog = page.getByRole('dialog', { name: `${label} the recording?` })
  await button(dialog, `${label} recording`).click()
  await expect(dialog).toBeHidden()
}

/** The panel says the service does not know this call, with the server's text, and offers nothing. */
export async function expectCallUnknown(page: Page, correlationId: string) {
  const alert = page.getByRole('alert').filter({ hasText: 'Call not found' })
  await expect(alert).toContainText(
    `No Audio session with correlation Id:'${correlationId}' was found.`,
  )
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'call-unknown',
  )
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Unknown')
  await expectNoActionOffered(page)
}

/** Requests held on their way out of the page until `release()`. */
export interface HeldRequests {
  /** How many have been held so far. */
  count(): number
  /** Lets every held request (and every later one) go on. */
  release(): void
}

/**
 * Holds the page's requests to `url` (those `matches` accepts) until `release()`: what the page
 * shows meanwhile is what it shows while they are on their way, for as long as the test needs.
 */
export async function holdRequests(
  page: Page,
  url: string,
  matches: (request: Request) => boolean = () => true,
): Promise<HeldRequests> {
  let release = () => {}
  const released = new Promise<void>((resolve) => (release = resolve))
  let held = 0
  await page.route(url, async (route) => {
    if (matches(route.request())) {
      held += 1
      await released
    }
    await route.fallback()
  })
  return { count: () => held, release }
}

/**
 * config.json as the tests use it (the demo UCC and agent) with `keys` on top: for one page, or
 * every page of a context. Set up before the page loads.
 */
export async function serveConfig(
  target: Page | BrowserContext,
  keys: Record<string, unknown>,
): Promise<void> {
  await target.route('**/config.json', (route) =>
    route.fulfill({ json: { uccName: DEMO_UCC, requesterSipUri: AGENT, ...keys } }),
  )
}

/** One line of the agent panel's pause ledger, as shown. */
export interface LedgerEntryShown {
  kind: string | null
  action: string | null
  source: string | null
  confirmed: string | null
  text: string
  /** The ISO times it shows: when it happened, and a pause's end. */
  times: string[]
}

/** The pause ledger's lines, newest first, as the agent panel shows them now. */
export function ledgerEntries(page: Page): Promise<LedgerEntryShown[]> {
  return page.getByTestId('ledger-entry').evaluateAll((items) =>
    items.map((item) => ({
      kind: item.getAttribute('data-kind'),
      action: item.getAttribute('data-action'),
      source: item.getAttribute('data-source'),
      confirmed: item.getAttribute('data-confirmed'),
      text: item.textContent ?? '',
      times: Array.from(
        item.querySelectorAll('time'),
        (time) => time.getAttribute('datetime') ?? '',
      ),
    })),
  )
}

/** The ledger line of a kind, action and source (a locator: wait on it). */
export function ledgerEntry(
  page: Page,
  entry: { kind: 'change' | 'pause' | 'incident'; action?: string; source?: string },
): Locator {
  const attributes = [
    `[data-kind="${entry.kind}"]`,
    entry.action ? `[data-action="${entry.action}"]` : '',
    entry.source ? `[data-source="${entry.source}"]` : '',
  ].join('')
  return page.locator(`[data-testid="ledger-entry"]${attributes}`)
}

/** What the pause guard showed at one moment (noted in the page on every change). */
export interface GuardSnapshot {
  /** Date.now() in the page. */
  at: number
  /** data-seconds-left of the countdown; null when there is none. */
  secondsLeft: number | null
  warning: boolean
  title: string
}

declare global {
  interface Window {
    __guardSnapshots?: GuardSnapshot[]
  }
}

/**
 * Notes in the page, from now on, every change of the pause guard's countdown, its warning and the
 * page title (a MutationObserver: it sees each change however briefly it lasts).
 */
export async function watchGuard(page: Page): Promise<void> {
  await page.evaluate(() => {
    const snapshots: GuardSnapshot[] = []
    window.__guardSnapshots = snapshots
    let last = ''
    const note = () => {
      const left = document
        .querySelector('[data-testid="pause-countdown"]')
        ?.getAttribute('data-seconds-left')
      const snapshot = {
        at: Date.now(),
        secondsLeft: left === undefined || left === null ? null : Number(left),
        warning: document.querySelector('[data-testid="pause-warning"]') !== null,
        title: document.title,
      }
      const key = `${snapshot.secondsLeft}|${snapshot.warning}|${snapshot.title}`
      if (key === last) return
      last = key
      snapshots.push(snapshot)
    }
    note()
    new MutationObserver(note).observe(document, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
      attributeFilter: ['data-seconds-left'],
    })
  })
}

/** What watchGuard noted so far. */
export function guardSnapshots(page: Page): Promise<GuardSnapshot[]> {
  return page.evaluate(() => window.__guardSnapshots ?? [])
}
