// `npm run bench:board`: the board in the page, and how the bench finds, seeds and reads it.
import type { Page } from '@playwright/test'
import { DEFAULT_CALL_ID } from '../../simulator/default-data.ts'
import type { Simulator } from '../../simulator/server.ts'
import type { SimClient } from '../../test-support/sim-client.ts'
import { BenchSetupError } from '../harness.ts'
import { waitFor } from '../lib.ts'

/**
 * How the bench finds the board's test hooks: the one place to adjust when they change.
 * - pasteOpen: "Add calls by id", the button that shows the box (open by itself on an empty board).
 * - pasteInput / pasteSubmit: the "Add calls by correlation id" box and its Add button.
 * - row: one board row (the list is virtualised, so only those on screen exist).
 * - callCount: the number of calls the board holds: `data-count`, else the first number in its
 *   text ("All (5000)"). A numeric `window.__boardMetrics.callsKnown` is read first if it exists.
 */
export const BOARD_HOOKS = {
  pasteOpen: '[data-testid="add-ids-open"]',
  pasteInput: '[data-testid="add-ids"]',
  pasteSubmit: '[data-testid="add-ids-submit"]',
  row: '[data-testid="call-row"]',
  callCount: '[data-testid="filter-all"]',
  hubState: '[data-testid="hub-state"]',
} as const

/** The board's benchmark hook (`bench=1`), as this script relies on it. */
interface BoardMetricsHook {
  eventsReceived: number
  eventsApplied: number
  getsSent: number
  eventToRowMs: number[]
  callsKnown?: number
}

export interface LongTask {
  start: number
  duration: number
}

/** What the init script keeps in the page. */
export interface BenchPageState {
  longTasks: LongTask[]
  longTasksSupported: boolean
}

type BenchWindow = Window & { __boardMetrics?: BoardMetricsHook; __bench?: BenchPageState }

interface Counters {
  at: number
  eventsReceived: number
  eventsApplied: number
  getsSent: number
}

/** The load calls in the watched UCCs, from the simulator's state (the default call left out). */
export async function loadCallIds(client: SimClient, uccs: readonly string[]): Promise<string[]> {
  const state = await client.state()
  const watched = new Set(uccs.map((name) => name.toLowerCase()))
  return state.uccs
    .filter((ucc) => watched.has(ucc.name.toLowerCase()))
    .flatMap((ucc) => ucc.calls.map((call) => call.correlationId))
    .filter((id) => id.toLowerCase() !== DEFAULT_CALL_ID)
}

/** The supervisor the board acts as (`supervisor=`): an agent of every UCC in the simulator. */
export const BENCH_SUPERVISOR = 'sip:supervisor@domain.com'

/** The board watching `uccs`, acting as BENCH_SUPERVISOR; `bench`: with its metrics hook (window.__boardMetrics). */
export function boardUrl(sim: Simulator, uccs: readonly string[], bench = true): string {
  const supervisor = encodeURIComponent(BENCH_SUPERVISOR)
  return `${sim.url}/?view=board&ucc=${uccs.map(encodeURIComponent).join(',')}&supervisor=${supervisor}${bench ? '&bench=1' : ''}`
}

/** Before any page script: a long-task observer whose entries the bench reads later. */
export function installLongTaskObserver(): void {
  const state: BenchPageState = { longTasks: [], longTasksSupported: true }
  ;(window as BenchWindow).__bench = state
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        state.longTasks.push({ start: entry.startTime, duration: entry.duration })
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    state.longTasksSupported = false
  }
}

export async function requireMetricsHook(page: Page): Promise<void> {
  const present = await waitFor(
    () => page.evaluate(() => typeof (window as BenchWindow).__boardMetrics === 'object'),
    15_000,
  )
  if (!present) {
    throw new BenchSetupError(
      'window.__boardMetrics is absent: the build in dist/ has no supervisor board with its bench hook ' +
        '(expected with ?view=board&bench=1). Build the board (`npm run build`) and run again.',
    )
  }
}

/**
 * Puts the ids on the board's watch list through its paste box, as a supervisor would: the whole
 * list arrives as one input event (a paste), then Add. (Playwright's `fill` is far slower here: it
 * had not finished 5,000 ids after 20 s.) The one step that depends on the board's UI: adjust
 * BOARD_HOOKS, or this function, when it changes. The soak seeds its board with it too.
 */
