// `npm run bench`: the agent panel's figures in one run, side by side, against their targets.
// In headless Chromium (the system one) against an in-process simulator (50 ms REST latency):
// 1. click → confirmed state on screen, and the bare POST round trip in the same page;
// 2. hub event → screen (another party acts), and event → confirmed;
// 3. the agent view's initial JS (gzip) against the dependency floor (scripts/check-bundle.ts);
// 4. JS heap growth over 100,000 hub events, after GC;
// 5. Lighthouse desktop scores (performance, accessibility, best practices).
// Method: the page is instrumented before its own scripts (bench/latency-probe.ts). Panel
// overhead = (click → confirmed on screen) − the bare POST round trip (a raw fetch POST in the same
// page after each click: Mark/UnMark on another call), as p50 − p50 and p95 − p95 (the target);
// per-click pairings and the echo of the click's own hub event are shown for diagnosis. The heap
// run's events are real changes applied in-process through the simulator's store to 200 other
// calls (each one hub broadcast), every --own-every-th one to the panel's own call.
// Needs `npm run build` first. `--quick` is the smoke run CI uses (few samples, 2,000 events, no
// Lighthouse). Prints the table, writes bench-results/latency.json; exits 0 with misses printed,
// 1 only when something could not be measured.
import { cpus, loadavg } from 'node:os'
import { Command, Option } from 'commander'
import type { Browser, Page } from '@playwright/test'
import { measureBundle, BUDGET_RATIO } from '../scripts/check-bundle.ts'
import { RECORDING_STATE_CHANGED_EVENT, RecordingAction } from '../src/api/wire.ts'
import { DEFAULT_AGENT, DEFAULT_CALL_ID, DEFAULT_UCC } from '../simulator/default-data.ts'
import { performAction } from '../simulator/recorder.ts'
import { startSimulator } from '../simulator/server.ts'
import type { Simulator } from '../simulator/server.ts'
import {
  BenchSetupError,
  RESULTS_DIR,
  Verdict,
  atMost,
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
import { installProbe } from './latency-probe.ts'
import type {
  ClickRecord,
  FetchRecord,
  FrameRecord,
  ProbeState,
  ProbeWindow,
  ScreenRecord,
} from './latency-probe.ts'
import { LIGHTHOUSE_CATEGORIES, runLighthouse } from './lighthouse-run.ts'
import type { LighthouseOutcome } from './lighthouse-run.ts'

const TARGETS = {
  /** One frame at 60 Hz. */
  panelOverheadP95Ms: 16.7,
  eventToScreenP95Ms: 16.7,
  bundleRatio: BUDGET_RATIO,
  heapGrowthMb: 5,
  lighthouseScore: 100,
} as const

/** The third party whose actions the panel learns of only through the hub. */
const OTHER_PARTY = 'sip:payment-system@domain.com'
/** Calls besides the panel's own that the heap run's events are about. */
const OTHER_CALLS = 200
/** Heap run: events applied in one go, and how far the page may fall behind before the next. */
const HEAP_BATCH = 500
const HEAP_MAX_BEHIND = 1000
/** How long the screen and the network must be still before the next sample. */
const QUIET_MS = 150
const SAMPLE_TIMEOUT_MS = 5000
const REST_SET_PATH = '/attendantservice/api/recording/set'

interface CliOptions {
  quick: boolean
  clicks?: number
  hubEvents?: number
  events?: number
  ownEvery: number
  latency: number
  lighthouse: boolean
  dist: string
  out: string
}

interface BenchOptions {
  quick: boolean
  clicks: number
  hubEvents: number
  events: number
  ownEvery: number
  latency: number
  lighthouse: boolean
  dist: string
  out: string
}

/** Commander prints usage errors and --help itself, and exits. */
function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const cli = new Command('bench')
    .description(
      'Agent panel: click→confirmed and event→screen latency, bundle ratio, heap growth, Lighthouse.',
    )
    .addOption(
      new Option(
        '--quick',
        'smoke run: 6 clicks, 6 hub events, 2,000 events, no Lighthouse',
      ).default(false),
    )
    .addOption(
      new Option('--clicks <n>', 'Pause/Resume clicks (default 60; 6 with --quick)').argParser(
        wholeNumber(2, 10_000),
      ),
    )
    .addOption(
      new Option(
        '--hub-events <n>',
        'Pause/Start by another party (default 60; 6 with --quick)',
      ).argParser(wholeNumber(2, 10_000)),
    )
    .addOption(
      new Option(
        '--events <n>',
        'events for the heap run (default 100000; 2000 with --quick)',
      ).argParser(wholeNumber(1, 10_000_000)),
    )
    .addOption(
      new Option('--own-every <n>', "heap run: every n-th event is for the panel's own call")
        .default(1000)
        .argParser(wholeNumber(1, 10_000_000)),
    )
    .addOption(
      new Option('--latency <ms>', "the simulator's REST latency")
        .default(50)
        .argParser(wholeNumber(0, 10_000)),
    )
    .addOption(new Option('--no-lighthouse', 'skip Lighthouse'))
    .addOption(
      new Option(
        '--dist <dir>',
        'the built panel to serve (the bundle figure always reads dist/)',
      ).default('dist'),
    )
    .addOption(
      new Option('--out <file>', 'where the JSON result goes').default(
        `${RESULTS_DIR}/latency.json`,
      ),
    )
    .allowExcessArguments(false)
    .parse([...argv], { from: 'user' })
  const options = cli.opts<CliOptions>()
  return {
    quick: options.quick,
    clicks: options.clicks ?? (options.quick ? 6 : 60),
    hubEvents: options.hubEvents ?? (options.quick ? 6 : 60),
    events: options.events ?? (options.quick ? 2000 : 100_000),
    ownEvery: options.ownEvery,
    latency: options.latency,
    lighthouse: options.lighthouse && !options.quick,
    dist: options.dist,
    out: options.out,
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers

interface Spread {
  samples: number
  p50: number | undefined
  p95: number | undefined
  max: number | undefined
}

function spread(values: readonly number[]): Spread {
  return {
    samples: values.length,
    p50: round(percentile(values, 50), 1),
    p95: round(percentile(values, 95), 1),
    max: round(values.length === 0 ? undefined : Math.max(...values), 1),
  }
}

function pair(value: Spread | undefined): string | undefined {
  if (!value || value.samples === 0) return undefined
  return `${value.p50 ?? '—'} / ${value.p95 ?? '—'}`
}

function difference(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : round(a - b, 1)
}

function atLeast(value: number | undefined, min: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return Verdict.Unknown
  return value >= min ? Verdict.Pass : Verdict.Miss
}

function describeError(error: unknown): string {
  if (error instanceof BenchSetupError) return error.message
  if (!(error instanceof Error)) return String(error)
  const text = error.message
  const callLog = text.indexOf('Call log:')
  return (callLog === -1 ? text : text.slice(0, callLog)).trim()
}

/** A section of the run: its result, or why it could not be measured. */
type Section<T> = { ok: true; value: T } | { ok: false; error: string }

async function section<T>(name: string, run: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    if (error instanceof BenchSetupError) throw error
    console.error(`  ${name}: could not measure: ${describeError(error)}`)
    return { ok: false, error: describeError(error) }
  }
}

function valueOf<T>(result: Section<T> | undefined): T | undefined {
  return result?.ok ? result.value : undefined
}

async function postJson(url: string, body: unknown): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(10_000),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`POST ${url}: ${response.status} ${text.slice(0, 200)}`)
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

