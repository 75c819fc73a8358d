// `npm run soak`: its fixed settings and command line.
import { Command, Option } from 'commander'
import { DEFAULT_AGENT, DEFAULT_UCC } from '../../simulator/default-data.ts'
import { commaList, parseOptions, positiveNumber, wholeNumber } from '../args.ts'
import { RESULTS_DIR } from '../harness.ts'
import { FaultKind } from './fault-kind.ts'

export const SECOND_UCC = 'ucc-soak-b'
export const UCCS = [DEFAULT_UCC, SECOND_UCC] as const
export const AGENT = DEFAULT_AGENT
export const OTHER_PARTY = 'sip:payment-system@domain.com'
/** How long after the faults stop every page must show every call confirmed and true. */
export const RECOVERY_LIMIT_MS = 45_000
export const READY_TIMEOUT_MS = 30_000
/** How long one reading of a page may take. */
export const EVALUATE_TIMEOUT_MS = 5_000
/** The pause guard's warning on the agent pages, before their limit (at most the limit itself). */
export const PAUSE_WARNING_SECONDS = 5
/**
 * How much later than its limit a call may still be resumed by its guard: one retry after a
 * refused or failed resume (5 s) and the round trips of a read and a POST on a busy machine.
 */
export const PAUSE_LIMIT_SLACK_MS = 10_000

export interface SoakOptions {
  minutes: number
  seed: number
  calls: number
  board: boolean
  silent: boolean
  /** The agent pages' maxPauseSeconds (0: the guard off, and the pause limit not checked). */
  maxPauseSeconds: number
  dist: string
  out: string
  skip: FaultKind[]
}

export function parseSoakArgs(argv: readonly string[]): SoakOptions {
  const kinds = Object.values(FaultKind)
  const command = new Command('soak')
    .description(
      'The panel under random faults for minutes on end, checking that it never shows a confirmed ' +
        'Paused while the recorder runs (nor a confirmed Started while it is paused).',
    )
    .addOption(
      new Option('--minutes <n>', 'length of the soak (fractions allowed: 0.5 for a smoke test)')
        .default(10)
        .argParser(
          positiveNumber(24 * 60, 'Expected minutes above 0 (fractions allowed), at most 1440.'),
        ),
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
        '--max-pause-seconds <n>',
        "the agent pages' pause limit (config.json maxPauseSeconds): one call's agent pauses and " +
          'never resumes, and no call may stay paused past it plus 10 s while its page can resume it ' +
          '(0: the guard off, not checked)',
      )
        .default(12)
        .argParser(wholeNumber(0, 3_600)),
    )
    .addOption(
      new Option(
        '--skip <kinds>',
        `fault kinds not to inject (comma-separated: ${kinds.join(', ')})`,
      )
        .default([], 'none')
        .argParser(
          commaList(
            kinds,
            (unknown) =>
              `Unknown fault kind ${unknown.join(', ')}; expected some of ${kinds.join(', ')}.`,
          ),
        ),
    )
    .addOption(new Option('--dist <dir>', 'the built panel to serve').default('dist'))
    .addOption(
      new Option('--out <file>', 'where the JSON result goes').default(`${RESULTS_DIR}/soak.json`),
    )
  return parseOptions<SoakOptions>(command, argv)
}
