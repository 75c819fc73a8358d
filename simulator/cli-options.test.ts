import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, vi } from 'vitest'
import { parseCliArgs } from './cli-options.ts'

function options(argv: string[]) {
  const parsed = parseCliArgs(argv)
  if (!parsed.ok) throw new Error(`expected options, got: ${parsed.output}`)
  return parsed
}

function usageError(argv: string[]): string {
  const parsed = parseCliArgs(argv)
  if (parsed.ok) throw new Error(`expected a usage error for ${argv.join(' ')}`)
  expect(parsed.exitCode).toBe(2)
  return parsed.output
}

test('no arguments give the defaults', () => {
  expect(options([])).toEqual({
    ok: true,
    quiet: false,
    options: {
      port: 5100,
      host: '127.0.0.1',
      scenario: 'static',
      hubPath: '/attendantservice/hubs/recording',
      eventCasing: 'pascal',
      latency: 0,
      errorStatus: 'ok',
      demoRate: 5,
      negotiateRedirect: false,
    },
  })
})

test('every option is read', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sim-cli-'))
  try {
    const parsed = options([
      '--port',
      '0',
      '--host',
      '0.0.0.0',
      '--scenario',
      'demo',
      '--hub-path',
      '/custom/hub/',
      '--event-casing',
      'camel',
      '--latency',
      '250',
      '--auth-token',
      'abc',
      '--control-token',
      'ctl',
      '--allowed-host',
      'sim.internal',
      '--allowed-host',
      '[::1]',
      '--control-origin',
      'http://tools.test:8080',
      '--cors-origin',
      'http://localhost:5173',
      '--negotiate-redirect',
      '--error-status',
      'http',
      '--static',
      dir,
      '--demo-rate',
      '12.5',
      '--seed',
      '42',
      '--quiet',
    ])
    expect(parsed.quiet).toBe(true)
    expect(parsed.options).toEqual({
      port: 0,
      host: '0.0.0.0',
      scenario: 'demo',
      hubPath: '/custom/hub',
      eventCasing: 'camel',
      latency: 250,
      authToken: 'abc',
      controlToken: 'ctl',
      allowedHosts: ['sim.internal', '[::1]'],
      controlOrigins: ['http://tools.test:8080'],
      corsOrigin: 'http://localhost:5173',
      negotiateRedirect: true,
      errorStatus: 'http',
      staticDir: dir,
      demoRate: 12.5,
      seed: 42,
    })
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('--opt=value works as well as --opt value', () => {
  expect(options(['--port=5200', '--cors-origin=*']).options).toMatchObject({
    port: 5200,
    corsOrigin: '*',
  })
})

test.each([
  [['--port', 'abc'], /--port/],
  [['--port', '70000'], /0 to 65535/],
  [['--port', '-1'], /port/],
  [['--port', '80.5'], /whole number/],
  [['--latency', '-5'], /--latency/],
  [['--latency', ''], /--latency/],
  [['--demo-rate', '0'], /--demo-rate/],
  [['--demo-rate', 'many'], /--demo-rate/],
  [['--seed', '1.5'], /--seed/],
  [['--scenario', 'busy'], /Allowed choices are static, demo, load/],
  [['--event-casing', 'snake'], /pascal, camel/],
  [['--error-status', 'sometimes'], /ok, http/],
  [['--cors-origin', 'localhost:5173'], /not an origin/],
  [['--cors-origin', 'http://localhost:5173/app'], /not an origin/],
  [['--hub-path', 'hubs/recording'], /--hub-path/],
  [['--hub-path', '/__sim/hub'], /may not lie under/],
  [['--static', '/definitely/not/here'], /not a directory/],
  [['--host', ''], /--host/],
  [['--auth-token'], /argument missing/],
  [['--host', '0.0.0.0'], /needs a token: give --control-token/],
  [['--host', '192.168.1.5', '--auth-token', 'rest'], /--control-token/],
  [['--allowed-host', 'sim.internal:8080'], /not a host name/],
  [['--allowed-host', 'a b'], /not a host name/],
  [['--control-origin', '*'], /\* is not allowed/],
  [['--control-origin', 'tools.test'], /not an origin/],
  [['--bogus'], /unknown option/],
  [['extra'], /too many arguments|unknown command|excess/i],
])('%j is a usage error (exit code 2)', (argv, pattern) => {
  expect(usageError(argv)).toMatch(pattern)
})

test('the control token may come from SIMULATOR_CONTROL_TOKEN, and then the simulator may listen beyond loopback', () => {
  vi.stubEnv('SIMULATOR_CONTROL_TOKEN', 'from-env')
  try {
    expect(options(['--host', '0.0.0.0']).options).toMatchObject({
      host: '0.0.0.0',
      controlToken: 'from-env',
    })
    expect(options(['--control-token', 'given']).options.controlToken).toBe('given')
  } finally {
    vi.unstubAllEnvs()
  }
})

test('the load scenario takes its number of calls and its rate', () => {
  expect(
    options(['--scenario', 'load', '--calls', '5000', '--events-per-second', '500', '--seed', '3'])
      .options,
  ).toMatchObject({ scenario: 'load', loadCalls: 5000, loadEventsPerSecond: 500, seed: 3 })
  expect(options(['--scenario', 'load', '--events-per-second', '0.5']).options).toMatchObject({
    loadEventsPerSecond: 0.5,
  })
  const defaults = options(['--scenario', 'load']).options
  expect(defaults.loadCalls).toBeUndefined()
  expect(defaults.loadEventsPerSecond).toBeUndefined()
})

test.each([
  [['--scenario', 'load', '--calls', '0'], /--calls/],
  [['--scenario', 'load', '--calls', '2.5'], /whole number/],
  [['--scenario', 'load', '--calls', '100001'], /1 to 100000/],
  [['--scenario', 'load', '--events-per-second', '-1'], /--events-per-second/],
  [['--scenario', 'load', '--events-per-second', 'fast'], /--events-per-second/],
  [['--scenario', 'load', '--events-per-second', '10001'], /0 to 10000/],
  [['--calls', '10'], /apply to --scenario load only/],
  [['--scenario', 'demo', '--events-per-second', '10'], /apply to --scenario load only/],
])('%j is a usage error (exit code 2)', (argv, pattern) => {
  expect(usageError(argv)).toMatch(pattern)
})

test('--help prints the usage and exits 0', () => {
  const parsed = parseCliArgs(['--help'])
  expect(parsed).toMatchObject({ ok: false, exitCode: 0 })
  expect(parsed.ok ? '' : parsed.output).toMatch(/--negotiate-redirect/)
})