// ---------------------------------------------------------------------------------------------
// The page

interface PageLogs {
  fetches: FetchRecord[]
  frames: FrameRecord[]
  screen: ScreenRecord[]
  clicks: ClickRecord[]
}

function agentUrl(sim: Simulator): string {
  const query = new URLSearchParams({
    ucc: DEFAULT_UCC,
    correlationId: DEFAULT_CALL_ID,
    agent: DEFAULT_AGENT,
  })
  return `${sim.url}/?${query.toString()}`
}

/**
 * tsx (esbuild's keepNames) wraps named functions in `__name(…)`, which the page does not have:
 * every function sent to the page runs with a local stand-in for it.
 */
function pageScript(source: string, argument: string): string {
  return `(() => { const __name = (target) => target; return (${source})(${argument}) })()`
}

function inPage<A, R>(page: Page, fn: (argument: A) => R, argument: A): Promise<Awaited<R>> {
  return page.evaluate(
    pageScript(fn.toString(), JSON.stringify(argument) ?? 'undefined'),
  ) as Promise<Awaited<R>>
}

/** Runs `fn` with the probe in the page (there is one once openPanel has returned). */
function probeCall<T>(page: Page, fn: (probe: ProbeState) => T): Promise<Awaited<T>> {
  return page.evaluate(pageScript(fn.toString(), 'window.__latencyProbe')) as Promise<Awaited<T>>
}

async function takeLogs(page: Page): Promise<PageLogs> {
  return probeCall(page, (probe): PageLogs => {
    const logs = {
      fetches: probe.fetches,
      frames: probe.frames,
      screen: probe.screen,
      clicks: probe.clicks,
    }
    probe.clear()
    return logs
  })
}

async function clearLogs(page: Page): Promise<void> {
  await probeCall(page, (probe) => probe.clear())
}

async function currentState(page: Page): Promise<{ state: string | null; stale: boolean }> {
  return probeCall(page, (probe) => probe.current())
}

/**
 * Waits (in the page, bounded) until the recording state shows `expected`, confirmed, with no
 * REST request open and nothing changed for `quietMs`: the panel has settled.
 */
async function waitSettled(
  page: Page,
  expected: string,
  timeoutMs = SAMPLE_TIMEOUT_MS,
  quietMs = QUIET_MS,
): Promise<boolean> {
  return inPage(
    page,
    ({ expected, timeoutMs, quietMs }: { expected: string; timeoutMs: number; quietMs: number }) =>
      new Promise<boolean>((resolve) => {
        const started = performance.now()
        const check = () => {
          const probe = (window as ProbeWindow).__latencyProbe
          const now = performance.now()
          if (probe) {
            const shown = probe.current()
            if (
              shown.state === expected &&
              !shown.stale &&
              probe.inFlight === 0 &&
              now - probe.lastActivityAt >= quietMs
            )
              return resolve(true)
          }
          if (now - started >= timeoutMs) return resolve(false)
          setTimeout(check, 10)
        }
        check()
      }),
    { expected, timeoutMs, quietMs },
  )
}

