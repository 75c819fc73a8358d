// What commander parsed, once each value passed its own parser (cli-values.ts): the checks across
// options (a usage error, with the reason), and the SimulatorOptions the flags make.
import { exposureProblem } from './addresses.ts'
import type { ErrorStatusMode } from './errors.ts'
import { oidcProblem } from './oidc/options.ts'
import type { OidcOptions } from './oidc/options.ts'
import { ScenarioName } from './scenarios.ts'
import type { SimulatorOptions } from './server.ts'
import type { EventCasing } from './settings.ts'

/** The options as commander gives them (`program.opts()`), named after the flags. */
export interface ParsedFlags {
  port: number
  host: string
  scenario: ScenarioName
  hubPath: string
  eventCasing: EventCasing
  latency: number
  authToken?: string
  controlToken?: string
  allowedHost?: string[]
  controlOrigin?: string[]
  corsOrigin?: string
  negotiateRedirect?: boolean
  errorStatus: ErrorStatusMode
  static?: string
  demoRate: number
  calls?: number
  eventsPerSecond?: number
  seed?: number
  quiet?: boolean
  oidc?: boolean
  oidcPort?: number
  oidcClientId?: string
  oidcRedirect?: string[]
  oidcPostLogoutRedirect?: string[]
  oidcAudience?: string
  oidcAccessTtl?: number
  oidcRefreshTtl?: number
}

type OidcFlag = Exclude<Extract<keyof ParsedFlags, `oidc${string}`>, 'oidc'>

/** Each --oidc-* option and where it goes in OidcOptions. */
const OIDC_FLAGS: Record<OidcFlag, keyof OidcOptions> = {
  oidcPort: 'port',
  oidcClientId: 'clientId',
  oidcRedirect: 'redirectUris',
  oidcPostLogoutRedirect: 'postLogoutRedirectUris',
  oidcAudience: 'audience',
  oidcAccessTtl: 'accessTokenTtlSeconds',
  oidcRefreshTtl: 'refreshTokenTtlSeconds',
}

/** Why these options do not go together (without the `error: ` the CLI puts before it), or
 *  undefined when they do. */
export function flagsProblem(flags: ParsedFlags): string | undefined {
  if (
    flags.scenario !== ScenarioName.Load &&
    (flags.calls !== undefined || flags.eventsPerSecond !== undefined)
  ) {
    return '--calls and --events-per-second apply to --scenario load only.'
  }
  const exposure = exposureProblem(flags.host, flags.controlToken)
  if (exposure) return exposure
  const oidcFlags = Object.keys(OIDC_FLAGS).filter((flag) => flags[flag as OidcFlag] !== undefined)
  if (!flags.oidc && oidcFlags.length > 0) return 'the --oidc-* options apply with --oidc only.'
  return flags.oidc ? oidcProblem(flags.host, flags.authToken) : undefined
}

function oidcOptions(flags: ParsedFlags, defaultPort: number): OidcOptions | undefined {
  if (!flags.oidc) return undefined
  const options: Record<string, unknown> = { port: defaultPort }
  for (const [flag, option] of Object.entries(OIDC_FLAGS)) {
    const value = flags[flag as OidcFlag]
    if (value !== undefined) options[option] = value
  }
  return options as OidcOptions
}

/** The simulator's options from the flags; with --oidc the provider listens on `oidcPort`
 *  unless --oidc-port says otherwise. */
export function simulatorOptions(
  flags: ParsedFlags,
  defaults: { oidcPort: number },
): SimulatorOptions {
  const {
    static: staticDir,
    quiet: _quiet,
    negotiateRedirect,
    calls,
    eventsPerSecond,
    allowedHost,
    controlOrigin,
    oidc: _oidc,
    oidcPort: _oidcPort,
    oidcClientId: _oidcClientId,
    oidcRedirect: _oidcRedirect,
    oidcPostLogoutRedirect: _oidcPostLogoutRedirect,
    oidcAudience: _oidcAudience,
    oidcAccessTtl: _oidcAccessTtl,
    oidcRefreshTtl: _oidcRefreshTtl,
    ...rest
  } = flags
  const oidc = oidcOptions(flags, defaults.oidcPort)
  return {
    ...rest,
    ...(oidc ? { oidc } : {}),
    ...(allowedHost === undefined ? {} : { allowedHosts: allowedHost }),
    ...(controlOrigin === undefined ? {} : { controlOrigins: controlOrigin }),
    negotiateRedirect: negotiateRedirect ?? false,
    ...(staticDir === undefined ? {} : { staticDir }),
    ...(calls === undefined ? {} : { loadCalls: calls }),
    ...(eventsPerSecond === undefined ? {} : { loadEventsPerSecond: eventsPerSecond }),
  }
}
