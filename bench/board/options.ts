// `npm run bench:board`: its targets and command line.
import { Command, Option } from 'commander'
import { MAX_LOAD_CALLS, MAX_LOAD_EVENTS_PER_SECOND } from '../../simulator/load-scenario.ts'
import { commaList, parseOptions, positiveNumber, wholeNumber } from '../args.ts'
import { RESULTS_DIR } from '../harness.ts'

/** The UCCs the load scenario spreads its calls over; the board may watch any of them. */
export const LOAD_UCCS = ['ucc-demo-name', 'ucc-sales', 'ucc-support'] as const

export const TARGETS = {
  /** No long task over 50 ms once the board has rendered its first row. */
  longTasksOver50Ms: 0,
  eventToRowP95Ms: 100,
  getsPerEvent: 0.2,
} as const

export interface BenchOptions {
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

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const command = new Command('bench:board')
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
        .argParser(positiveNumber(MAX_LOAD_EVENTS_PER_SECOND)),
    )
    .addOption(
      new Option('--seconds <n>', 'length of the measured window')
        .default(60)
        .argParser(wholeNumber(1, 3600)),
    )
    .addOption(
      new Option('--ucc <names>', 'UCCs the board watches (comma-separated)')
        .default([...LOAD_UCCS], LOAD_UCCS.join(','))
        .argParser(
          commaList(
            LOAD_UCCS,
            () =>
              `Expected a comma-separated list of ${LOAD_UCCS.join(', ')} (the load scenario's UCCs).`,
            { atLeastOne: true },
          ),
        ),
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
  return parseOptions<BenchOptions>(command, argv)
}