export async function seedWatchList(page: Page, ids: readonly string[]): Promise<void> {
  const input = page.locator(BOARD_HOOKS.pasteInput)
  try {
    // An empty board opens the box by itself and closes it when calls come: a click makes it the
    // supervisor's choice (open or closed), and a second click, if needed, opens it for good.
    const open = page.locator(BOARD_HOOKS.pasteOpen)
    await open.waitFor({ state: 'visible', timeout: 15_000 })
    await open.click()
    for (let attempt = 0; attempt < 3 && !(await input.isVisible()); attempt++) {
      if ((await open.getAttribute('aria-expanded')) !== 'true') await open.click()
      await input.waitFor({ state: 'visible', timeout: 2_000 }).catch(() => undefined)
    }
    await input.waitFor({ state: 'visible', timeout: 15_000 })
  } catch {
    throw new BenchSetupError(
      `The board has no paste box (${BOARD_HOOKS.pasteOpen}, then ${BOARD_HOOKS.pasteInput}); adjust BOARD_HOOKS in bench/board/page.ts.`,
    )
  }
  await input.evaluate((element, text) => {
    const field = element as HTMLTextAreaElement | HTMLInputElement
    const prototype = Object.getPrototypeOf(field) as object
    Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, text)
    field.dispatchEvent(new Event('input', { bubbles: true }))
  }, ids.join('\n'))
  await page.locator(BOARD_HOOKS.pasteSubmit).click({ timeout: 15_000 })
}

/** How many calls the board holds, if it says: the metrics hook first, else the count element. */
function readKnownCalls(page: Page): Promise<number | undefined> {
  return page.evaluate((selector) => {
    const metrics = (window as BenchWindow).__boardMetrics
    if (typeof metrics?.callsKnown === 'number') return metrics.callsKnown
    const element = document.querySelector(selector)
    if (!element) return undefined
    const count = Number(
      element.getAttribute('data-count') ?? element.textContent?.match(/\d+/)?.[0],
    )
    return Number.isFinite(count) ? count : undefined
  }, BOARD_HOOKS.callCount)
}

export interface Readiness {
  firstRowAt: number | undefined
  callsOnBoard: number | undefined
  complete: boolean
}

/** Waits for the first row, then (bounded) until the board holds every seeded call. */
export async function waitForRows(
  page: Page,
  expected: number,
  timeoutMs: number,
): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs
  try {
    await page.locator(BOARD_HOOKS.row).first().waitFor({ state: 'attached', timeout: timeoutMs })
  } catch {
    throw new BenchSetupError(
      `No board row (${BOARD_HOOKS.row}) appeared within ${timeoutMs / 1000} s; adjust BOARD_HOOKS in bench/board/page.ts.`,
    )
  }
  const firstRowAt = await page.evaluate(() => performance.now())
  let callsOnBoard = await readKnownCalls(page)
  if (callsOnBoard === undefined) {
    console.warn(
      `  the board does not say how many calls it holds (${BOARD_HOOKS.callCount} or __boardMetrics.callsKnown); measuring from the first row`,
    )
    return { firstRowAt, callsOnBoard, complete: false }
  }
  let lastReport = Date.now()
  const complete = await waitFor(
    async () => {
      callsOnBoard = await readKnownCalls(page)
      if (Date.now() - lastReport > 10_000) {
        console.log(`  ${callsOnBoard ?? '?'} of ${expected} calls on the board`)
        lastReport = Date.now()
      }
      return (callsOnBoard ?? 0) >= expected
    },
    Math.max(0, deadline - Date.now()),
    500,
  )
  if (!complete)
    console.warn(
      `  only ${callsOnBoard ?? '?'} of ${expected} calls after ${timeoutMs / 1000} s; measuring anyway`,
    )
  return { firstRowAt, callsOnBoard, complete }
}

export function readCounters(page: Page): Promise<Counters> {
  return page.evaluate(() => {
    const metrics = (window as BenchWindow).__boardMetrics
    return {
      at: performance.now(),
      eventsReceived: metrics?.eventsReceived ?? 0,
      eventsApplied: metrics?.eventsApplied ?? 0,
      getsSent: metrics?.getsSent ?? 0,
    }
  })
}

/** Takes the event→row samples gathered so far out of the page, so the 20,000 kept never overflow. */
export function drainSamples(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const samples = (window as BenchWindow).__boardMetrics?.eventToRowMs
    return samples ? samples.splice(0, samples.length) : []
  })
}

export function readLongTasks(page: Page): Promise<BenchPageState> {
  return page.evaluate(
    () => (window as BenchWindow).__bench ?? { longTasks: [], longTasksSupported: false },
  )
}
