// `npm run soak -- --minutes 10`: the panel (agent views and the supervisor board) in headless
// Chromium for minutes on end, against an in-process simulator that injects random faults while
// other parties change the calls, checking the PCI invariant ten times a second:
//
//   a page never shows a confirmed Paused (no data-stale) for a call whose recorder is not Paused,
//   nor a confirmed Started for one whose recorder is Paused, once the true state has held for
//   more than 1 s and the page's hub has said Connected for more than 1 s.
//
// One agent page per call and a board watching them all (ids pasted). Other parties act on the
// calls every 0.3–2 s; the agents click Pause/Resume (now and then the shortcut, or a reload); a
// supervisor resumes or marks from the board. Every 1.5–5 s a fault: hub drops, Close with and
// without allowReconnect, negotiation refused, bad answers (5xx, 401, non-JSON, malformed JSON,
// another shape; for set also after the change took effect), latency spikes, hung requests, late
// and duplicate events, and slow answers (the server acts at once, the page gets the answer
// seconds later; for set sometimes with a hub outage behind it in which another party reverses
// the action). Each page records its hub state, shown values, requests and hub frames
// (bench/soak-page.ts), so the first violations are printed with what led to them.
//
// Every change in the main run is announced (an event, perhaps lost in a hub outage) or made
// through the API. A separate "silent" call, changed with no event at all, is counted apart, for
// information: no page can know of such a change until its next read.
//
// Needs `npm run build` first. Prints each fault as it is injected, a line a minute and a summary;
// writes bench-results/soak.json. Exit code 0 with no violation and no page error, 1 otherwise
// (and 1 when it could not run), so CI can use `npm run soak -- --minutes 0.5` as a smoke test.
import { Command, InvalidArgumentError, Option } from 'commander'
import type { Browser, BrowserContext, Page, Route } from '@playwright/test'
import { MarkingState, RecordingState } from '../src/api/wire.ts'
import { DEFAULT_AGENT, DEFAULT_UCC } from '../simulator/default-data.ts'
import { between, chance, createRandom, pick } from '../simulator/random.ts'
import type { Random } from '../simulator/random.ts'
import { startSimulator } from '../simulator/server.ts'
import type { Simulator } from '../simulator/server.ts'
import {
  BenchSetupError,
  RESULTS_DIR,
  Verdict,
  atMost,
  formatTable,
  launchChromium,
  percentile,
  requireBuild,
  round,
  sleep,
  waitFor,
  writeJson,
  startWatchdog,
  wholeNumber,
} from './lib.ts'
import type { TableRow } from './lib.ts'
import {
  GRACE_MS,
  TruthTracker,
  ViolationKind,
  callKey,
  isViolation,
  judge,
  recordingStateName,
} from './soak-judge.ts'
import type { Outcome, TruthChange } from './soak-judge.ts'
import { SOAK_PAGE_SCRIPT, readPage, readPageContext } from './soak-page.ts'
import type { PageContext, PageSample, ShownRow } from './soak-page.ts'

const SECOND_UCC = 'ucc-soak-b'
const UCCS = [DEFAULT_UCC, SECOND_UCC] as const
const AGENT = DEFAULT_AGENT
const OTHER_PARTY = 'sip:payment-system@domain.com'
const SAMPLE_INTERVAL_MS = 100
/** Violations (and other disagreements) logged in full, with what led to them. */
const DETAILED = 5
const EPISODES_KEPT = 200
/** How long after the faults stop every page must show every call confirmed and true. */
const RECOVERY_LIMIT_MS = 45_000
const READY_TIMEOUT_MS = 30_000
const EVALUATE_TIMEOUT_MS = 5_000
const CONTEXT_WINDOW_MS = 15_000

// The faults, and how often each is drawn.
const FaultKind = {
  Drop: 'drop-connections',
  Close: 'close',
  CloseReconnect: 'close-allow-reconnect',
  RefuseNegotiation: 'refuse-negotiation',
  Reply: 'bad-answers',
  Latency: 'latency-spike',
  Hang: 'hang',
  OutOfOrder: 'out-of-order-event',
  Duplicate: 'duplicate-event',
  SlowAnswer: 'slow-answer',
} as const
type FaultKind = (typeof FaultKind)[keyof typeof FaultKind]

const FAULT_WEIGHTS: readonly (readonly [FaultKind, number])[] = [
  [FaultKind.Drop, 2],
  [FaultKind.Close, 1],
  [FaultKind.CloseReconnect, 1],
  [FaultKind.RefuseNegotiation, 1],
  [FaultKind.Reply, 4],
  [FaultKind.Latency, 2],
  [FaultKind.Hang, 1],
  [FaultKind.OutOfOrder, 2],
  [FaultKind.Duplicate, 2],
  [FaultKind.SlowAnswer, 2],
]

interface SoakOptions {
  minutes: number
  seed: number
  calls: number
  board: boolean
  silent: boolean
  dist: string
  out: string
  skip: FaultKind[]
}

function positiveMinutes(value: string): number {
  const number = Number(value)
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number > 24 * 60)
    throw new InvalidArgumentError('Expected minutes above 0 (fractions allowed), at most 1440.')
  return number
}

function faultKinds(value: string): FaultKind[] {
  const known = Object.values(FaultKind) as string[]
  const kinds = value
    .split(',')
    .map((kind) => kind.trim())
    .filter(Boolean)
  const unknown = kinds.filter((kind) => !known.includes(kind))
  if (unknown.length > 0)
    throw new InvalidArgumentError(
      `Unknown fault kind ${unknown.join(', ')}; expected some of ${known.join(', ')}.`,
    )
  return kinds as FaultKind[]
}

/** Commander prints usage errors and --help itself, and exits. */
function parseSoakArgs(argv: readonly string[]): SoakOptions {
  return new Command('soak')
    .description(
      'The panel under random faults for minutes on end, checking that it never shows a confirmed ' +
        'Paused while the recorder runs (nor a confirmed Started while it is paused).',
    )
    .addOption(
      new Option('--minutes <n>', 'length of the soak (fractions allowed: 0.5 for a smoke test)')
        .default(10)
        .argParser(positiveMinutes),
    )
    .addOption(
      new Option(
        '--seed <n>',
        'seed of the random choices (the timing still varies from run to run)',
      )
        .default(Math.floor(Math.random() * 2 ** 31), 'random')
        .argParser(wholeNumber(0, 2 ** 32 - 1)),
    )
    .addOption(
      new Option('--calls <n>', 'calls under test, one agent page each (the board watches all)')
        .default(6)
        .argParser(wholeNumber(1, 16)),
    )
    .option('--no-board', 'no supervisor board page')
    .option('--no-silent', 'no extra call changed silently (the information-only counter)')
    .addOption(
      new Option(
        '--skip <kinds>',
        `fault kinds not to inject (comma-separated: ${Object.values(FaultKind).join(', ')})`,
      )
        .default([], 'none')
        .argParser(faultKinds),
    )
    .addOption(new Option('--dist <dir>', 'the built panel to serve').default('dist'))
    .addOption(
      new Option('--out <file>', 'where the JSON result goes').default(`${RESULTS_DIR}/soak.json`),
    )
    .allowExcessArguments(false)
    .parse([...argv], { from: 'user' })
    .opts<SoakOptions>()
}

// ---------------------------------------------------------------------------------------------
// Time and logging

let soakStart = Date.now()

