// The CLI's options: each flag with its help, default and value parser (cli-values.ts), and
// parseCliArgs, which reads them and hands the checks across options to cli-flags.ts.
import { Command, CommanderError, Option } from 'commander'
import { DEFAULT_HUB_PATH } from '../protocol/wire.ts'
import { flagsProblem, simulatorOptions } from './cli-flags.ts'
import type { ParsedFlags } from './cli-flags.ts'
import {
  audience,
  collect,
  controlOrigin,
  corsOrigin,
  directory,
  eventsPerSecond,
  hostName,
  hubPath,
  integerIn,
  nonEmpty,
  positiveRate,
  redirectUri,
} from './cli-values.ts'
import { ErrorStatusMode } from './errors.ts'
import {
  DEFAULT_LOAD_CALLS,
  DEFAULT_LOAD_EVENTS_PER_SECOND,
  MAX_LOAD_CALLS,
} from './load-scenario.ts'
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_OIDC_AUDIENCE,
  DEFAULT_OIDC_CLIENT_ID,
  DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
  MAX_TOKEN_TTL_SECONDS,
} from './oidc/options.ts'
import { DEFAULT_DEMO_RATE, ScenarioName } from './scenarios.ts'
import { DEFAULT_HOST } from './server.ts'
import type { SimulatorOptions } from './server.ts'
import { EventCasing } from './settings.ts'

export const DEFAULT_PORT = 5100
/** The CLI's provider port (`--oidc-port`); in-process use defaults to a free one. */
export const DEFAULT_OIDC_PORT = 5101
export const USAGE_ERROR = 2

export type CliParse =
  | { ok: true; options: SimulatorOptions; quiet: boolean }
  /** Help (exit code 0) or a usage error (exit code 2), with the text to print. */
  | { ok: false; exitCode: number; output: string }

