// `npm run bench:board`: the supervisor board in headless Chromium against the simulator's load
// scenario (5,000 calls, 500 events/s by default). Measures long tasks, event→row latency, GETs
// per event, the event rate delivered and the JS heap; prints a table against the targets and
// writes bench-results/board.json. Needs `npm run build` first. Exits 0 with misses printed; exits
// 1 only when it could not measure (no build, no board, no metrics hook).
import { Command, InvalidArgumentError, Option } from 'commander'
import type { Browser, Page } from '@playwright/test'
import { DEFAULT_CALL_ID } from '../simulator/default-data.ts'
import { MAX_LOAD_CALLS, MAX_LOAD_EVENTS_PER_SECOND } from '../simulator/load-scenario.ts'
import { startSimulator } from '../simulator/server.ts'
import type { Simulator } from '../simulator/server.ts'
import {
  BenchSetupError,
  RESULTS_DIR,
  Verdict,
  atMost,
  ensureParentDir,
  formatTable,
  launchChromium,
  measureHeap,
  megabytes,
  percentile,
  requireBuild,
  round,
  sleep,
  waitFor,
  writeJson,
  startWatchdog,
  wholeNumber,
} from './lib.ts'
import type { HeapReading, TableRow } from './lib.ts'

/** The UCCs the load scenario spreads its calls over; the board may watch any of them. */
const LOAD_UCCS = ['ucc-demo-name', 'ucc-sales', 'ucc-support'] as const

const TARGETS = {
  /** No long task over 50 ms once the board has rendered its first row. */
  longTasksOver50Ms: 0,
  eventToRowP95Ms: 100,
  getsPerEvent: 0.2,
} as const

/**
 * How the bench finds the board's test hooks: the one place to adjust when they change.
 * - pasteInput / pasteSubmit: the "Add calls by correlation id" box and its Add button.
 * - row: one board row (the list is virtualised, so only those on screen exist).
 * - callCount: the number of calls the board holds: `data-count`, else the first number in its
 *   text ("All (5000)"). A numeric `window.__boardMetrics.callsKnown` is read first if it exists.
 */
const BOARD_HOOKS = {
  pasteInput: '[data-testid="add-ids"]',
  pasteSubmit: '[data-testid="add-ids-submit"]',
  row: '[data-testid="call-row"]',
  callCount: '[data-testid="filter-all"]',
  hubState: '[data-testid="hub-state"]',
} as const

interface BenchOptions {
  calls: number
  eventsPerSecond: number
  seconds: number
  ucc: string[]
  seed: number
  dist: string
  readyTimeout: number
  out: string
  trace?: string
}

/** The board's benchmark hook (`bench=1`), as this script relies on it. */
interface BoardMetricsHook {
  eventsReceived: number
  eventsApplied: number
  getsSent: number
  eventToRowMs: number[]
  callsKnown?: number
}

interface LongTask {
  start: number
  duration: number
}

/** What the init script keeps in the page. */
interface BenchPageState {
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

function rate(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('Expected a number above 0.')
  }
  if (number > MAX_LOAD_EVENTS_PER_SECOND)
    throw new InvalidArgumentError(`At most ${MAX_LOAD_EVENTS_PER_SECOND}.`)
  return number
}

function uccList(value: string): string[] {
  const names = [
    ...new Set(
      value
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ]
  const unknown = names.filter((name) => !(LOAD_UCCS as readonly string[]).includes(name))
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `Expected a comma-separated list of ${LOAD_UCCS.join(', ')} (the load scenario's UCCs).`,
    )
  }
  return names
}

/** Commander prints usage errors and --help itself, and exits. */
function parseBenchArgs(argv: readonly string[]): BenchOptions {
  return new Command('bench:board')
    .description(
      'Supervisor board under load: long tasks, event→row latency, GETs per event, heap.',
    )
    .addOption(
      new Option('--calls <n>', 'calls in the load scenario (all watched by the board)')
        .default(5000)
        .argParser(wholeNumber(1, MAX_LOAD_CALLS)),
    )
    .addOption(
      new Option('--events-per-second <n>', 'state changes a second from the simulator')
        .default(500)
        .argParser(rate),
    )
    .addOption(
      new Option('--seconds <n>', 'length of the measured window')
        .default(60)
        .argParser(wholeNumber(1, 3600)),
    )
    .addOption(
      new Option('--ucc <names>', 'UCCs the board watches (comma-separated)')
        .default([...LOAD_UCCS], LOAD_UCCS.join(','))
        .argParser(uccList),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the load scenario')
        .default(1)
        .argParser(wholeNumber(0, 2 ** 32 - 1)),
    )
    .addOption(new Option('--dist <dir>', 'the built panel to serve').default('dist'))
    .addOption(
      new Option('--ready-timeout <s>', 'how long seeding may take before measuring anyway')
        .default(120)
        .argParser(wholeNumber(1, 3600)),
    )
    .addOption(
      new Option('--out <file>', 'where the JSON result goes').default(`${RESULTS_DIR}/board.json`),
    )
    .addOption(
      new Option(
        '--trace <file>',
        'record a Chrome trace of the measured window (open in DevTools, Performance); adds overhead',
      ),
    )
    .allowExcessArguments(false)
    .parse([...argv], { from: 'user' })
    .opts<BenchOptions>()
}

