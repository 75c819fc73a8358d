// `npm run bench`: its targets, fixed settings and command line.
import { Command, Option } from 'commander'
import { recordingApiRoot } from '../../protocol/wire.ts'
import { BUDGET_RATIO } from '../../scripts/check-bundle.ts'
import { parseOptions, wholeNumber } from '../args.ts'
import { RESULTS_DIR } from '../harness.ts'

export const TARGETS = {
  /** One frame at 60 Hz. */
  panelOverheadP95Ms: 16.7,
  /** A host page's pause() → resolved, minus the bare POST: one frame too. */
  hostPauseOverheadP95Ms: 16.7,
  eventToScreenP95Ms: 16.7,
  bundleRatio: BUDGET_RATIO,
  heapGrowthMb: 5,
  lighthouseScore: 100,
} as const

/** The third party whose actions the panel learns of only through the hub. */
export const OTHER_PARTY = 'sip:payment-system@domain.com'
/** Calls besides the panel's own that the heap run's events are about. */
export const OTHER_CALLS = 200
/** Heap run: events applied in one go, and how far the page may fall behind before the next. */
export const HEAP_BATCH = 500
export const HEAP_MAX_BEHIND = 1000
/** How long the screen and the network must be still before the next sample. */
export const QUIET_MS = 150
export const SAMPLE_TIMEOUT_MS = 5000
export const REST_SET_PATH = `${recordingApiRoot('v1')}/set`

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

export interface BenchOptions {
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

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const command = new Command('bench')
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
  const options = parseOptions<CliOptions>(command, argv)
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