async function openPanel(browser: Browser, sim: Simulator): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 400, height: 900 } })
  await page.addInitScript({
    content: pageScript(
      installProbe.toString(),
      JSON.stringify({ ownCallId: DEFAULT_CALL_ID, eventTarget: RECORDING_STATE_CHANGED_EVENT }),
    ),
  })
  await page.goto(agentUrl(sim), { timeout: 30_000 })
  const ready = await waitFor(
    () =>
      inPage(
        page,
        () => {
          const hub = document
            .querySelector('[data-testid="hub-state"]')
            ?.getAttribute('data-state')
          const shown = (window as ProbeWindow).__latencyProbe?.current()
          const pause = document.querySelector<HTMLButtonElement>('[data-testid="action-pause"]')
          return (
            hub === 'Connected' &&
            shown?.state === 'Started' &&
            !shown.stale &&
            !!pause &&
            !pause.disabled
          )
        },
        undefined,
      ),
    20_000,
    100,
  )
  if (!ready) {
    const shown = await currentState(page).catch(() => undefined)
    throw new BenchSetupError(
      `The agent panel did not become ready (hub Connected, recording Started and confirmed, Pause enabled) within 20 s at ${agentUrl(sim)}; it shows ${JSON.stringify(shown)}. Is dist/ a build of this panel?`,
    )
  }
  const sockets = await probeCall(page, (probe) => probe.socketsWrapped)
  if (sockets < 1) {
    throw new BenchSetupError(
      'The panel is connected, but not over a WebSocket the probe could wrap (SSE or long polling?); event timings would be missing.',
    )
  }
  return page
}

// ---------------------------------------------------------------------------------------------
// 1. Click → confirmed, and the bare POST

interface ClickSample {
  action: 'pause' | 'resume'
  clickToConfirmedMs: number
  clickToShownMs: number | undefined
  postRoundTripMs: number
  /** Click → the panel's POST leaves. */
  clickToPostMs: number
  /** POST body read → confirmed state on screen. */
  postReadToConfirmedMs: number
  /** (click → confirmed) − this click's own POST round trip. */
  pairedOverheadMs: number
  confirmedToNextFrameMs: number | undefined
  /** Which answer the confirmed state came from: the POST's, or a GET after it. */
  confirmedBy: 'post' | 'get'
  eventBeforePostAnswer: boolean | undefined
  /** The own call's event (the echo of this action) arrived → the POST's headers / body were read. */
  eventToPostHeadersMs: number | undefined
  eventToPostReadMs: number | undefined
  /** The hub client's synchronous handler for that event. */
  echoHandlerMs: number | undefined
  /** That event → the action's state first on screen (as "not confirmed" when the event came first). */
  echoToShownMs: number | undefined
  /** The echo was rendered first, as "not confirmed", before the POST answer confirmed it… */
  staleShownFirst: boolean
  /** …and a frame ran while it was shown (the agent could see it). */
  stalePainted: boolean
  /** The echo's GET was sent before the POST answer was read. */
  getBeforePostRead: boolean
  getsUntilSettled: number
  /** Times the state went back to "not confirmed" after it had been confirmed, and for how long. */
  staleAgainAfterConfirmed: number
  staleAgainMs: number
  settled: boolean
}

interface BareSample {
  roundTripMs: number
  status: number
}

function isOwnStateGet(record: FetchRecord): boolean {
  return (
    record.method === 'GET' &&
    record.path.includes('/recording/') &&
    record.path.toLowerCase().endsWith(`/${DEFAULT_CALL_ID}`)
  )
}

function staleAgain(screen: readonly ScreenRecord[], after: ScreenRecord) {
  let count = 0
  let total = 0
  const rest = screen.filter((record) => record.at > after.at)
  rest.forEach((record, index) => {
    if (!record.stale) return
    count += 1
    const next = rest.slice(index + 1).find((later) => !later.stale)
    total += (next?.at ?? record.at) - record.at
  })
  return { count, ms: round(total, 1) ?? 0 }
}

function analyseClick(
  logs: PageLogs,
  action: ClickSample['action'],
  expected: string,
  settled: boolean,
): ClickSample | string {
  const click = logs.clicks.find((record) => record.testId === `action-${action}`)
  if (!click) return 'no click recorded'
  const post = logs.fetches.find(
    (record) =>
      record.method === 'POST' &&
      record.path.endsWith('/recording/set') &&
      record.sentAt >= click.at,
  )
  if (!post || post.bodyReadAt === undefined) return 'no POST answered'
  const confirmed = logs.screen.find(
    (record) => record.at >= click.at && record.state === expected && !record.stale,
  )
  if (!confirmed) return `never showed ${expected} confirmed`
  const shown = logs.screen.find((record) => record.at >= click.at && record.state === expected)
  const gets = logs.fetches.filter((record) => isOwnStateGet(record) && record.sentAt >= click.at)
  const getAnswered = gets.some(
    (record) =>
      record.bodyReadAt !== undefined &&
      record.bodyReadAt >= (post.bodyReadAt ?? 0) &&
      record.bodyReadAt <= confirmed.at,
  )
  const frame = logs.frames.find((record) => record.at >= click.at)
  const again = staleAgain(logs.screen, confirmed)
  const clickToConfirmed = confirmed.at - click.at
  const postRoundTrip = post.bodyReadAt - post.sentAt
  return {
    action,
    clickToConfirmedMs: clickToConfirmed,
    clickToShownMs: shown ? shown.at - click.at : undefined,
    postRoundTripMs: postRoundTrip,
    clickToPostMs: post.sentAt - click.at,
    postReadToConfirmedMs: confirmed.at - post.bodyReadAt,
    pairedOverheadMs: clickToConfirmed - postRoundTrip,
    confirmedToNextFrameMs:
      confirmed.frameAt === undefined ? undefined : confirmed.frameAt - confirmed.at,
    confirmedBy: getAnswered ? 'get' : 'post',
    eventBeforePostAnswer: frame ? frame.at < post.bodyReadAt : undefined,
    eventToPostHeadersMs:
      frame && post.headersAt !== undefined ? post.headersAt - frame.at : undefined,
    eventToPostReadMs: frame ? post.bodyReadAt - frame.at : undefined,
    echoHandlerMs: frame?.handlerDoneAt === undefined ? undefined : frame.handlerDoneAt - frame.at,
    echoToShownMs: frame && shown ? shown.at - frame.at : undefined,
    staleShownFirst: shown !== undefined && shown.stale && shown.at < confirmed.at,
    stalePainted:
      shown !== undefined &&
      shown.stale &&
      shown.frameAt !== undefined &&
      shown.frameAt < confirmed.at,
    getBeforePostRead: gets.some((record) => record.sentAt < (post.bodyReadAt ?? 0)),
    getsUntilSettled: gets.length,
    staleAgainAfterConfirmed: again.count,
    staleAgainMs: again.ms,
    settled,
  }
}

