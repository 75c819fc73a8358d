import { expect, test } from 'vitest'
import { flagsProblem, simulatorOptions } from './cli-flags.ts'
import type { ParsedFlags } from './cli-flags.ts'

/** What commander gives for no arguments: the options with a default. */
const DEFAULTS: ParsedFlags = {
  port: 5100,
  host: '127.0.0.1',
  scenario: 'static',
  hubPath: '/attendantservice/hubs/recording',
  eventCasing: 'pascal',
  latency: 0,
  errorStatus: 'ok',
  demoRate: 5,
}
const flags = (given: Partial<ParsedFlags>): ParsedFlags => ({ ...DEFAULTS, ...given })

test.each([
  [{ calls: 10 }, '--calls and --events-per-second apply to --scenario load only.'],
  [
    { scenario: 'demo', eventsPerSecond: 0 },
    '--calls and --events-per-second apply to --scenario load only.',
  ],
  [{ host: '0.0.0.0' }, /needs a token: give --control-token/],
  [{ oidcAudience: 'https://api.test' }, 'the --oidc-* options apply with --oidc only.'],
  [{ oidcPort: 0, oidc: false }, 'the --oidc-* options apply with --oidc only.'],
  [{ oidc: true, authToken: 'static' }, /--oidc and --auth-token do not go together/],
  [{ oidc: true, host: '0.0.0.0', controlToken: 'control' }, /--oidc runs on loopback only/],
] as const)('%j does not go together', (given, problem) => {
  expect(flagsProblem(flags(given as Partial<ParsedFlags>))).toMatch(problem)
})

test('options that go together have no problem', () => {
  expect(flagsProblem(DEFAULTS)).toBeUndefined()
  expect(flagsProblem(flags({ scenario: 'load', calls: 10, eventsPerSecond: 0 }))).toBeUndefined()
  expect(flagsProblem(flags({ host: '0.0.0.0', controlToken: 'control' }))).toBeUndefined()
  expect(flagsProblem(flags({ oidc: true, oidcPort: 0 }))).toBeUndefined()
})

test('the flags become SimulatorOptions: renamed where the names differ, without the CLI’s own', () => {
  expect(
    simulatorOptions(
      flags({
        static: '/srv/panel',
        quiet: true,
        allowedHost: ['sim.internal'],
        controlOrigin: ['http://tools.test'],
        scenario: 'load',
        calls: 20,
        eventsPerSecond: 2,
      }),
      { oidcPort: 5101 },
    ),
  ).toEqual({
    ...DEFAULTS,
    scenario: 'load',
    staticDir: '/srv/panel',
    allowedHosts: ['sim.internal'],
    controlOrigins: ['http://tools.test'],
    loadCalls: 20,
    loadEventsPerSecond: 2,
    negotiateRedirect: false,
  })
})

test('with --oidc, the --oidc-* flags become OidcOptions, on the default port unless one is given', () => {
  expect(simulatorOptions(flags({ oidc: true }), { oidcPort: 5101 }).oidc).toEqual({ port: 5101 })
  const options = simulatorOptions(
    flags({
      oidc: true,
      oidcPort: 0,
      oidcClientId: 'panel',
      oidcRedirect: ['http://localhost:5173'],
      oidcPostLogoutRedirect: ['http://localhost:5173/bye'],
      oidcAudience: 'https://api.test',
      oidcAccessTtl: 10,
      oidcRefreshTtl: 60,
    }),
    { oidcPort: 5101 },
  )
  expect(options.oidc).toEqual({
    port: 0,
    clientId: 'panel',
    redirectUris: ['http://localhost:5173'],
    postLogoutRedirectUris: ['http://localhost:5173/bye'],
    audience: 'https://api.test',
    accessTokenTtlSeconds: 10,
    refreshTokenTtlSeconds: 60,
  })
  expect(Object.keys(options).filter((key) => key.startsWith('oidc'))).toEqual(['oidc'])
  expect(simulatorOptions(DEFAULTS, { oidcPort: 5101 })).not.toHaveProperty('oidc')
})
