import { expect, test, vi } from 'vitest'
import { DEFAULT_CONFIG, loadConfig, parseConfig, type PanelConfig } from './config.ts'

test('the defaults', () => {
  expect(DEFAULT_CONFIG).toEqual({
    apiBaseUrl: '',
    apiVersion: 'v1',
    hubUrl: '/attendantservice/hubs/recording',
    uccName: '',
    requesterSipUri: '',
    supervisorSipUri: '',
    requestTimeoutMs: 10_000,
    pauseAlertSeconds: 120,
    endedCallLingerSeconds: 30,
    boardMaxCalls: 10_000,
    pause: {},
    embed: {},
  })
})

test('an empty object gives the defaults without warnings', () => {
  expect(parseConfig({})).toEqual({ config: DEFAULT_CONFIG, warnings: [] })
})

test('every valid key is applied', () => {
  const config: PanelConfig = {
    apiBaseUrl: 'https://ucc.example.com/recorder/',
    apiVersion: 'v2',
    hubUrl: 'https://hub.example.com/recording',
    uccName: 'ucc-demo',
    requesterSipUri: 'sip:agent@example.com',
    supervisorSipUri: 'sip:supervisor@example.com',
    requestTimeoutMs: 2_500,
    pauseAlertSeconds: 60,
    endedCallLingerSeconds: 5,
    boardMaxCalls: 500,
    pause: { maxPauseSeconds: 60 },
    embed: { embedOrigins: ['https://desktop.example.com'] },
  }
  const { pause, embed, ...json } = config
  expect(parseConfig({ ...json, ...pause, ...embed })).toEqual({ config, warnings: [] })
})

test('supervisorSipUri is read as written, as requesterSipUri is (the board checks it is a SIP URI)', () => {
  expect(parseConfig({ supervisorSipUri: '' })).toEqual({ config: DEFAULT_CONFIG, warnings: [] })
  expect(parseConfig({ supervisorSipUri: 'sips:lead@example.com' })).toEqual({
    config: { ...DEFAULT_CONFIG, supervisorSipUri: 'sips:lead@example.com' },
    warnings: [],
  })
})

test('apiBaseUrl may be "" or an http(s) URL', () => {
  expect(parseConfig({ apiBaseUrl: 'http://localhost:5100' }).config.apiBaseUrl).toBe(
    'http://localhost:5100',
  )
  expect(parseConfig({ apiBaseUrl: '' }).warnings).toEqual([])
})

test.each<[keyof PanelConfig, unknown]>([
  ['apiBaseUrl', 'ftp://ucc.example.com'],
  ['apiBaseUrl', 'ucc.example.com'],
  ['apiBaseUrl', 'https://ucc example.com'],
  ['apiBaseUrl', 42],
  ['apiVersion', 'v3'],
  ['apiVersion', 2],
  ['hubUrl', ''],
  ['hubUrl', null],
  ['uccName', 7],
  ['requesterSipUri', false],
  ['supervisorSipUri', 42],
  ['requestTimeoutMs', 0],
  ['requestTimeoutMs', -5],
  ['requestTimeoutMs', '5000'],
  ['pauseAlertSeconds', Number.POSITIVE_INFINITY],
  ['pauseAlertSeconds', 0.5],
  ['endedCallLingerSeconds', null],
  ['language', 'de'],
  ['language', 'NL'],
  ['language', 'nl-BE'],
  ['language', ''],
  ['language', 1],
  // Values that used to pass validation and then misbehave:
  ['requestTimeoutMs', 1e308], // every request failed at once
  ['requestTimeoutMs', 100],
  ['endedCallLingerSeconds', 2_147_484], // overflows a timer, which then fires ~200 times a second
  ['pauseAlertSeconds', 1e9],
  ['boardMaxCalls', 0],
  ['boardMaxCalls', 1e6],
  ['hubUrl', 'javascript:alert(1)'],
  ['hubUrl', 'data:text/plain,x'],
  ['hubUrl', 'wss://hub.example.com/recording'],
  ['hubUrl', '//evil.example.com/hub'],
  ['hubUrl', '/hub?x=1'],
  ['hubUrl', 'https://user:secret@hub.example.com/hub'],
  ['apiBaseUrl', 'https://user:secret@ucc.example.com'], // made every fetch throw
  ['apiBaseUrl', 'https://ucc.example.com/?a=1'],
  ['apiBaseUrl', 'javascript:alert(1)'],
])('%s = %j is refused with a warning and the default', (key, value) => {
  const { config, warnings } = parseConfig({
    [key]: value,
    uccName: key === 'uccName' ? value : 'kept',
  })
  expect(config[key]).toEqual(key === 'uccName' ? DEFAULT_CONFIG.uccName : DEFAULT_CONFIG[key])
  if (key !== 'uccName') expect(config.uccName).toBe('kept')
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toMatch(new RegExp(`^config\\.json: "${key}" .+; using the default\\.$`))
})