async function bareCall(sim: Simulator): Promise<string> {
  const call = (await postJson(`${sim.controlUrl}/calls`, { ucc: DEFAULT_UCC })) as {
    correlationId?: string
  }
  if (!call.correlationId) throw new BenchSetupError('The simulator did not create a call.')
  return call.correlationId
}

async function measureClicks(page: Page, options: BenchOptions, bareCallId: string) {
  const clicks: ClickSample[] = []
  const bare: BareSample[] = []
  /** (click → confirmed) − the bare POST measured right after that click. */
  const adjacent: number[] = []
  const problems: string[] = []
  for (let index = 0; index < options.clicks; index += 1) {
    const shown = await currentState(page)
    const action = shown.state === 'Paused' ? 'resume' : 'pause'
    const expected = action === 'pause' ? 'Paused' : 'Started'
    await clearLogs(page)
    await page.locator(`[data-testid="action-${action}"]`).click({ timeout: SAMPLE_TIMEOUT_MS })
    const settled = await waitSettled(page, expected)
    const sample = analyseClick(await takeLogs(page), action, expected, settled)
    if (typeof sample === 'string') problems.push(`click ${index + 1} (${action}): ${sample}`)
    else clicks.push(sample)
    const clickSample = typeof sample === 'string' ? undefined : sample
    if (!settled) {
      problems.push(`click ${index + 1} (${action}): did not settle within ${SAMPLE_TIMEOUT_MS} ms`)
      await waitSettled(page, expected, 10_000)
    }

    // The bare round trip, same page, same moment: Mark/UnMark on another call.
    const seen = await probeCall(page, (probe) => probe.eventsSeen)
    const result = await inPage(
      page,
      ({ path, body }: { path: string; body: unknown }) =>
        (window as ProbeWindow).__latencyProbe?.bareSet(path, body),
      {
        path: REST_SET_PATH,
        body: {
          Action: index % 2 === 0 ? RecordingAction.Mark : RecordingAction.UnMark,
          RequesterSipUri: DEFAULT_AGENT,
          CorrelationId: bareCallId,
          UCCName: DEFAULT_UCC,
        },
      },
    )
    if (result) {
      const roundTrip = result.bodyReadAt - result.sentAt
      bare.push({ roundTripMs: roundTrip, status: result.status })
      if (clickSample) adjacent.push(clickSample.clickToConfirmedMs - roundTrip)
    }
    // Its event (ignored by the panel) lands before the next click.
    await waitFor(async () => (await probeCall(page, (probe) => probe.eventsSeen)) > seen, 2000, 10)
    await sleep(50)
  }
  if (clicks.length === 0) throw new Error(`no click could be measured: ${problems.join('; ')}`)

  const confirmed = spread(clicks.map((sample) => sample.clickToConfirmedMs))
  const barePost = spread(bare.map((sample) => sample.roundTripMs))
  return {
    clicks: clicks.length,
    clickToConfirmed: confirmed,
    barePost,
    overheadP50Ms: difference(confirmed.p50, barePost.p50),
    overheadP95Ms: difference(confirmed.p95, barePost.p95),
    adjacent: spread(adjacent),
    paired: spread(clicks.map((sample) => sample.pairedOverheadMs)),
    panelPost: spread(clicks.map((sample) => sample.postRoundTripMs)),
    clickToPost: spread(clicks.map((sample) => sample.clickToPostMs)),
    postReadToConfirmed: spread(clicks.map((sample) => sample.postReadToConfirmedMs)),
    confirmedToNextFrame: spread(
      clicks.flatMap((sample) =>
        sample.confirmedToNextFrameMs === undefined ? [] : [sample.confirmedToNextFrameMs],
      ),
    ),
    confirmedByGet: clicks.filter((sample) => sample.confirmedBy === 'get').length,
    eventBeforePostAnswer: clicks.filter((sample) => sample.eventBeforePostAnswer === true).length,
    eventToPostRead: spread(
      clicks.flatMap((sample) =>
        sample.eventToPostReadMs === undefined ? [] : [sample.eventToPostReadMs],
      ),
    ),
    echoHandler: spread(
      clicks.flatMap((sample) =>
        sample.echoHandlerMs === undefined ? [] : [sample.echoHandlerMs],
      ),
    ),
    echoToShown: spread(
      clicks.flatMap((sample) =>
        sample.echoToShownMs === undefined ? [] : [sample.echoToShownMs],
      ),
    ),
    staleShownFirst: clicks.filter((sample) => sample.staleShownFirst).length,
    stalePainted: clicks.filter((sample) => sample.stalePainted).length,
    getBeforePostRead: clicks.filter((sample) => sample.getBeforePostRead).length,
    getsPerClick: round(
      clicks.reduce((sum, sample) => sum + sample.getsUntilSettled, 0) / clicks.length,
      2,
    ),
    staleAgainClicks: clicks.filter((sample) => sample.staleAgainAfterConfirmed > 0).length,
    staleAgain: spread(
      clicks.filter((sample) => sample.staleAgainAfterConfirmed > 0).map((s) => s.staleAgainMs),
    ),
    problems,
    samples: clicks.map((sample) => ({
      ...sample,
      clickToConfirmedMs: round(sample.clickToConfirmedMs, 2),
      clickToShownMs: round(sample.clickToShownMs, 2),
      postRoundTripMs: round(sample.postRoundTripMs, 2),
      clickToPostMs: round(sample.clickToPostMs, 2),
      postReadToConfirmedMs: round(sample.postReadToConfirmedMs, 2),
      pairedOverheadMs: round(sample.pairedOverheadMs, 2),
      confirmedToNextFrameMs: round(sample.confirmedToNextFrameMs, 2),
      eventToPostHeadersMs: round(sample.eventToPostHeadersMs, 2),
      eventToPostReadMs: round(sample.eventToPostReadMs, 2),
      echoHandlerMs: round(sample.echoHandlerMs, 2),
      echoToShownMs: round(sample.echoToShownMs, 2),
    })),
    bareSamples: bare.map((sample) => ({ ...sample, roundTripMs: round(sample.roundTripMs, 2) })),
  }
}