function createProgram(): Command {
  return new Command('simulator')
    .description(
      'Anywhere365 attendant service simulator: recording REST API, SignalR hub and control API.',
    )
    .addOption(
      new Option('--port <port>', 'port to listen on (0: any free port)')
        .default(DEFAULT_PORT)
        .argParser(integerIn(0, 65535, 'a port')),
    )
    .addOption(
      new Option('--host <host>', 'address to listen on').default(DEFAULT_HOST).argParser(nonEmpty),
    )
    .addOption(
      new Option('--scenario <name>', 'data and activity')
        .choices(Object.values(ScenarioName))
        .default(ScenarioName.Static),
    )
    .addOption(
      new Option('--hub-path <path>', 'path of the SignalR hub')
        .default(DEFAULT_HUB_PATH)
        .argParser(hubPath),
    )
    .addOption(
      new Option('--event-casing <casing>', 'property casing of hub event arguments')
        .choices(Object.values(EventCasing))
        .default(EventCasing.Pascal),
    )
    .addOption(
      new Option('--latency <ms>', 'milliseconds added to every REST answer')
        .default(0)
        .argParser(integerIn(0, 600_000, 'milliseconds')),
    )
    .addOption(
      new Option(
        '--auth-token <token>',
        'require Authorization: Bearer <token> on REST and the hub',
      ).argParser(nonEmpty),
    )
    .addOption(
      new Option(
        '--control-token <token>',
        'require Authorization: Bearer <token> on the control API (/__sim/); needed beyond loopback',
      )
        .env('SIMULATOR_CONTROL_TOKEN')
        .argParser(nonEmpty),
    )
    .addOption(
      new Option(
        '--allowed-host <name>',
        'a Host name the control API answers to besides loopback and --host (repeatable)',
      ).argParser(collect(hostName)),
    )
    .addOption(
      new Option(
        '--control-origin <origin>',
        'an origin whose pages may use the control API (repeatable)',
      ).argParser(collect(controlOrigin)),
    )
    .addOption(
      new Option(
        '--cors-origin <origin>',
        'allow this origin (or *, or a comma-separated list) with credentials',
      ).argParser(corsOrigin),
    )
    .addOption(
      new Option(
        '--negotiate-redirect',
        'answer negotiate with a redirect (Azure SignalR style) first',
      ),
    )
    .addOption(
      new Option('--error-status <mode>', 'ok: errors come with 200; http: with 4xx')
        .choices(Object.values(ErrorStatusMode))
        .default(ErrorStatusMode.Ok),
    )
    .addOption(
      new Option('--static <dir>', 'serve a built panel from this directory at /').argParser(
        directory,
      ),
    )
    .addOption(
      new Option('--demo-rate <callsPerMinute>', 'new calls per minute in the demo scenario')
        .default(DEFAULT_DEMO_RATE)
        .argParser(positiveRate),
    )
    .addOption(
      new Option(
        '--calls <n>',
        `calls the load scenario creates (default: ${DEFAULT_LOAD_CALLS})`,
      ).argParser(integerIn(1, MAX_LOAD_CALLS, 'a number of calls')),
    )
    .addOption(
      new Option(
        '--events-per-second <n>',
        `state changes a second in the load scenario (default: ${DEFAULT_LOAD_EVENTS_PER_SECOND})`,
      ).argParser(eventsPerSecond),
    )
    .addOption(
      new Option('--seed <n>', 'make the demo and load scenarios repeatable').argParser(
        integerIn(0, 2 ** 32 - 1, 'a seed'),
      ),
    )
    .addOption(
      new Option(
        '--oidc',
        'run an OpenID Provider (test users) on loopback; REST and the hub then need its access tokens',
      ),
    )
    .addOption(
      new Option(
        '--oidc-port <port>',
        `the provider's port (default: ${DEFAULT_OIDC_PORT}; 0: any free port)`,
      ).argParser(integerIn(0, 65535, 'a port')),
    )
    .addOption(
      new Option(
        '--oidc-client-id <id>',
        `the panel's client id (default: ${DEFAULT_OIDC_CLIENT_ID})`,
      ).argParser(nonEmpty),
    )
    .addOption(
      new Option(
        '--oidc-redirect <uri>',
        'a redirect URI, or an origin for any path there (repeatable; the simulator itself is always allowed)',
      ).argParser(collect(redirectUri)),
    )
    .addOption(
      new Option(
        '--oidc-post-logout-redirect <uri>',
        'a post-logout redirect URI, or an origin (repeatable)',
      ).argParser(collect(redirectUri)),
    )
    .addOption(
      new Option(
        '--oidc-audience <uri>',
        `the API's resource indicator, the access tokens' aud (default: ${DEFAULT_OIDC_AUDIENCE})`,
      ).argParser(audience),
    )
    .addOption(
      new Option(
        '--oidc-access-ttl <seconds>',
        `access token lifetime (default: ${DEFAULT_ACCESS_TOKEN_TTL_SECONDS})`,
      ).argParser(integerIn(1, MAX_TOKEN_TTL_SECONDS, 'seconds')),
    )
    .addOption(
      new Option(
        '--oidc-refresh-ttl <seconds>',
        `refresh token and session lifetime (default: ${DEFAULT_REFRESH_TOKEN_TTL_SECONDS})`,
      ).argParser(integerIn(1, MAX_TOKEN_TTL_SECONDS, 'seconds')),
    )
    .addOption(new Option('--quiet', 'do not log requests and changes'))
    .allowExcessArguments(false)
    .exitOverride()
}

/** The simulator's options from the command line (without `node` and the script); never exits the process. */
export function parseCliArgs(argv: readonly string[]): CliParse {
  let output = ''
  const program = createProgram().configureOutput({
    writeOut: (text) => (output += text),
    writeErr: (text) => (output += text),
  })
  try {
    program.parse([...argv], { from: 'user' })
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    return { ok: false, exitCode: error.exitCode === 0 ? 0 : USAGE_ERROR, output }
  }
  const flags = program.opts<ParsedFlags>()
  const problem = flagsProblem(flags)
  if (problem) return { ok: false, exitCode: USAGE_ERROR, output: `error: ${problem}\n` }
  return {
    ok: true,
    options: simulatorOptions(flags, { oidcPort: DEFAULT_OIDC_PORT }),
    quiet: flags.quiet ?? false,
  }
}