test('the apiBaseUrl warning says what is expected', () => {
  expect(parseConfig({ apiBaseUrl: 'ftp://x' }).warnings).toEqual([
    'config.json: "apiBaseUrl" must be "" or an http(s) URL without user name, password, query or fragment; using the default.',
  ])
})

test('a number out of bounds says the bounds', () => {
  expect(parseConfig({ endedCallLingerSeconds: 2_147_484 }).warnings).toEqual([
    'config.json: "endedCallLingerSeconds" must be a whole number from 1 to 86,400; using the default.',
  ])
})

test.each(['en', 'nl'] as const)('language %j is applied', (language) => {
  expect(parseConfig({ language })).toEqual({
    config: { ...DEFAULT_CONFIG, language },
    warnings: [],
  })
})

test('a bad language names the key and what it must be; the browser decides', () => {
  expect(parseConfig({ language: 'de' })).toEqual({
    config: DEFAULT_CONFIG,
    warnings: ['config.json: "language" must be "en" or "nl"; using the default.'],
  })
})

test.each(['/attendantservice/hubs/recording', 'hubs/recording', 'https://hub.example.com/x'])(
  'hubUrl %j is a path or an http(s) URL: accepted',
  (hubUrl) => {
    expect(parseConfig({ hubUrl })).toEqual({ config: { ...DEFAULT_CONFIG, hubUrl }, warnings: [] })
  },
)

test('unknown keys are warned about and ignored', () => {
  const { config, warnings } = parseConfig({
    apiVersion: 'v2',
    apiBase: 'https://x',
    hubURL: '/hub',
  })
  expect(config).toEqual({ ...DEFAULT_CONFIG, apiVersion: 'v2' })
  expect(warnings).toEqual(['config.json: unknown keys ignored: apiBase, hubURL.'])
})

test('keys named like Object.prototype members are unknown keys too', () => {
  const { config, warnings } = parseConfig(JSON.parse('{"constructor": 1, "toString": "x"}'))
  expect(config).toEqual(DEFAULT_CONFIG)
  expect(warnings).toEqual(['config.json: unknown keys ignored: constructor, toString.'])
})

test.each([null, [], 'config', 42, true])(
  '%j is not an object: the defaults and a warning',
  (body) => {
    expect(parseConfig(body)).toEqual({
      config: DEFAULT_CONFIG,
      warnings: ['config.json is not a JSON object; using the defaults.'],
    })
  },
)

function fetchAnswering(answer: () => Response | Promise<Response>) {
  return vi.fn((_input: RequestInfo | URL, _init?: RequestInit) => Promise.resolve().then(answer))
}

test('loadConfig reads config.json beside the page, uncached', async () => {
  const doFetch = fetchAnswering(() => Response.json({ apiVersion: 'v2', uccName: 'ucc-demo' }))
  await expect(loadConfig(undefined, doFetch)).resolves.toEqual({
    config: { ...DEFAULT_CONFIG, apiVersion: 'v2', uccName: 'ucc-demo' },
    warnings: [],
  })
  expect(doFetch).toHaveBeenCalledWith('./config.json', {
    cache: 'no-store',
    headers: { Accept: 'application/json' },
  })
})

test('loadConfig passes warnings on from parsing', async () => {
  const doFetch = fetchAnswering(() => Response.json({ apiVersion: 'v9' }))
  const { config, warnings } = await loadConfig('/config.json', doFetch)
  expect(config).toEqual(DEFAULT_CONFIG)
  expect(warnings).toHaveLength(1)
  expect(warnings[0]).toContain('"apiVersion"')
})

test('loadConfig with a 404 uses the defaults and says so', async () => {
  const doFetch = fetchAnswering(() => new Response('Not found', { status: 404 }))
  await expect(loadConfig('./config.json', doFetch)).resolves.toEqual({
    config: DEFAULT_CONFIG,
    warnings: ['config.json could not be loaded (HTTP 404); using the defaults.'],
  })
})

test('loadConfig with a network error uses the defaults and says so', async () => {
  const doFetch = fetchAnswering(() => Promise.reject(new TypeError('Failed to fetch')))
  await expect(loadConfig('./config.json', doFetch)).resolves.toEqual({
    config: DEFAULT_CONFIG,
    warnings: ['config.json could not be loaded (network error); using the defaults.'],
  })
})

test('loadConfig with invalid JSON uses the defaults and says so', async () => {
  const doFetch = fetchAnswering(() => new Response('{ "apiVersion": "v2", }', { status: 200 }))
  await expect(loadConfig('./config.json', doFetch)).resolves.toEqual({
    config: DEFAULT_CONFIG,
    warnings: ['config.json is not valid JSON; using the defaults.'],
  })
})

test('the pause and ledger keys are passed on as given, for the parts that read them, and are not unknown', () => {
  const pause = { maxPauseSeconds: 'soon', uccOverrides: { 'ucc-sales': {} } }
  expect(parseConfig({ ...pause, hubUrl: '/hub' })).toEqual({
    config: { ...DEFAULT_CONFIG, hubUrl: '/hub', pause },
    warnings: [],
  })
})