/** Seconds since the soak began, as `t+12.3s`. */
function rel(at: number): string {
  return `t+${((at - soakStart) / 1000).toFixed(1)}s`
}

function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 23)
}

function stamp(at = Date.now()): string {
  return `${rel(at).padEnd(9)} ${clockTime(at)}`
}

function shortCall(call: { uccName: string; correlationId: string }): string {
  return `${call.uccName}/${call.correlationId.slice(0, 8)}`
}

// ---------------------------------------------------------------------------------------------
// The simulator's control API

type Control = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: unknown }>

function controlClient(controlUrl: string): Control {
  return async (method, path, body) => {
    const response = await fetch(`${controlUrl}${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(10_000),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // kept as text
    }
    return { status: response.status, body: parsed }
  }
}

async function controlOk(control: Control, method: string, path: string, body?: unknown) {
  const answer = await control(method, path, body)
  if (answer.status >= 300)
    throw new BenchSetupError(
      `${method} /__sim${path}: ${answer.status} ${JSON.stringify(answer.body)}`,
    )
  return answer.body
}

// ---------------------------------------------------------------------------------------------
// What is under test

interface SoakCall {
  uccName: string
  correlationId: string
  key: string
  /** Changed only silently (no event): counted apart, for information. */
  silent: boolean
}

interface PageStats {
  samples: number
  stale: number
  settled: number
  violations: number
  sampleErrors: number
  missingRows: number
  reloads: number
  /** The longest the hub indicator said anything but Connected, and the longest a call stayed stale. */
  longestHubDownMs: number
  longestStaleMs: number
  hubDownSince: number | null
}

interface Watched {
  name: string
  kind: 'agent' | 'board'
  page: Page
  /** The agent view's call; the board shows all of them. */
  call?: SoakCall
  stats: PageStats
}

function newPageStats(): PageStats {
  return {
    samples: 0,
    stale: 0,
    settled: 0,
    violations: 0,
    sampleErrors: 0,
    missingRows: 0,
    reloads: 0,
    longestHubDownMs: 0,
    longestStaleMs: 0,
    hubDownSince: null,
  }
}

function agentUrl(sim: Simulator, call: SoakCall): string {
  const query = new URLSearchParams({
    ucc: call.uccName,
    correlationId: call.correlationId,
    agent: AGENT,
  })
  return `${sim.url}/?${query.toString()}`
}

function boardUrl(sim: Simulator): string {
  return `${sim.url}/?view=board&ucc=${UCCS.map(encodeURIComponent).join(',')}`
}

// ---------------------------------------------------------------------------------------------
// Counters and logs

const REPLY_VARIANTS: readonly {
  name: string
  status: number
  body?: string | object
  contentType?: string
}[] = [
  { name: '500', status: 500 },
  {
    name: '502 html',
    status: 502,
    body: '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
    contentType: 'text/html',
  },
  { name: '503 text', status: 503, body: 'Service Unavailable', contentType: 'text/plain' },
  {
    name: '401',
    status: 401,
    body: { Message: 'Authorization has been denied for this request.' },
  },
  {
    name: '200 non-JSON',
    status: 200,
    body: '<!doctype html><title>Sign in</title><form action="/login"><input name="user"></form>',
    contentType: 'text/html',
  },
  {
    name: '200 malformed JSON',
    status: 200,
    body: '{"CorrelationId": "x", "RecordingState": 3, "MarkingState": ',
    contentType: 'application/json',
  },
  { name: '200 other shape', status: 200, body: { ok: true, queued: 1 } },
]

type RestEndpoint = 'state' | 'set' | 'capabilities'

interface SlowAnswers {
  endpoint: RestEndpoint
  remaining: number
  delayMs: number
  /** For set: right after the server applied it, a short hub outage in which another party reverses it. */
  outage: boolean
}

function restEndpoint(url: string): RestEndpoint {
  const path = new URL(url).pathname
  if (path.endsWith('/set')) return 'set'
  return path.includes('/capabilities/') ? 'capabilities' : 'state'
}

interface LogEntry {
  at: number
  what: string
  detail: string
  /** The call it concerns, if one. */
  call?: string
  /** The page it concerns, if one. */
  page?: string
}

interface ViolationRecord {
  kind: Outcome
  at: number
  page: string
  call: string
  shown: string | null
  truth: string
  truthHeldMs: number
  hubConnectedMs: number | null
  samplesInEpisode: number
  /** When a sample first showed something else (Date.now()), and what; absent while it lasts. */
  endedAt?: number
  endedShowing?: string
  context?: unknown
}

class Ring<T> {
  readonly items: T[] = []
  constructor(private readonly size: number) {}
  push(item: T): void {
    this.items.push(item)
    if (this.items.length > this.size) this.items.splice(0, this.items.length - this.size)
  }
  since(at: number, pickAt: (item: T) => number): T[] {
    return this.items.filter((item) => pickAt(item) >= at)
  }
}

function emptyViolationCounts(): Record<ViolationKind, number> {
  return { [ViolationKind.PausedWhileNotPaused]: 0, [ViolationKind.StartedWhilePaused]: 0 }
}

function createCounters() {
  return {
    ticks: 0,
    samples: 0,
    settled: 0,
    stale: 0,
    agrees: 0,
    unsettled: 0,
    mismatches: 0,
    mismatchEpisodes: 0,
    violations: emptyViolationCounts(),
    violationEpisodes: emptyViolationCounts(),
    faults: Object.fromEntries(Object.values(FaultKind).map((kind) => [kind, 0])) as Record<
      FaultKind,
      number
    >,
    faultVariants: {} as Record<string, number>,
    actions: {} as Record<string, number>,
    actionsRefused: 0,
    actionErrors: 0,
    clicks: { pause: 0, resume: 0, shortcut: 0, nothingEnabled: 0, failed: 0, reloads: 0 },
    supervisor: { resume: 0, mark: 0, nothingEnabled: 0, failed: 0 },
    slowAnswersDelivered: 0,
    pageErrors: 0,
    consoleErrors: 0,
    sampleErrors: 0,
    boardRowsMissing: 0,
    silent: {
      changes: 0,
      samples: 0,
      settled: 0,
      contradicted: 0,
      violations: 0,
      longestContradictionMs: 0,
    },
  }
}

function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1
}

function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = random.next() * total
  for (const [choice, weight] of choices) {
    roll -= weight
    if (roll < 0) return choice
  }
  const last = choices.at(-1)
  if (!last) throw new Error('weighted pick from an empty list')
  return last[0]
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}

// ---------------------------------------------------------------------------------------------
// The run

class Soak {
  readonly counters = createCounters()
  readonly tracker = new TruthTracker()
  readonly faultLog: LogEntry[] = []
  readonly actionLog = new Ring<LogEntry>(3000)
  readonly clickLog = new Ring<LogEntry>(3000)
  readonly silentLog: LogEntry[] = []
  readonly violations: ViolationRecord[] = []
  readonly mismatches: ViolationRecord[] = []
  readonly pageErrors: { at: number; page: string; message: string }[] = []
  readonly consoleErrors = new Map<string, number>()
  readonly watched: Watched[] = []
  readonly calls: SoakCall[] = []
  private readonly lastOutcome = new Map<string, { outcome: Outcome; record?: ViolationRecord }>()
  private readonly silentStretch = new Map<string, number>()
  private readonly staleSince = new Map<string, number>()
  /** Per page and call: the true change not yet shown confirmed, and the last one seen. */
  private readonly pendingChange = new Map<string, number>()
  private readonly seenChange = new Map<string, number>()
  /** From a recorder change to the first sample showing it confirmed, per kind of page. */
  readonly convergenceMs: Record<Watched['kind'], number[]> = { agent: [], board: [] }
  convergenceSuperseded = 0
  private readonly contextCaptures: Promise<void>[] = []
  private endAt = 0
  private stopping = false
  private latencyReset: ReturnType<typeof setTimeout> | undefined
  private readonly faultWeights: readonly (readonly [FaultKind, number])[]
  /** Armed by a slow-answer fault: the next answers of this endpoint reach the page late. */
  private slow: SlowAnswers | undefined
  private readonly slowDeliveries = new Set<Promise<void>>()

  constructor(
    readonly options: SoakOptions,
    readonly sim: Simulator,
    readonly control: Control,
    readonly random: Random,
  ) {
    this.faultWeights = FAULT_WEIGHTS.filter(([kind]) => !options.skip.includes(kind))
  }

  get mainCalls(): SoakCall[] {
    return this.calls.filter((call) => !call.silent)
  }

  get silentCall(): SoakCall | undefined {
    return this.calls.find((call) => call.silent)
  }

  private running(): boolean {
    return !this.stopping && Date.now() < this.endAt
  }

  stopEarly(): void {
    this.stopping = true
  }

  // Setup

  trackTruth(): void {
    this.sim.store.onChange((change) => {
      const entry: TruthChange = {
        at: Date.now(),
        recording: recordingStateName(change.recordingState),
        action: change.action,
        stateAction: change.stateAction,
        source: change.source,
        requester: change.requester,
        event: change.event,
      }
      this.tracker.record(callKey(change.uccName, change.correlationId), entry)
    })
  }

  async createCalls(): Promise<void> {
    await controlOk(this.control, 'POST', '/uccs', { name: SECOND_UCC, agents: [AGENT] })
    const total = this.options.calls + (this.options.silent ? 1 : 0)
    for (let index = 0; index < total; index += 1) {
      const silent = index === this.options.calls
      const uccName = silent ? DEFAULT_UCC : (UCCS[index % UCCS.length] ?? DEFAULT_UCC)
      const correlationId = this.random.uuid()
      await controlOk(this.control, 'POST', '/calls', {
        ucc: uccName,
        correlationId,
        recordingState: RecordingState.Started,
      })
      this.calls.push({ uccName, correlationId, key: callKey(uccName, correlationId), silent })
    }
  }

  private attach(page: Page, name: string): void {
    page.on('pageerror', (error) => {
      this.counters.pageErrors += 1
      const message = errorText(error)
      this.pageErrors.push({ at: Date.now(), page: name, message })
      console.log(`${stamp()} PAGE ERROR ${name}: ${message}`)
    })
    page.on('crash', () => {
      this.counters.pageErrors += 1
      this.pageErrors.push({ at: Date.now(), page: name, message: 'the page crashed' })
      console.log(`${stamp()} PAGE ERROR ${name}: the page crashed`)
    })
    page.on('console', (message) => {
      if (message.type() !== 'error') return
      this.counters.consoleErrors += 1
      const text = message.text().slice(0, 160)
      this.consoleErrors.set(text, (this.consoleErrors.get(text) ?? 0) + 1)
    })
  }

  async openPages(context: BrowserContext): Promise<void> {
    const agentCalls = this.calls
    for (const [index, call] of agentCalls.entries()) {
      const page = await context.newPage()
      const name = call.silent ? 'agent-silent' : `agent-${index + 1}`
      this.attach(page, name)
      await page.goto(agentUrl(this.sim, call))
      this.watched.push({ name, kind: 'agent', page, call, stats: newPageStats() })
    }
    if (!this.options.board) return
    const page = await context.newPage()
    this.attach(page, 'board')
    await page.goto(boardUrl(this.sim))
    this.watched.push({ name: 'board', kind: 'board', page, stats: newPageStats() })
    const input = page.locator('[data-testid="add-ids"]')
    try {
      await input.waitFor({ state: 'visible', timeout: 15_000 })
    } catch {
      throw new BenchSetupError(
        'The board has no paste box ([data-testid="add-ids"]); is dist/ built from the current source?',
      )
    }
    // One input event with the whole list, as a paste: then Add.
    await input.evaluate(
      (element, text) => {
        const field = element as HTMLTextAreaElement
        const prototype = Object.getPrototypeOf(field) as object
        Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, text)
        field.dispatchEvent(new Event('input', { bubbles: true }))
      },
      this.calls.map((call) => call.correlationId).join('\n'),
    )
    await page.locator('[data-testid="add-ids-submit"]').click({ timeout: 15_000 })
  }

  /** Bounded: every page connected and showing every call confirmed and true. */
  async waitUntilReady(): Promise<boolean> {
    return waitFor(async () => (await this.disagreements()).length === 0, READY_TIMEOUT_MS, 250)
  }

  /** What does not (yet) show the truth, confirmed, with the hub Connected; empty when all do. */
  async disagreements(includeSilent = false): Promise<string[]> {
    const problems: string[] = []
    await Promise.all(
      this.watched.map(async (watched) => {
        let sample: PageSample
        try {
          sample = await withTimeout(readPage(watched.page), EVALUATE_TIMEOUT_MS, watched.name)
        } catch (error) {
          problems.push(`${watched.name}: ${errorText(error)}`)
          return
        }
        if (sample.hub !== 'Connected')
          problems.push(`${watched.name}: hub ${sample.hub ?? 'absent'}`)
        for (const { call, row } of this.rowsOf(watched, sample)) {
          if (call.silent && !includeSilent) continue
          const truth = this.tracker.get(call.key)?.recording
          if (!row) problems.push(`${watched.name} ${shortCall(call)}: no row`)
          else if (row.stale || row.state !== truth)
            problems.push(
              `${watched.name} ${shortCall(call)}: shows ${row.state}${row.stale ? ' (stale)' : ''}, true ${truth}`,
            )
        }
      }),
    )
    return problems
  }

  private rowsOf(
    watched: Watched,
    sample: PageSample,
  ): { call: SoakCall; row: ShownRow | undefined }[] {
    if (watched.call) return [{ call: watched.call, row: sample.rows[0] }]
    return this.calls.map((call) => ({
      call,
      row: sample.rows.find(
        (row) =>
          row.id?.toLowerCase() === call.correlationId.toLowerCase() &&
          row.ucc?.toLowerCase() === call.uccName.toLowerCase(),
      ),
    }))
  }

  // Sampling, 10 Hz

  async sampleOnce(): Promise<void> {
    this.counters.ticks += 1
    await Promise.all(this.watched.map((watched) => this.samplePage(watched)))
  }

  private async samplePage(watched: Watched): Promise<void> {
    let sample: PageSample
    try {
      sample = await withTimeout(readPage(watched.page), EVALUATE_TIMEOUT_MS, watched.name)
    } catch {
      watched.stats.sampleErrors += 1
      this.counters.sampleErrors += 1
      return
    }
    const stats = watched.stats
    if (sample.hub === 'Connected') stats.hubDownSince = null
    else {
      stats.hubDownSince ??= sample.now
      stats.longestHubDownMs = Math.max(stats.longestHubDownMs, sample.now - stats.hubDownSince)
    }
    for (const { call, row } of this.rowsOf(watched, sample)) {
      if (!row) {
        if (watched.kind === 'board') {
          watched.stats.missingRows += 1
          this.counters.boardRowsMissing += 1
        }
        continue
      }
      const truth = this.tracker.get(call.key)
      if (!truth) continue
      const { outcome, settled } = judge({
        shown: row.state,
        stale: row.stale,
        truth: truth.recording,
        truthSince: truth.since,
        connectedSince: sample.connectedSince,
        at: sample.now,
      })
      const pairKey = `${watched.name}|${call.key}`
      const previous = this.lastOutcome.get(pairKey)
      if (call.silent) {
        this.countSilent(pairKey, outcome, settled, sample.now)
        this.lastOutcome.set(pairKey, { outcome })
        continue
      }
      const counters = this.counters
      counters.samples += 1
      watched.stats.samples += 1
      this.noteConvergence(watched, pairKey, row, truth, sample.now)
      if (settled) {
        counters.settled += 1
        watched.stats.settled += 1
      }
      if (outcome === 'stale') {
        counters.stale += 1
        watched.stats.stale += 1
      } else if (outcome === 'unsettled') counters.unsettled += 1
      else if (outcome === 'agrees') counters.agrees += 1

      if (previous?.record && previous.outcome !== outcome) {
        const ended = previous.record
        ended.endedAt = sample.now
        ended.endedShowing = `${row.state ?? 'nothing'}${row.stale ? ' (stale)' : ''}`
        console.log(
          `${stamp(sample.now)} ${isViolation(ended.kind) ? 'VIOLATION' : 'disagreement'} ${ended.kind} on ${watched.name} for ${shortCall(call)} ended after ` +
            `${((sample.now - ended.at) / 1000).toFixed(1)} s (${ended.samplesInEpisode} samples): now shows ${ended.endedShowing}, true ${truth.recording}`,
        )
      }
      if (isViolation(outcome) || outcome === 'mismatch') {
        if (isViolation(outcome)) {
          counters.violations[outcome] += 1
          watched.stats.violations += 1
        } else counters.mismatches += 1
        if (previous?.outcome === outcome && previous.record) {
          previous.record.samplesInEpisode += 1
          this.lastOutcome.set(pairKey, previous)
          continue
        }
        const record: ViolationRecord = {
          kind: outcome,
          at: sample.now,
          page: watched.name,
          call: `${call.uccName}/${call.correlationId}`,
          shown: row.state,
          truth: truth.recording,
          truthHeldMs: sample.now - truth.since,
          hubConnectedMs:
            sample.connectedSince === null ? null : sample.now - sample.connectedSince,
          samplesInEpisode: 1,
        }
        this.lastOutcome.set(pairKey, { outcome, record })
        this.newEpisode(record, watched, call)
        continue
      }
      this.lastOutcome.set(pairKey, { outcome })
    }
  }

  /** How long each page takes to show a recorder change confirmed, and how long calls stay stale. */
  private noteConvergence(
    watched: Watched,
    pairKey: string,
    row: ShownRow,
    truth: { recording: string; since: number },
    at: number,
  ): void {
    if (row.stale) {
      if (!this.staleSince.has(pairKey)) this.staleSince.set(pairKey, at)
      const since = this.staleSince.get(pairKey) ?? at
      watched.stats.longestStaleMs = Math.max(watched.stats.longestStaleMs, at - since)
    } else this.staleSince.delete(pairKey)
    const seen = this.seenChange.get(pairKey)
    if (seen !== truth.since) {
      // The first sighting of a pair is not a change it was asked to follow.
      if (seen !== undefined) {
        if (this.pendingChange.has(pairKey)) this.convergenceSuperseded += 1
        this.pendingChange.set(pairKey, truth.since)
      }
      this.seenChange.set(pairKey, truth.since)
    }
    const pending = this.pendingChange.get(pairKey)
    if (pending !== undefined && !row.stale && row.state === truth.recording) {
      this.convergenceMs[watched.kind].push(at - pending)
      this.pendingChange.delete(pairKey)
    }
  }

  private newEpisode(record: ViolationRecord, watched: Watched, call: SoakCall): void {
    const violation = isViolation(record.kind)
    const list = violation ? this.violations : this.mismatches
    if (violation) this.counters.violationEpisodes[record.kind as ViolationKind] += 1
    else this.counters.mismatchEpisodes += 1
    const label = violation ? 'VIOLATION' : 'disagreement (not a PCI violation)'
    console.log(
      `${stamp(record.at)} ${label} ${record.kind}: ${watched.name} shows ${record.shown} confirmed for ${shortCall(call)}, ` +
        `true ${record.truth} for ${(record.truthHeldMs / 1000).toFixed(1)} s, hub connected ${
          record.hubConnectedMs === null ? '-' : `${(record.hubConnectedMs / 1000).toFixed(1)} s`
        }`,
    )
    // Counted always; kept (bounded) for the JSON, the first few with what led to them.
    if (list.length < EPISODES_KEPT) list.push(record)
    if (list.length > DETAILED) return
    this.contextCaptures.push(this.captureContext(record, watched, call))
  }

  /** What led to it: the call's true changes, faults, actions, clicks, and the page's own record. */
  private async captureContext(
    record: ViolationRecord,
    watched: Watched,
    call: SoakCall,
  ): Promise<void> {
    const since = record.at - CONTEXT_WINDOW_MS
    let page: PageContext | string
    try {
      page = await withTimeout(readPageContext(watched.page, since), EVALUATE_TIMEOUT_MS, 'context')
    } catch (error) {
      page = `could not be read: ${errorText(error)}`
    }
    const relEntry = (entry: LogEntry) => `${rel(entry.at)} ${entry.what} ${entry.detail}`
    const context = {
      truthHistory: this.tracker
        .history(call.key)
        .filter((change) => change.at >= since)
        .map(
          (change) =>
            `${rel(change.at)} ${change.action} by ${change.requester} (${change.source}) → ${change.recording}${change.event ? ` event ${change.stateAction}` : ' no event'}`,
        ),
      faults: this.faultLog.filter((entry) => entry.at >= since).map(relEntry),
      otherParties: this.actionLog
        .since(since, (entry) => entry.at)
        .filter((entry) => entry.call === call.key)
        .map(relEntry),
      clicks: this.clickLog
        .since(since, (entry) => entry.at)
        .filter((entry) => entry.page === watched.name)
        .map(relEntry),
      page:
        typeof page === 'string'
          ? page
          : {
              shown: page.transitions
                .filter(
                  (entry) =>
                    entry.key === 'hub' ||
                    entry.key === 'call' ||
                    entry.key === `${call.uccName}|${call.correlationId}`,
                )
                .map(
                  (entry) =>
                    `${rel(entry.at)} ${entry.key === 'hub' ? 'hub' : 'state'} ${entry.state}${entry.stale ? ' (stale)' : ''}`,
                ),
              requests: page.requests
                .filter(
                  (entry) =>
                    entry.path.toLowerCase().includes(call.correlationId.toLowerCase()) ||
                    entry.body?.toLowerCase().includes(call.correlationId.toLowerCase()) ||
                    entry.path.includes('negotiate'),
                )
                .map(
                  (entry) =>
                    `${rel(entry.at)} ${entry.method} ${entry.path} → ${entry.error ?? entry.status ?? 'pending'}${entry.ms === null ? '' : ` in ${entry.ms} ms`}${entry.body ? ` ${entry.body}` : ''}`,
                ),
              hubMessages: page.hubMessages
                .filter(
                  (entry) =>
                    !entry.text.startsWith('{') ||
                    entry.text.toLowerCase().includes(call.correlationId.toLowerCase()),
                )
                .map((entry) => `${rel(entry.at)} ${entry.text}`),
            },
    }
    record.context = context
    console.log(
      `  --- ${record.kind} at ${rel(record.at)} on ${record.page}, ${record.call}: what led to it ---`,
    )
    console.log(JSON.stringify(context, null, 2).replace(/^/gm, '  '))
  }

  private countSilent(pairKey: string, outcome: Outcome, settled: boolean, at: number): void {
    const silent = this.counters.silent
    silent.samples += 1
    if (settled) silent.settled += 1
    const contradicted = isViolation(outcome) || outcome === 'mismatch'
    if (isViolation(outcome)) silent.violations += 1
    if (contradicted) {
      silent.contradicted += 1
      if (!this.silentStretch.has(pairKey)) this.silentStretch.set(pairKey, at)
      const started = this.silentStretch.get(pairKey) ?? at
      silent.longestContradictionMs = Math.max(silent.longestContradictionMs, at - started)
    } else this.silentStretch.delete(pairKey)
  }

  async samplerLoop(until: () => boolean): Promise<void> {
    let next = Date.now()
    while (until()) {
      await this.sampleOnce()
      next += SAMPLE_INTERVAL_MS
      const wait = next - Date.now()
      if (wait > 0) await sleep(wait)
      else next = Date.now()
    }
  }

  // Other parties: a payment system, a supervisor

  async otherPartiesLoop(): Promise<void> {
    while (this.running()) {
      await sleep(Math.min(between(this.random, 300, 2000), Math.max(0, this.endAt - Date.now())))
      if (!this.running()) break
      const call = pick(this.random, this.mainCalls)
      const state = this.sim.store.findCall(call.uccName, call.correlationId)
      if (!state) continue
      const toggleMark = state.markingState === MarkingState.Mark ? 'UnMark' : 'Mark'
      const choices: readonly (readonly [string, number])[] =
        state.recordingState === RecordingState.Started
          ? [
              ['Pause', 45],
              [toggleMark, 25],
              ['Save', 15],
              ['Stop', 5],
              ['Delete', 3],
            ]
          : state.recordingState === RecordingState.Paused
            ? [
                ['Start', 60],
                [toggleMark, 20],
                ['Save', 10],
                ['Stop', 5],
              ]
            : [
                ['Start', 85],
                [toggleMark, 15],
              ]
      const action = weighted(this.random, choices)
      const at = Date.now()
      try {
        const answer = await this.control(
          'POST',
          `/calls/${encodeURIComponent(call.uccName)}/${call.correlationId}/action`,
          { action, requester: OTHER_PARTY, source: 'control' },
        )
        bump(this.counters.actions, action)
        if (answer.status >= 300) this.counters.actionsRefused += 1
        this.actionLog.push({
          at,
          what: 'other party',
          detail: `${action} → ${answer.status}`,
          call: call.key,
        })
      } catch (error) {
        this.counters.actionErrors += 1
        this.actionLog.push({
          at,
          what: 'other party',
          detail: `${action} failed: ${errorText(error)}`,
          call: call.key,
        })
      }
    }
  }

  // The agents: Pause and Resume now and then, the shortcut, now and then a reload

  async agentLoop(): Promise<void> {
    const agents = this.watched.filter(
      (watched) => watched.kind === 'agent' && watched.call && !watched.call.silent,
    )
    while (this.running()) {
      await sleep(Math.min(between(this.random, 500, 3000), Math.max(0, this.endAt - Date.now())))
      if (!this.running()) break
      const watched = pick(this.random, agents)
      const roll = this.random.next()
      const at = Date.now()
      const log = (detail: string) =>
        this.clickLog.push({ at, what: 'agent', detail, page: watched.name })
      try {
        if (roll < 0.015) {
          this.counters.clicks.reloads += 1
          watched.stats.reloads += 1
          log('reloads the page')
          await watched.page.reload({ timeout: 20_000 })
        } else if (roll < 0.1) {
          this.counters.clicks.shortcut += 1
          log('presses Ctrl+Shift+2')
          await watched.page.keyboard.press('Control+Shift+Digit2')
        } else {
          const pause = watched.page.locator('[data-testid="action-pause"]')
          const resume = watched.page.locator('[data-testid="action-resume"]')
          const enabled = (locator: typeof pause) =>
            locator.isEnabled({ timeout: 500 }).catch(() => false)
          if (await enabled(pause)) {
            log('clicks Pause')
            await pause.click({ timeout: 2000 })
            this.counters.clicks.pause += 1
          } else if (await enabled(resume)) {
            log('clicks Resume')
            await resume.click({ timeout: 2000 })
            this.counters.clicks.resume += 1
          } else {
            this.counters.clicks.nothingEnabled += 1
          }
        }
      } catch (error) {
        this.counters.clicks.failed += 1
        log(`failed: ${errorText(error)}`)
      }
    }
  }

  // A supervisor on the board: Resume (after its warning) or Mark, now and then

  async supervisorLoop(): Promise<void> {
    const board = this.watched.find((watched) => watched.kind === 'board')
    if (!board) return
    const supervisor = this.counters.supervisor
    while (this.running()) {
      await sleep(
        Math.min(between(this.random, 4000, 12_000), Math.max(0, this.endAt - Date.now())),
      )
      if (!this.running()) break
      const call = pick(this.random, this.mainCalls)
      const row = board.page.locator(
        `[data-testid="call-row"][data-correlation-id="${call.correlationId}"]`,
      )
      const resume = row.locator('[data-testid="row-resume"]')
      const mark = row.locator('[data-testid="row-mark"]')
      const at = Date.now()
      const log = (detail: string) =>
        this.clickLog.push({
          at,
          what: 'supervisor',
          detail: `${detail} ${shortCall(call)}`,
          page: board.name,
        })
      try {
        if (await resume.isEnabled({ timeout: 500 }).catch(() => false)) {
          log('clicks Resume')
          await resume.click({ timeout: 2000 })
          await board.page.locator('[data-testid="confirm"]').click({ timeout: 2000 })
          supervisor.resume += 1
        } else if (await mark.isEnabled({ timeout: 500 }).catch(() => false)) {
          log('clicks Mark')
          await mark.click({ timeout: 2000 })
          supervisor.mark += 1
        } else supervisor.nothingEnabled += 1
      } catch (error) {
        supervisor.failed += 1
        log(`failed (${errorText(error)}) on`)
        await board.page.keyboard.press('Escape').catch(() => {})
      }
    }
  }

  // Faults

  private noteFault(kind: FaultKind, detail: string, variant?: string, call?: SoakCall): void {
    const at = Date.now()
    this.counters.faults[kind] += 1
    if (variant) bump(this.counters.faultVariants, variant)
    this.faultLog.push({ at, what: kind, detail, call: call?.key })
    console.log(`${stamp(at)} fault ${kind}${detail ? ` ${detail}` : ''}`)
  }

  async faultLoop(): Promise<void> {
    if (this.faultWeights.length === 0) return
    while (this.running()) {
      await sleep(Math.min(between(this.random, 1500, 5000), Math.max(0, this.endAt - Date.now())))
      if (!this.running()) break
      try {
        await this.injectFault(weighted(this.random, this.faultWeights))
      } catch (error) {
        console.log(`${stamp()} fault injection failed: ${errorText(error)}`)
      }
    }
  }

  private async injectFault(kind: FaultKind): Promise<void> {
    const random = this.random
    switch (kind) {
      case FaultKind.Drop:
        await controlOk(this.control, 'POST', '/faults/drop-connections')
        return this.noteFault(kind, '')
      case FaultKind.Close:
        await controlOk(this.control, 'POST', '/faults/close-connections', {
          error: 'Soak: server closing',
        })
        return this.noteFault(kind, '(no reconnect allowed)')
      case FaultKind.CloseReconnect:
        await controlOk(this.control, 'POST', '/faults/close-connections', {
          error: 'Soak: server restarting',
          allowReconnect: true,
        })
        return this.noteFault(kind, '(allowReconnect)')
      case FaultKind.RefuseNegotiation: {
        const seconds = round(between(random, 1, 5), 1) ?? 1
        await controlOk(this.control, 'POST', '/faults/refuse-negotiation', { seconds })
        await controlOk(this.control, 'POST', '/faults/drop-connections')
        return this.noteFault(kind, `for ${seconds} s, then drop-connections`)
      }
      case FaultKind.Reply: {
        const endpoint = weighted(random, [
          ['state', 50],
          ['set', 35],
          ['capabilities', 15],
        ] as const)
        const variant = pick(random, REPLY_VARIANTS)
        const count = 1 + Math.floor(random.next() * 3)
        const passThrough = endpoint === 'set' && chance(random, 0.4)
        await controlOk(this.control, 'POST', '/faults/next', {
          endpoint,
          count,
          status: variant.status,
          ...(variant.body === undefined ? {} : { body: variant.body }),
          ...(variant.contentType === undefined ? {} : { contentType: variant.contentType }),
          passThrough,
        })
        const name = `${endpoint} ${variant.name}${passThrough ? ' (took effect)' : ''}`
        return this.noteFault(kind, `next ${count} ${name}`, name)
      }
      case FaultKind.Latency: {
        const ms = Math.round(between(random, 500, 3000))
        const holdMs = Math.round(between(random, 2000, 6000))
        clearTimeout(this.latencyReset)
        await controlOk(this.control, 'POST', '/faults/latency', { ms })
        this.latencyReset = setTimeout(() => {
          this.latencyReset = undefined
          void this.control('POST', '/faults/latency', { ms: 0 }).catch(() => {})
        }, holdMs)
        return this.noteFault(kind, `${ms} ms for ${(holdMs / 1000).toFixed(1)} s`)
      }
      case FaultKind.Hang: {
        const endpoint = pick(random, ['state', 'set'] as const)
        const count = 1 + Math.floor(random.next() * 2)
        await controlOk(this.control, 'POST', '/faults/hang', { endpoint, count })
        return this.noteFault(kind, `next ${count} ${endpoint}`, `hang ${endpoint}`)
      }
      case FaultKind.SlowAnswer: {
        const endpoint = weighted(random, [
          ['set', 60],
          ['state', 40],
        ] as const)
        const delayMs = Math.round(between(random, 1000, 5000))
        const count = 1 + Math.floor(random.next() * 2)
        const outage = endpoint === 'set' && chance(random, 0.5)
        this.slow = { endpoint, remaining: count, delayMs, outage }
        const name = `slow ${endpoint}${outage ? ' + outage' : ''}`
        return this.noteFault(
          kind,
          `next ${count} ${endpoint} answers reach the page ${delayMs} ms after the server sent them${outage ? ', with a hub outage behind the first' : ''}`,
          name,
        )
      }
      case FaultKind.OutOfOrder:
      case FaultKind.Duplicate: {
        const call = pick(random, this.mainCalls)
        const events = this.tracker
          .history(call.key)
          .filter((change) => change.event && change.stateAction !== null)
        const last = events.at(-1)
        if (!last) return
        let event = last
        let what: FaultKind = FaultKind.Duplicate
        if (kind === FaultKind.OutOfOrder && events.length >= 2) {
          // An old event that contradicts the present: a Pause after the Start that followed it, or the reverse.
          const truth = this.tracker.get(call.key)?.recording
          const wanted = truth === 'Paused' ? 1 : 3
          const older = events.slice(0, -1).reverse()
          event = older.find((change) => change.stateAction === wanted) ?? older[0] ?? last
          what = FaultKind.OutOfOrder
        }
        await controlOk(this.control, 'POST', '/events', {
          arguments: [
            {
              UccName: call.uccName,
              CorrelationId: call.correlationId,
              StateAction: event.stateAction,
            },
          ],
        })
        const age = ((Date.now() - event.at) / 1000).toFixed(1)
        return this.noteFault(
          what,
          `${shortCall(call)} StateAction ${event.stateAction} (${event.action}, from ${age} s ago; now ${this.tracker.get(call.key)?.recording})`,
          undefined,
          call,
        )
      }
    }
  }

  /**
   * Every REST request of every page passes here. Unless a slow-answer fault is armed for its
   * endpoint it goes on untouched; if one is, the server answers at once (the action takes
   * effect) and the page gets that same answer `delayMs` later, as over a slow network.
   */
  async onRestRequest(route: Route): Promise<void> {
    const request = route.request()
    const endpoint = restEndpoint(request.url())
    const slow = this.slow
    if (!slow || slow.endpoint !== endpoint || slow.remaining <= 0) {
      await route.continue().catch(() => {})
      return
    }
    slow.remaining -= 1
    if (slow.remaining <= 0) this.slow = undefined
    const delivery = this.deliverLate(route, slow, endpoint)
    this.slowDeliveries.add(delivery)
    await delivery.finally(() => this.slowDeliveries.delete(delivery))
  }

  private async deliverLate(
    route: Route,
    slow: SlowAnswers,
    endpoint: RestEndpoint,
  ): Promise<void> {
    let response: Awaited<ReturnType<Route['fetch']>>
    try {
      response = await route.fetch({ timeout: 20_000 })
    } catch {
      await route.abort().catch(() => {})
      return
    }
    const answeredAt = Date.now()
    let call: SoakCall | undefined
    let action = ''
    if (endpoint === 'set') {
      try {
        const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>
        const id = String(body.CorrelationId ?? '').toLowerCase()
        call = this.calls.find((candidate) => candidate.correlationId.toLowerCase() === id)
        action = String(body.Action ?? '')
      } catch {
        // not one of ours
      }
    }
    this.faultLog.push({
      at: answeredAt,
      what: FaultKind.SlowAnswer,
      detail: `${endpoint}${call ? ` ${shortCall(call)} action ${action}` : ''} answered ${response.status()} by the server; reaches the page in ${slow.delayMs} ms`,
      call: call?.key,
    })
    console.log(
      `${stamp(answeredAt)} ${FaultKind.SlowAnswer}: ${this.faultLog.at(-1)?.detail ?? ''}`,
    )
    if (slow.outage && call && response.status() === 200) void this.outageBehind(call)
    await sleep(slow.delayMs)
    try {
      await route.fulfill({ response })
      this.counters.slowAnswersDelivered += 1
    } catch {
      // the page gave up on it (its timeout) or went away
    }
  }

  /** A short hub outage right after the server applied an action, in which another party reverses it. */
  private async outageBehind(call: SoakCall): Promise<void> {
    try {
      const seconds = round(between(this.random, 0.3, 1.5), 1) ?? 1
      await controlOk(this.control, 'POST', '/faults/refuse-negotiation', { seconds })
      await controlOk(this.control, 'POST', '/faults/drop-connections')
      await sleep(50)
      const state = this.sim.store.findCall(call.uccName, call.correlationId)
      const action =
        state?.recordingState === RecordingState.Paused
          ? 'Start'
          : state?.recordingState === RecordingState.Started
            ? 'Pause'
            : undefined
      let detail = `refuse-negotiation ${seconds} s + drop-connections`
      if (action) {
        const answer = await this.control(
          'POST',
          `/calls/${encodeURIComponent(call.uccName)}/${call.correlationId}/action`,
          { action, requester: OTHER_PARTY, source: 'control' },
        )
        bump(this.counters.actions, action)
        this.actionLog.push({
          at: Date.now(),
          what: 'other party (in the outage)',
          detail: `${action} → ${answer.status}`,
          call: call.key,
        })
        detail += `; meanwhile another party sends ${action} on ${shortCall(call)} (→ ${answer.status}, its event lost)`
      }
      this.noteFault(
        FaultKind.SlowAnswer,
        `outage behind the slow answer: ${detail}`,
        'outage behind a slow set',
      )
    } catch (error) {
      console.log(`${stamp()} outage behind a slow answer failed: ${errorText(error)}`)
    }
  }

  async clearFaults(): Promise<void> {
    clearTimeout(this.latencyReset)
    this.latencyReset = undefined
    this.slow = undefined
    await Promise.all([...this.slowDeliveries])
    await this.control('DELETE', '/faults').catch(() => {})
  }

  // The silent call: changed with no event, for information

  async silentLoop(): Promise<void> {
    const call = this.silentCall
    if (!call) return
    while (this.running()) {
      await sleep(
        Math.min(between(this.random, 4000, 12_000), Math.max(0, this.endAt - Date.now())),
      )
      if (!this.running()) break
      const state = this.sim.store.findCall(call.uccName, call.correlationId)
      const recordingState =
        state?.recordingState === RecordingState.Paused
          ? RecordingState.Started
          : RecordingState.Paused
      const at = Date.now()
      try {
        await controlOk(
          this.control,
          'POST',
          `/calls/${encodeURIComponent(call.uccName)}/${call.correlationId}/silent`,
          {
            recordingState,
          },
        )
        this.counters.silent.changes += 1
        this.silentLog.push({
          at,
          what: 'silent',
          detail: `→ ${recordingStateName(recordingState)}`,
        })
      } catch (error) {
        this.silentLog.push({ at, what: 'silent', detail: `failed: ${errorText(error)}` })
      }
    }
  }

  // Progress

  progressLine(at: number): string {
    const c = this.counters
    const faults = Object.values(c.faults).reduce((sum, value) => sum + value, 0)
    const actions = Object.values(c.actions).reduce((sum, value) => sum + value, 0)
    const clicks = c.clicks.pause + c.clicks.resume + c.clicks.shortcut
    const stalePct = c.samples > 0 ? ((100 * c.stale) / c.samples).toFixed(0) : '0'
    return (
      `${stamp(at)} progress ${((at - soakStart) / 60_000).toFixed(1)} of ${this.options.minutes} min: ` +
      `${c.samples} samples (${c.settled} settled, ${stalePct}% stale), ${faults} faults, ${actions} actions, ` +
      `${clicks} agent clicks, violations ${c.violations.pausedWhileNotPaused} paused-while-not-paused / ` +
      `${c.violations.startedWhilePaused} started-while-paused, ${c.pageErrors} page errors`
    )
  }

  async progressLoop(): Promise<void> {
    let next = soakStart + 60_000
    while (this.running()) {
      await sleep(Math.max(0, Math.min(next, this.endAt) - Date.now()))
      if (!this.running()) break
      if (Date.now() >= next) {
        console.log(this.progressLine(Date.now()))
        next += 60_000
      }
    }
  }

  // The whole soak

  async soak(): Promise<{ ranMs: number; recovery: { ms: number | null; left: string[] } }> {
    soakStart = Date.now()
    this.endAt = soakStart + this.options.minutes * 60_000
    let samplingDone = false
    const sampler = this.samplerLoop(() => !samplingDone)
    await Promise.all([
      this.otherPartiesLoop(),
      this.agentLoop(),
      this.supervisorLoop(),
      this.faultLoop(),
      this.silentLoop(),
      this.progressLoop(),
    ])
    const ranMs = Date.now() - soakStart
    // The faults stop; the invariant is still checked while every page recovers (bounded).
    await this.clearFaults()
    const stoppedAt = Date.now()
    console.log(`${stamp(stoppedAt)} faults stopped and cleared; waiting for every page to recover`)
    let left: string[] = []
    const recovered = await waitFor(
      async () => {
        left = await this.disagreements()
        return left.length === 0
      },
      RECOVERY_LIMIT_MS,
      500,
    )
    const recoveryMs = recovered ? Date.now() - stoppedAt : null
    samplingDone = true
    await sampler
    await Promise.all(this.contextCaptures)
    return { ranMs, recovery: { ms: recoveryMs, left: recovered ? [] : left } }
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((total, value) => total + value, 0)
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '—'
}

function summaryRows(
  soak: Soak,
  ranMs: number,
  recovery: { ms: number | null; left: string[] },
): TableRow[] {
  const c = soak.counters
  return [
    { metric: 'minutes', value: round(ranMs / 60_000, 2) },
    { metric: 'pages (agent views + board)', value: soak.watched.length },
    { metric: 'calls under test', value: soak.mainCalls.length },
    { metric: 'samples (page × call)', value: c.samples },
    {
      metric: '  sampling rate (Hz, target 10)',
      value: round(c.ticks / ((Date.now() - soakStart) / 1000), 1),
    },
    { metric: '  settled (hub and truth > 1 s)', value: percent(c.settled, c.samples) },
    { metric: '  shown stale (info)', value: percent(c.stale, c.samples) },
    { metric: 'faults injected', value: sum(c.faults) },
    ...Object.entries(c.faults).map(([kind, count]) => ({ metric: `  ${kind}`, value: count })),
    { metric: 'other-party actions', value: sum(c.actions) },
    { metric: 'agent clicks (Pause, Resume)', value: c.clicks.pause + c.clicks.resume },
    {
      metric: 'violations: Paused while not paused',
      value: c.violations.pausedWhileNotPaused,
      target: '0',
      result: atMost(c.violations.pausedWhileNotPaused, 0),
    },
    {
      metric: 'violations: Started while paused',
      value: c.violations.startedWhilePaused,
      target: '0',
      result: atMost(c.violations.startedWhilePaused, 0),
    },
    { metric: 'page errors', value: c.pageErrors, target: '0', result: atMost(c.pageErrors, 0) },
    { metric: 'other confirmed disagreements (info)', value: c.mismatches },
    ...(['agent', 'board'] as const).flatMap((kind) => {
      const samples = soak.convergenceMs[kind]
      if (samples.length === 0) return []
      return [
        {
          metric: `change → confirmed on ${kind} p50 / p95 / max (s)`,
          value: [50, 95, 100]
            .map((p) => (round((percentile(samples, p) ?? 0) / 1000, 1) ?? 0).toFixed(1))
            .join(' / '),
        },
      ]
    }),
    {
      metric: 'recovery after the faults (s)',
      value: recovery.ms === null ? `> ${RECOVERY_LIMIT_MS / 1000}` : round(recovery.ms / 1000, 1),
    },
  ]
}

function convergenceSummary(soak: Soak) {
  return Object.fromEntries(
    (['agent', 'board'] as const).map((kind) => {
      const samples = soak.convergenceMs[kind]
      return [
        kind,
        {
          changes: samples.length,
          p50Ms: percentile(samples, 50),
          p95Ms: percentile(samples, 95),
          maxMs: percentile(samples, 100),
        },
      ]
    }),
  )
}

/** The breakdowns that do not fit the table. */
function summaryDetails(soak: Soak): string[] {
  const c = soak.counters
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([, a], [, b]) => b - a)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')
  const lines = [
    `pages (stale share; longest stale; longest hub not Connected): ${soak.watched
      .filter((watched) => watched.stats.samples > 0)
      .map(
        (watched) =>
          `${watched.name} ${percent(watched.stats.stale, watched.stats.samples)}; ${(watched.stats.longestStaleMs / 1000).toFixed(1)} s; ${(watched.stats.longestHubDownMs / 1000).toFixed(1)} s`,
      )
      .join(' | ')}`,
    `violation episodes: ${c.violationEpisodes.pausedWhileNotPaused} paused-while-not-paused, ${c.violationEpisodes.startedWhilePaused} started-while-paused; other disagreements ${c.mismatchEpisodes}`,
    `bad answers and hangs: ${list(c.faultVariants) || 'none'}`,
    `other-party actions: ${list(c.actions) || 'none'}; ${c.actionsRefused} refused, ${c.actionErrors} failed`,
    `agent: Pause ${c.clicks.pause}, Resume ${c.clicks.resume}, Ctrl+Shift+2 ${c.clicks.shortcut}, reloads ${c.clicks.reloads}, nothing to click ${c.clicks.nothingEnabled}, clicks that did not land ${c.clicks.failed}`,
    `console errors (info): ${c.consoleErrors}; unread samples ${c.sampleErrors}; board rows missing ${c.boardRowsMissing}`,
  ]
  if (soak.options.board)
    lines.push(
      `supervisor on the board: Resume ${c.supervisor.resume}, Mark ${c.supervisor.mark}, nothing to click ${c.supervisor.nothingEnabled}, failed ${c.supervisor.failed}; slow answers delivered ${c.slowAnswersDelivered}`,
    )
  if (soak.silentCall) {
    const s = c.silent
    lines.push(
      `silent call (info only, not in the verdict): ${s.changes} changes with no event; ${s.contradicted} of ${s.samples} samples ` +
        `showed a confirmed state they had contradicted for over 1 s (${s.violations} of the PCI kinds), longest ${(s.longestContradictionMs / 1000).toFixed(1)} s`,
    )
  }
  return lines
}

async function run(options: SoakOptions): Promise<number> {
  requireBuild(options.dist)
  let sim: Simulator | undefined
  let browser: Browser | undefined
  const cleanUp = async () => {
    await browser?.close().catch(() => {})
    await sim?.close().catch(() => {})
  }
  const stopWatchdog = startWatchdog(
    'soak',
    options.minutes * 60_000 + READY_TIMEOUT_MS * 2 + RECOVERY_LIMIT_MS + 120_000,
    cleanUp,
  )
  let soak: Soak | undefined
  const onSigint = () => {
    console.log('\nsoak: stopping early (Ctrl+C); the summary follows.')
    soak?.stopEarly()
  }
  process.once('SIGINT', onSigint)
  try {
    console.log(
      `soak: ${options.minutes} min, ${options.calls} calls, seed ${options.seed}, ${options.board ? 'with' : 'without'} the board` +
        `${options.silent ? ', plus a silently changed call (information only)' : ''}`,
    )
    sim = await startSimulator({ port: 0, staticDir: options.dist })
    const control = controlClient(sim.controlUrl)
    soak = new Soak(options, sim, control, createRandom(options.seed))
    soak.trackTruth()
    await soak.createCalls()
    browser = await launchChromium()
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    await context.addInitScript({ content: SOAK_PAGE_SCRIPT })
    const current = soak
    await context.route(/\/attendantservice\/api\//, (route) => current.onRestRequest(route))
    console.log(
      `  simulator at ${sim.url}; opening ${soak.calls.length} agent pages${options.board ? ' and the board' : ''}`,
    )
    await soak.openPages(context)
    if (!(await soak.waitUntilReady())) {
      const problems = await soak.disagreements(true)
      console.warn(
        `  not every page was ready after ${READY_TIMEOUT_MS / 1000} s; soaking anyway:\n    ${problems.join('\n    ')}`,
      )
    }
    console.log('  soaking; each fault is logged as it is injected')
    const { ranMs, recovery } = await soak.soak()
    if (recovery.ms === null)
      console.log(
        `  not recovered within ${RECOVERY_LIMIT_MS / 1000} s:\n    ${recovery.left.join('\n    ')}`,
      )

    const c = soak.counters
    const violations = c.violations.pausedWhileNotPaused + c.violations.startedWhilePaused
    const exitCode = violations === 0 && c.pageErrors === 0 ? 0 : 1
    console.log(
      `\n${formatTable(summaryRows(soak, ranMs, recovery))}\n\n${summaryDetails(soak).join('\n')}\n`,
    )
    const verdict = exitCode === 0 ? Verdict.Pass : Verdict.Miss
    await writeJson(options.out, {
      benchmark: 'soak',
      date: new Date(soakStart).toISOString(),
      options,
      graceMs: GRACE_MS,
      browser: browser.version(),
      node: process.version,
      ranMs,
      calls: soak.calls,
      pages: soak.watched.map((watched) => ({
        name: watched.name,
        call: watched.call?.correlationId,
        ...watched.stats,
      })),
      counters: c,
      convergence: convergenceSummary(soak),
      convergenceSuperseded: soak.convergenceSuperseded,
      recovery,
      violations: soak.violations,
      disagreements: soak.mismatches,
      pageErrors: soak.pageErrors,
      consoleErrors: Object.fromEntries(soak.consoleErrors),
      faultLog: soak.faultLog.map((entry) => ({
        ...entry,
        t: round((entry.at - soakStart) / 1000, 3),
        time: new Date(entry.at).toISOString(),
      })),
      silentChanges: soak.silentLog,
      agentLog: soak.clickLog.items,
      verdict,
      exitCode,
    })
    console.log(
      exitCode === 0
        ? `No violation and no page error. Written to ${options.out}`
        : `${violations} violating samples, ${c.pageErrors} page errors. Written to ${options.out}`,
    )
    return exitCode
  } finally {
    stopWatchdog()
    process.off('SIGINT', onSigint)
    await cleanUp()
  }
}

async function main(): Promise<void> {
  const options = parseSoakArgs(process.argv.slice(2))
  try {
    process.exit(await run(options))
  } catch (error) {
    const text =
      error instanceof BenchSetupError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error)
    console.error(`soak: ${text}`)
    process.exit(1)
  }
}

await main()