// ---------------------------------------------------------------------------------------------
// 2. Hub event → screen

interface HubSample {
  action: 'Pause' | 'Start'
  eventToScreenMs: number
  eventToNextFrameMs: number | undefined
  eventToConfirmedMs: number | undefined
  /** Message queued by the browser → the probe ran (main thread busy?). */
  queuedMs: number
  /** The client's synchronous handler. */
  handlerMs: number | undefined
  /** The screen still showed the old state when the probe ran: the probe ran first. */
  orderingOk: boolean
  gets: number
}

function analyseHubEvent(
  logs: PageLogs,
  action: HubSample['action'],
  expected: string,
): HubSample | string {
  const frame = logs.frames[0]
  if (!frame) return 'no event arrived'
  const shown = logs.screen.find((record) => record.at >= frame.at && record.state === expected)
  if (!shown) return `never showed ${expected}`
  const confirmed = logs.screen.find(
    (record) => record.at >= frame.at && record.state === expected && !record.stale,
  )
  return {
    action,
    eventToScreenMs: shown.at - frame.at,
    eventToNextFrameMs: shown.frameAt === undefined ? undefined : shown.frameAt - frame.at,
    eventToConfirmedMs: confirmed ? confirmed.at - frame.at : undefined,
    queuedMs: frame.at - frame.timeStamp,
    handlerMs: frame.handlerDoneAt === undefined ? undefined : frame.handlerDoneAt - frame.at,
    orderingOk:
      frame.stateAtArrival !== expected &&
      !logs.screen.some((record) => record.state === expected && record.at < frame.at),
    gets: logs.fetches.filter((record) => isOwnStateGet(record) && record.sentAt >= frame.at)
      .length,
  }
}

async function measureHubEvents(page: Page, sim: Simulator, options: BenchOptions) {
  const samples: HubSample[] = []
  const problems: string[] = []
  const url = `${sim.controlUrl}/calls/${encodeURIComponent(DEFAULT_UCC)}/${DEFAULT_CALL_ID}/action`
  for (let index = 0; index < options.hubEvents; index += 1) {
    const shown = await currentState(page)
    const action = shown.state === 'Paused' ? 'Start' : 'Pause'
    const expected = action === 'Pause' ? 'Paused' : 'Started'
    await clearLogs(page)
    await postJson(url, { action, requester: OTHER_PARTY })
    const settled = await waitSettled(page, expected)
    const sample = analyseHubEvent(await takeLogs(page), action, expected)
    if (typeof sample === 'string') problems.push(`event ${index + 1} (${action}): ${sample}`)
    else samples.push(sample)
    if (!settled) {
      problems.push(`event ${index + 1} (${action}): did not settle within ${SAMPLE_TIMEOUT_MS} ms`)
      await waitSettled(page, expected, 10_000)
    }
    await sleep(20)
  }
  if (samples.length === 0) throw new Error(`no event could be measured: ${problems.join('; ')}`)
  const confirmedTimes = samples.flatMap((sample) =>
    sample.eventToConfirmedMs === undefined ? [] : [sample.eventToConfirmedMs],
  )
  return {
    events: samples.length,
    eventToScreen: spread(samples.map((sample) => sample.eventToScreenMs)),
    eventToNextFrame: spread(
      samples.flatMap((sample) =>
        sample.eventToNextFrameMs === undefined ? [] : [sample.eventToNextFrameMs],
      ),
    ),
    eventToConfirmed: spread(confirmedTimes),
    queued: spread(samples.map((sample) => sample.queuedMs)),
    handler: spread(
      samples.flatMap((sample) => (sample.handlerMs === undefined ? [] : [sample.handlerMs])),
    ),
    orderingOk: samples.filter((sample) => sample.orderingOk).length,
    getsPerEvent: round(samples.reduce((sum, sample) => sum + sample.gets, 0) / samples.length, 2),
    /** WebSockets the probe wrapped, and `message` listeners it could not run before. */
    probe: await probeCall(page, (probe) => ({
      socketsWrapped: probe.socketsWrapped,
      otherMessageListeners: probe.otherMessageListeners,
    })),
    problems,
    samples: samples.map((sample) => ({
      ...sample,
      eventToScreenMs: round(sample.eventToScreenMs, 2),
      eventToNextFrameMs: round(sample.eventToNextFrameMs, 2),
      eventToConfirmedMs: round(sample.eventToConfirmedMs, 2),
      queuedMs: round(sample.queuedMs, 2),
      handlerMs: round(sample.handlerMs, 2),
    })),
  }
}

// ---------------------------------------------------------------------------------------------
// 4. Heap over many events

