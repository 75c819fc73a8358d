// What one soak holds and its parts share: the calls and pages under test, the true state of each
// call, the counters and the logs, and whether the soak is still running.
import type { Page } from '@playwright/test'
import { between } from '../../simulator/random.ts'
import type { Random } from '../../simulator/random.ts'
import type { Simulator } from '../../simulator/server.ts'
import type { SimClient } from '../../test-support/sim-client.ts'
import { sleep } from '../lib.ts'
import { Ring, Timeline } from './common.ts'
import type { LogEntry } from './common.ts'
import { FaultKind } from './fault-kind.ts'
import { TruthTracker, ViolationKind } from './judge.ts'
import type { PauseLimit } from './judge.ts'
import { PAUSE_LIMIT_SLACK_MS } from './options.ts'
import type { SoakOptions } from './options.ts'

export interface SoakCall {
  uccName: string
  correlationId: string
  key: string
  /** Changed only silently (no event): counted apart, for information. */
  silent: boolean
  /**
   * Its agent pauses and never resumes, and nobody else acts on it: only its pause guard ends its
   * pauses (with the guard on, and two calls or more).
   */
  forgetful: boolean
}

export interface PageStats {
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

export interface Watched {
  name: string
  kind: 'agent' | 'board'
  page: Page
  /** The agent view's call; the board shows all of them. */
  call?: SoakCall
  stats: PageStats
}

export function newPageStats(): PageStats {
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

function emptyViolationCounts(): Record<ViolationKind, number> {
  return {
    [ViolationKind.PausedWhileNotPaused]: 0,
    [ViolationKind.StartedWhilePaused]: 0,
    [ViolationKind.PausedPastLimit]: 0,
  }
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
    /** The pause limit (bench/soak/judge.ts, judgePauseLimit). */
    pauseLimit: {
      /** Samples of a paused call whose agent page was connected: judged against the limit. */
      judged: 0,
      /** Pauses of the forgetful call: made by its agent, and ended (by its guard). */
      forgottenPauses: 0,
      forgottenResumed: 0,
      /** How long each forgotten pause lasted, from the pause to the guard's resume (truth). */
      forgottenLengthsMs: [] as number[],
    },
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

export type Counters = ReturnType<typeof createCounters>

export class SoakState {
  readonly counters = createCounters()
  readonly tracker = new TruthTracker()
  readonly timeline = new Timeline()
  readonly faultLog: LogEntry[] = []
  readonly actionLog = new Ring<LogEntry>(3000)
  readonly clickLog = new Ring<LogEntry>(3000)
  readonly silentLog: LogEntry[] = []
  readonly pageErrors: { at: number; page: string; message: string }[] = []
  readonly consoleErrors = new Map<string, number>()
  readonly watched: Watched[] = []
  readonly calls: SoakCall[] = []
  /** Date.now() when the soaking ends (set when it starts). */
  endAt = 0
  /** The pause limit the agent pages are given; null with the guard off. */
  readonly pauseLimit: PauseLimit | null
  /**
   * The last time the service might not have taken or answered a resume as it should (a fault on
   * set or the state read pending or in effect, a hung request, latency, a slow answer).
   */
  disturbedAt: number | null = null
  /** Per call: the last old or duplicate event injected for it (a page may count its pause anew). */
  readonly restartedAt = new Map<string, number>()
  private stopping = false

  constructor(
    readonly options: SoakOptions,
    readonly sim: Simulator,
    readonly client: SimClient,
    readonly random: Random,
  ) {
    this.pauseLimit =
      options.maxPauseSeconds > 0
        ? { limitMs: options.maxPauseSeconds * 1000, slackMs: PAUSE_LIMIT_SLACK_MS }
        : null
  }

  get mainCalls(): SoakCall[] {
    return this.calls.filter((call) => !call.silent)
  }

  /** The calls other parties, the agents' random clicks, the supervisor and event faults pick from. */
  get busyCalls(): SoakCall[] {
    return this.calls.filter((call) => !call.silent && !call.forgetful)
  }

  get forgetfulCall(): SoakCall | undefined {
    return this.calls.find((call) => call.forgetful)
  }

  /** The service may not take a resume as it should now (see `disturbedAt`). */
  noteDisturbance(at = Date.now()): void {
    this.disturbedAt = Math.max(this.disturbedAt ?? at, at)
  }

  get silentCall(): SoakCall | undefined {
    return this.calls.find((call) => call.silent)
  }

  running(): boolean {
    return !this.stopping && Date.now() < this.endAt
  }

  stopEarly(): void {
    this.stopping = true
  }

  /** Waits a random `minMs`–`maxMs` (never past the end); true while the soak is still running. */
  async nextTurn(minMs: number, maxMs: number): Promise<boolean> {
    await sleep(Math.min(between(this.random, minMs, maxMs), Math.max(0, this.endAt - Date.now())))
    return this.running()
  }
}