interface StateBody {
  uccs: { name: string; calls: { correlationId: string }[] }[]
}

/** The load calls in the watched UCCs, from the simulator's state (the default call left out). */
async function loadCallIds(sim: Simulator, uccs: readonly string[]): Promise<string[]> {
  const response = await fetch(`${sim.controlUrl}/state`)
  const body = (await response.json()) as StateBody
  const watched = new Set(uccs.map((name) => name.toLowerCase()))
  return body.uccs
    .filter((ucc) => watched.has(ucc.name.toLowerCase()))
    .flatMap((ucc) => ucc.calls.map((call) => call.correlationId))
    .filter((id) => id.toLowerCase() !== DEFAULT_CALL_ID)
}

function boardUrl(sim: Simulator, uccs: readonly string[]): string {
  return `${sim.url}/?view=board&ucc=${uccs.map(encodeURIComponent).join(',')}&bench=1`
}

/** Before any page script: a long-task observer whose entries the bench reads later. */
function installLongTaskObserver(): void {
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

async function requireMetricsHook(page: Page): Promise<void> {
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
 * BOARD_HOOKS, or this function, when it changes.
 */
async function seedWatchList(page: Page, ids: readonly string[]): Promise<void> {
  const input = page.locator(BOARD_HOOKS.pasteInput)
  try {
    await input.waitFor({ state: 'visible', timeout: 15_000 })
  } catch {
    throw new BenchSetupError(
      `The board has no paste box (${BOARD_HOOKS.pasteInput}); adjust BOARD_HOOKS in bench/board.ts.`,
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

interface Readiness {
  firstRowAt: number | undefined
  callsOnBoard: number | undefined
  complete: boolean
}

/** Waits for the first row, then (bounded) until the board holds every seeded call. */
async function waitForRows(page: Page, expected: number, timeoutMs: number): Promise<Readiness> {
  const deadline = Date.now() + timeoutMs
  try {
    await page.locator(BOARD_HOOKS.row).first().waitFor({ state: 'attached', timeout: timeoutMs })
  } catch {
    throw new BenchSetupError(
      `No board row (${BOARD_HOOKS.row}) appeared within ${timeoutMs / 1000} s; adjust BOARD_HOOKS in bench/board.ts.`,
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

function readCounters(page: Page): Promise<Counters> {
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
function drainSamples(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const samples = (window as BenchWindow).__boardMetrics?.eventToRowMs
    return samples ? samples.splice(0, samples.length) : []
  })
}

function readLongTasks(page: Page): Promise<BenchPageState> {
  return page.evaluate(
    () => (window as BenchWindow).__bench ?? { longTasks: [], longTasksSupported: false },
  )
}

function summariseLongTasks(tasks: readonly LongTask[], from: number, to = Infinity) {
  const inRange = tasks.filter((task) => task.start >= from && task.start < to)
  return {
    count: inRange.length,
    longestMs: round(
      inRange.reduce((longest, task) => Math.max(longest, task.duration), 0),
      0,
    ),
    /** The first 100, in ms since the page's time origin, to find them in a trace. */
    tasks: inRange
      .slice(0, 100)
      .map((task) => ({ startMs: round(task.start, 0), durationMs: round(task.duration, 0) })),
  }
}

async function measure(
  browser: Browser,
  page: Page,
  sim: Simulator,
  options: BenchOptions,
  readiness: Readiness,
) {
  const heapBefore = await measureHeap(page)
  if (options.trace) {
    await ensureParentDir(options.trace)
    await browser.startTracing(page, { path: options.trace, screenshots: false })
  }
  await drainSamples(page)
  const simBefore = sim.load()
  const simBeforeAt = Date.now()
  const start = await readCounters(page)
  const samples: number[] = []
  const windowStartedAt = Date.now()
  for (let second = 1; second <= options.seconds; second += 1) {
    await sleep(Math.max(0, windowStartedAt + second * 1000 - Date.now()))
    samples.push(...(await drainSamples(page)))
    if (second % 10 === 0 && second < options.seconds)
      console.log(`  ${second} of ${options.seconds} s`)
  }
  const end = await readCounters(page)
  samples.push(...(await drainSamples(page)))
  if (options.trace) await browser.stopTracing()
  const simAfter = sim.load()
  const simSeconds = (Date.now() - simBeforeAt) / 1000
  const pageState = await readLongTasks(page)
  const heapAfter = await measureHeap(page)

  const seconds = (end.at - start.at) / 1000
  const received = end.eventsReceived - start.eventsReceived
  const gets = end.getsSent - start.getsSent
  const inWindow = summariseLongTasks(pageState.longTasks, start.at, end.at)
  const seeding =
    readiness.firstRowAt === undefined
      ? undefined
      : summariseLongTasks(pageState.longTasks, readiness.firstRowAt, start.at)
  return {
    windowSeconds: round(seconds, 2),
    eventsPerSecondRequested: options.eventsPerSecond,
    eventsPerSecondSent:
      simBefore && simAfter
        ? round((simAfter.applied - simBefore.applied) / simSeconds, 1)
        : undefined,
    eventsSkippedBySimulator:
      simBefore && simAfter ? simAfter.skipped - simBefore.skipped : undefined,
    eventsPerSecondDelivered: round(received / seconds, 1),
    eventsReceived: received,
    eventsApplied: end.eventsApplied - start.eventsApplied,
    longTasksSupported: pageState.longTasksSupported,
    longTasks: inWindow,
    longTasksWhileSeeding: seeding,
    eventToRowSamples: samples.length,
    eventToRowP50Ms: round(percentile(samples, 50), 1),
    eventToRowP95Ms: round(percentile(samples, 95), 1),
    eventToRowMaxMs: round(
      samples.reduce((max, sample) => Math.max(max, sample), -Infinity),
      1,
    ),
    getsSent: gets,
    getsPerEvent: received > 0 ? round(gets / received, 3) : undefined,
    heapBeforeMb: megabytes(heapBefore?.usedBytes),
    heapAfterMb: megabytes(heapAfter?.usedBytes),
    heapMethod: (heapAfter ?? heapBefore)?.method satisfies HeapReading['method'] | undefined,
  }
}

type Measurement = Awaited<ReturnType<typeof measure>>

function verdicts(result: Measurement) {
  const longTasks =
    result.longTasksSupported && result.longTasks.count <= TARGETS.longTasksOver50Ms
      ? Verdict.Pass
      : result.longTasksSupported
        ? Verdict.Miss
        : Verdict.Unknown
  const seeding =
    !result.longTasksSupported || !result.longTasksWhileSeeding
      ? Verdict.Unknown
      : result.longTasksWhileSeeding.count <= TARGETS.longTasksOver50Ms
        ? Verdict.Pass
        : Verdict.Miss
  return {
    longTasks,
    longTasksWhileSeeding: seeding,
    eventToRowP95: atMost(result.eventToRowP95Ms, TARGETS.eventToRowP95Ms),
    getsPerEvent: atMost(result.getsPerEvent, TARGETS.getsPerEvent),
  }
}

function table(
  options: BenchOptions,
  readiness: Readiness,
  result: Measurement,
  verdict: ReturnType<typeof verdicts>,
): TableRow[] {
  const tasks = (summary: { count: number; longestMs: number | undefined } | undefined) =>
    summary === undefined || !result.longTasksSupported
      ? undefined
      : `${summary.count}${summary.count > 0 ? ` (longest ${summary.longestMs} ms)` : ''}`
  return [
    { metric: 'calls watched', value: `${readiness.callsOnBoard ?? '?'} of ${options.calls}` },
    { metric: 'measured window (s)', value: result.windowSeconds },
    { metric: 'events/s requested', value: result.eventsPerSecondRequested },
    { metric: 'events/s sent by the simulator', value: result.eventsPerSecondSent },
    { metric: 'events/s delivered to the page', value: result.eventsPerSecondDelivered },
    {
      metric: 'long tasks > 50 ms (window)',
      value: tasks(result.longTasks),
      target: '0',
      result: verdict.longTasks,
    },
    {
      metric: 'long tasks > 50 ms (first row → window)',
      value: tasks(result.longTasksWhileSeeding),
      target: '0',
      result: verdict.longTasksWhileSeeding,
    },
    { metric: 'event→row p50 (ms)', value: result.eventToRowP50Ms },
    {
      metric: 'event→row p95 (ms)',
      value: result.eventToRowP95Ms,
      target: `≤ ${TARGETS.eventToRowP95Ms}`,
      result: verdict.eventToRowP95,
    },
    { metric: 'event→row samples', value: result.eventToRowSamples },
    {
      metric: 'GETs per event',
      value: result.getsPerEvent,
      target: `≤ ${TARGETS.getsPerEvent}`,
      result: verdict.getsPerEvent,
    },
    { metric: `JS heap before (MB, ${result.heapMethod ?? '?'})`, value: result.heapBeforeMb },
    { metric: `JS heap after (MB, ${result.heapMethod ?? '?'})`, value: result.heapAfterMb },
  ]
}

async function run(options: BenchOptions): Promise<void> {
  requireBuild(options.dist)
  let sim: Simulator | undefined
  let browser: Browser | undefined
  const cleanUp = async () => {
    await browser?.close().catch(() => {})
    await sim?.close().catch(() => {})
  }
  // Whatever happens, the run ends: seeding, the window and the slack for start and shutdown.
  const stopWatchdog = startWatchdog(
    'bench:board',
    (options.readyTimeout + options.seconds + 120) * 1000,
    cleanUp,
  )
  try {
    console.log(
      `bench:board: ${options.calls} calls, ${options.eventsPerSecond} events/s, ${options.seconds} s, board watching ${options.ucc.join(', ')}`,
    )
    sim = await startSimulator({
      port: 0,
      staticDir: options.dist,
      scenario: 'load',
      loadCalls: options.calls,
      loadEventsPerSecond: options.eventsPerSecond,
      seed: options.seed,
    })
    browser = await launchChromium()
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.addInitScript(installLongTaskObserver)
    const ids = await loadCallIds(sim, options.ucc)
    console.log(`  simulator at ${sim.url}; opening the board`)
    await page.goto(boardUrl(sim, options.ucc))
    await requireMetricsHook(page)
    const connected = await waitFor(
      async () =>
        (await page
          .locator(BOARD_HOOKS.hubState)
          .getAttribute('data-state')
          .catch(() => null)) === 'Connected',
      15_000,
    )
    if (!connected)
      console.warn(`  the hub indicator (${BOARD_HOOKS.hubState}) never said Connected`)
    console.log(`  seeding the watch list with ${ids.length} ids`)
    await seedWatchList(page, ids)
    const readiness = await waitForRows(page, ids.length, options.readyTimeout * 1000)
    console.log(`  measuring for ${options.seconds} s`)
    const result = await measure(browser, page, sim, options, readiness)
    const verdict = verdicts(result)
    console.log(`\n${formatTable(table(options, readiness, result, verdict))}\n`)
    const misses = Object.entries(verdict).filter(([, value]) => value === Verdict.Miss)
    console.log(
      misses.length === 0
        ? 'All targets met.'
        : `Missed: ${misses.map(([name]) => name).join(', ')}.`,
    )
    await writeJson(options.out, {
      benchmark: 'board',
      date: new Date().toISOString(),
      options: { ...options, watchedIds: ids.length },
      browser: browser.version(),
      node: process.version,
      readiness,
      result,
      targets: TARGETS,
      verdict,
    })
    console.log(`Written to ${options.out}${options.trace ? ` (trace: ${options.trace})` : ''}`)
  } finally {
    stopWatchdog()
    await cleanUp()
  }
}

/** A setup error as written; anything else with its stack, but without Playwright's call log
 *  (which would repeat the 5,000 pasted ids). */
function describeError(error: unknown): string {
  if (error instanceof BenchSetupError) return error.message
  if (!(error instanceof Error)) return String(error)
  const text = error.stack ?? error.message
  const callLog = text.indexOf('Call log:')
  return callLog === -1 ? text : `${text.slice(0, callLog).trimEnd()} (call log left out)`
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2))
  try {
    await run(options)
    process.exit(0)
  } catch (error) {
    console.error(`bench:board: ${describeError(error)}`)
    process.exit(1)
  }
}

await main()