async function otherCalls(sim: Simulator, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index += 1) {
    const call = (await postJson(`${sim.controlUrl}/calls`, {
      ucc: DEFAULT_UCC,
      silent: true,
    })) as { correlationId?: string }
    if (call.correlationId) ids.push(call.correlationId)
  }
  if (ids.length === 0)
    throw new BenchSetupError('The simulator created no calls for the heap run.')
  return ids
}

/** Each other call cycles through changes the recorder always allows from where it is. */
const OTHER_CYCLE = [
  RecordingAction.Pause,
  RecordingAction.Mark,
  RecordingAction.Start,
  RecordingAction.UnMark,
] as const

async function measureHeapGrowth(page: Page, sim: Simulator, options: BenchOptions, ids: string[]) {
  const steps = new Array<number>(ids.length).fill(0)
  let ownToggle = 0
  let ownEvents = 0
  let refused = 0
  const apply = (sequence: number) => {
    let request
    if (sequence % options.ownEvery === 0) {
      ownEvents += 1
      request = {
        uccName: DEFAULT_UCC,
        correlationId: DEFAULT_CALL_ID,
        action: ownToggle++ % 2 === 0 ? RecordingAction.Mark : RecordingAction.UnMark,
      }
    } else {
      const slot = sequence % ids.length
      const step = steps[slot] ?? 0
      steps[slot] = step + 1
      request = {
        uccName: DEFAULT_UCC,
        correlationId: ids[slot] ?? '',
        action: OTHER_CYCLE[step % OTHER_CYCLE.length] ?? RecordingAction.Mark,
      }
    }
    const result = performAction(sim.store, {
      ...request,
      requester: OTHER_PARTY,
      source: 'control',
      asAgent: false,
    })
    if (!result.ok) refused += 1
  }

  const shown = await currentState(page)
  await waitSettled(page, shown.state ?? 'Started', 10_000)
  await probeCall(page, (probe) => {
    probe.clear()
    probe.logging = false
  })
  await measureHeap(page)
  const before = await measureHeap(page)
  const seenBefore = await probeCall(page, (probe) => probe.eventsSeen)
  const received = async () => (await probeCall(page, (probe) => probe.eventsSeen)) - seenBefore

  const started = Date.now()
  const deadline = started + (options.quick ? 40_000 : 300_000)
  let sent = 0
  let lastReport = Date.now()
  while (sent < options.events && Date.now() < deadline) {
    const batch = Math.min(HEAP_BATCH, options.events - sent)
    for (let index = 1; index <= batch; index += 1) apply(sent + index)
    sent += batch
    await waitFor(
      async () => (await received()) >= sent - HEAP_MAX_BEHIND,
      Math.max(0, deadline - Date.now()),
      5,
    )
    if (Date.now() - lastReport > 10_000) {
      console.log(
        `  ${sent.toLocaleString('en')} of ${options.events.toLocaleString('en')} events sent`,
      )
      lastReport = Date.now()
    }
  }
  const allArrived = await waitFor(
    async () => (await received()) >= sent,
    Math.max(1000, deadline - Date.now()),
    20,
  )
  const arrived = await received()
  const seconds = (Date.now() - started) / 1000
  // Let the panel finish the GETs its own call's events asked for, then read the heap.
  const now = await currentState(page)
  await waitSettled(page, now.state ?? 'Started', 10_000, 500)
  await measureHeap(page)
  const after = await measureHeap(page)
  await probeCall(page, (probe) => {
    probe.logging = true
  })
  if (!before || !after) throw new Error('the JS heap could not be read')
  if (sent === 0) throw new Error('no event was sent')
  return {
    eventsSent: sent,
    eventsReceived: arrived,
    allArrived,
    ownCallEvents: ownEvents,
    refusedBySimulator: refused,
    seconds: round(seconds, 1),
    eventsPerSecond: round(arrived / seconds, 0),
    heapBeforeMb: megabytes(before.usedBytes),
    heapAfterMb: megabytes(after.usedBytes),
    heapGrowthMb: megabytes(after.usedBytes - before.usedBytes),
    heapGrowthBytes: after.usedBytes - before.usedBytes,
    method: after.method satisfies HeapReading['method'],
  }
}

// ---------------------------------------------------------------------------------------------
// The run

type ClickResult = Awaited<ReturnType<typeof measureClicks>>
type HubResult = Awaited<ReturnType<typeof measureHubEvents>>
type HeapResult = Awaited<ReturnType<typeof measureHeapGrowth>>
type BundleResult = { appBytes: number; floorBytes: number; ratio: number }

interface Results {
  clicks?: Section<ClickResult>
  hub?: Section<HubResult>
  bundle?: Section<BundleResult>
  heap?: Section<HeapResult>
  lighthouse?: Section<LighthouseOutcome>
}

function verdicts(results: Results) {
  const clicks = valueOf(results.clicks)
  const hub = valueOf(results.hub)
  const bundle = valueOf(results.bundle)
  const heap = valueOf(results.heap)
  const lighthouse = valueOf(results.lighthouse)
  return {
    panelOverheadP95: atMost(clicks?.overheadP95Ms, TARGETS.panelOverheadP95Ms),
    eventToScreenP95: atMost(hub?.eventToScreen.p95, TARGETS.eventToScreenP95Ms),
    bundleRatio: atMost(
      bundle === undefined ? undefined : round(bundle.ratio, 3),
      TARGETS.bundleRatio,
    ),
    heapGrowth: atMost(heap?.heapGrowthMb, TARGETS.heapGrowthMb),
    ...(results.lighthouse
      ? Object.fromEntries(
          LIGHTHOUSE_CATEGORIES.map((id) => [
            `lighthouse-${id}`,
            atLeast(lighthouse?.categories[id].score, TARGETS.lighthouseScore),
          ]),
        )
      : {}),
  } as Record<string, Verdict>
}

function table(
  options: BenchOptions,
  results: Results,
  verdict: Record<string, Verdict>,
): TableRow[] {
  const clicks = valueOf(results.clicks)
  const hub = valueOf(results.hub)
  const bundle = valueOf(results.bundle)
  const heap = valueOf(results.heap)
  const lighthouse = valueOf(results.lighthouse)
  const kb = (bytes: number | undefined) =>
    bytes === undefined ? undefined : `${(bytes / 1024).toFixed(1)} KB`
  const rows: TableRow[] = [
    {
      metric: `1. click → confirmed on screen, p50 / p95 (ms, ${clicks?.clicks ?? 0} clicks)`,
      value: pair(clicks?.clickToConfirmed),
    },
    { metric: '   bare POST round trip, same page, p50 / p95 (ms)', value: pair(clicks?.barePost) },
    {
      metric: '   panel overhead p50 / p95 (ms): p50 − p50, p95 − p95',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.overheadP50Ms ?? '—'} / ${clicks.overheadP95Ms ?? '—'}`,
      target: `p95 ≤ ${TARGETS.panelOverheadP95Ms}`,
      result: verdict.panelOverheadP95,
    },
    {
      metric: '   per click: (click → confirmed) − the bare POST after it, p50 / p95',
      value: pair(clicks?.adjacent),
    },
    {
      metric: "   the click's own POST round trip, p50 / p95 (ms)",
      value: pair(clicks?.panelPost),
    },
    {
      metric: '   per click: (click → confirmed) − its own POST, p50 / p95 (ms)',
      value: pair(clicks?.paired),
    },
    { metric: '     of which click → POST sent, p50 / p95 (ms)', value: pair(clicks?.clickToPost) },
    {
      metric: '     of which POST read → confirmed, p50 / p95 (ms)',
      value: pair(clicks?.postReadToConfirmed),
    },
    {
      metric: '   confirmed by the POST answer / by a GET',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.clicks - clicks.confirmedByGet} / ${clicks.confirmedByGet}`,
    },
    {
      metric: "   the action's own hub event arrived before the POST answer",
      value:
        clicks === undefined ? undefined : `${clicks.eventBeforePostAnswer} of ${clicks.clicks}`,
    },
    {
      metric: '     that event → POST answer read, p50 / p95 (ms)',
      value: pair(clicks?.eventToPostRead),
    },
    {
      metric: '     rendered "not confirmed" first; painted; its GET sent first',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.staleShownFirst}; ${clicks.stalePainted}; ${clicks.getBeforePostRead} of ${clicks.clicks}`,
    },
    { metric: '   GETs per click (until settled)', value: clicks?.getsPerClick },
    {
      metric: '   back to "not confirmed" after confirmed: clicks; p50 / p95 (ms)',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.staleAgainClicks} of ${clicks.clicks}${clicks.staleAgainClicks > 0 ? `; ${pair(clicks.staleAgain)}` : ''}`,
    },
    {
      metric: `2. hub event → screen, p50 / p95 (ms, ${hub?.events ?? 0} events)`,
      value: pair(hub?.eventToScreen),
      target: `p95 ≤ ${TARGETS.eventToScreenP95Ms}`,
      result: verdict.eventToScreenP95,
    },
    {
      metric: '   hub event → next frame after it, p50 / p95 (ms)',
      value: pair(hub?.eventToNextFrame),
    },
    {
      metric: '   hub event → confirmed (after the GET), p50 / p95 (ms)',
      value: pair(hub?.eventToConfirmed),
    },
    {
      metric: '   probe ran before the client (old state on screen); other listeners',
      value:
        hub === undefined
          ? undefined
          : `${hub.orderingOk} of ${hub.events}; ${hub.probe.otherMessageListeners}`,
    },
    {
      metric: '3. agent view initial JS gzip / dependency floor',
      value:
        bundle === undefined
          ? undefined
          : `${kb(bundle.appBytes)} / ${kb(bundle.floorBytes)} = ${bundle.ratio.toFixed(3)}`,
      target: `≤ ${TARGETS.bundleRatio}`,
      result: verdict.bundleRatio,
    },
    {
      metric: `4. JS heap before → after ${heap?.eventsReceived.toLocaleString('en') ?? options.events.toLocaleString('en')} events (MB, after GC)`,
      value: heap === undefined ? undefined : `${heap.heapBeforeMb} → ${heap.heapAfterMb}`,
    },
    {
      metric: '   JS heap growth (MB)',
      value: heap?.heapGrowthMb,
      target: `≤ ${TARGETS.heapGrowthMb}`,
      result: verdict.heapGrowth,
    },
    {
      metric: "   events delivered (1 in n for the panel's call); events/s",
      value:
        heap === undefined
          ? undefined
          : `${heap.eventsReceived.toLocaleString('en')} of ${heap.eventsSent.toLocaleString('en')} (1 in ${options.ownEvery.toLocaleString('en')}); ${heap.eventsPerSecond}/s`,
    },
  ]
  if (!results.lighthouse) {
    rows.push({ metric: '5. Lighthouse', value: 'skipped' })
  } else {
    for (const id of LIGHTHOUSE_CATEGORIES) {
      rows.push({
        metric: `5. Lighthouse ${id} (desktop)`,
        value: lighthouse?.categories[id].score,
        target: `${TARGETS.lighthouseScore}`,
        result: verdict[`lighthouse-${id}`],
      })
    }
  }
  return rows
}

function environment(browserVersion: string | undefined) {
  const cpuList = cpus()
  return {
    date: new Date().toISOString(),
    node: process.version,
    chromium: browserVersion,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCount: cpuList.length,
    loadAverage: loadavg().map((value) => round(value, 2) ?? 0),
  }
}

async function run(options: BenchOptions): Promise<number> {
  requireBuild(options.dist)
  const startedAt = environment(undefined)
  let sim: Simulator | undefined
  let browser: Browser | undefined
  const cleanUp = async () => {
    await browser?.close().catch(() => {})
    browser = undefined
    await sim?.close().catch(() => {})
    sim = undefined
  }
  const stopWatchdog = startWatchdog('bench', (options.quick ? 150 : 1200) * 1000, cleanUp)
  const results: Results = {}
  let browserVersion: string | undefined
  try {
    console.log(
      `bench: agent panel${options.quick ? ' (quick)' : ''}: ${options.clicks} clicks, ${options.hubEvents} hub events, ${options.events.toLocaleString('en')} events for the heap, simulator latency ${options.latency} ms${options.lighthouse ? ', Lighthouse' : ''}`,
    )
    console.log('  3. bundle: building the dependency floor')
    results.bundle = await section('bundle', async () => {
      const { app, floor, ratio } = await measureBundle()
      return { appBytes: app, floorBytes: floor, ratio }
    })

    sim = await startSimulator({ port: 0, staticDir: options.dist, latency: options.latency })
    const bareCallId = await bareCall(sim)
    const heapCalls = await otherCalls(sim, OTHER_CALLS)
    browser = await launchChromium()
    browserVersion = browser.version()
    console.log(`  simulator at ${sim.url}; opening ${agentUrl(sim)}`)
    const page = await openPanel(browser, sim)

    console.log(`  1. clicks: ${options.clicks} × Pause/Resume, with a bare POST after each`)
    results.clicks = await section('clicks', () => measureClicks(page, options, bareCallId))
    console.log(`  2. hub events: ${options.hubEvents} × Pause/Start by ${OTHER_PARTY}`)
    const currentSim = sim
    results.hub = await section('hub events', () => measureHubEvents(page, currentSim, options))
    console.log(`  4. heap: ${options.events.toLocaleString('en')} events`)
    results.heap = await section('heap', () =>
      measureHeapGrowth(page, currentSim, options, heapCalls),
    )
    await browser.close()
    browser = undefined

    if (options.lighthouse) {
      console.log('  5. Lighthouse (desktop)')
      results.lighthouse = await section('Lighthouse', () =>
        runLighthouse(agentUrl(currentSim), 180_000),
      )
    }
  } finally {
    stopWatchdog()
    await cleanUp()
  }

  const endedAt = environment(browserVersion)
  const verdict = verdicts(results)
  const cpu = `${endedAt.cpuModel} × ${endedAt.cpuCount}`
  console.log(
    `\n${endedAt.date}  Node ${endedAt.node}  Chromium ${browserVersion ?? '?'}  CPU ${cpu}  load average ${startedAt.loadAverage.join(' ')} (start), ${endedAt.loadAverage.join(' ')} (end)\n`,
  )
  console.log(`${formatTable(table(options, results, verdict))}\n`)

  const lighthouse = valueOf(results.lighthouse)
  if (lighthouse) {
    for (const id of LIGHTHOUSE_CATEGORIES) {
      const category = lighthouse.categories[id]
      if (category.score === undefined || category.score >= TARGETS.lighthouseScore) continue
      console.log(`Lighthouse ${id} ${category.score}: audits below full marks`)
      for (const audit of category.failing) {
        const detail = [
          audit.score === undefined ? 'failed' : `score ${audit.score}`,
          audit.displayValue,
          audit.weight > 0 ? `weight ${audit.weight}` : 'not weighted',
        ]
          .filter(Boolean)
          .join(', ')
        console.log(`  ${audit.id}: ${audit.title} (${detail})`)
      }
    }
    if (lighthouse.runWarnings.length > 0)
      console.log(`Lighthouse warnings: ${lighthouse.runWarnings.join(' | ')}`)
    if (lighthouse.runtimeError) console.log(`Lighthouse runtime error: ${lighthouse.runtimeError}`)
  }
  for (const problem of [
    ...(valueOf(results.clicks)?.problems ?? []),
    ...(valueOf(results.hub)?.problems ?? []),
  ])
    console.log(`note: ${problem}`)
  const heap = valueOf(results.heap)
  if (heap && !heap.allArrived)
    console.log(
      `note: only ${heap.eventsReceived} of ${heap.eventsSent} events reached the page in time`,
    )

  const failed = Object.entries(results).filter(
    (entry): entry is [string, { ok: false; error: string }] => !(entry[1] as Section<unknown>).ok,
  )
  for (const [name, result] of failed) console.log(`not measured: ${name}: ${result.error}`)
  const misses = Object.entries(verdict).filter(([, value]) => value === Verdict.Miss)
  console.log(
    misses.length === 0
      ? 'All measured targets met.'
      : `Missed: ${misses.map(([name]) => name).join(', ')}.`,
  )

  await writeJson(options.out, {
    benchmark: 'latency',
    environment: { ...endedAt, loadAverageAtStart: startedAt.loadAverage },
    options,
    targets: TARGETS,
    verdict,
    results,
  })
  console.log(`Written to ${options.out}`)
  return failed.length > 0 ? 1 : 0
}

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2))
  try {
    process.exit(await run(options))
  } catch (error) {
    console.error(`bench: ${describeError(error)}`)
    process.exit(1)
  }
}

await main()
