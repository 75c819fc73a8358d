import * as v from 'valibot'
import { DEFAULT_HUB_PATH } from '../../protocol/wire.ts'
import { t, type TextKey } from '../i18n/messages.ts'
import { DEFAULT_PAUSE_POLICY, type PausePolicy } from '../recording-state/pause-policy.ts'

/** Runtime configuration, read from `config.json` beside index.html, so one build deploys anywhere. */
export interface PanelConfig {
  apiBaseUrl: string
  apiVersion: 'v1' | 'v2'
  hubUrl: string
  uccName: string
  requesterSipUri: string
  requestTimeoutMs: number
  pauseAlertSeconds: number
  endedCallLingerSeconds: number
  /** The most calls the supervisor board keeps (a flood of ids cannot grow it without bound). */
  boardMaxCalls: number
  /** The pause guard: 0 turns it off. */
  maxPauseSeconds: number
  pauseWarningSeconds: number
  autoResume: boolean
  pauseReasons: readonly string[]
  ledgerRetentionDays: number
  /** Pause keys per UCC (matched in any casing). */
  uccOverrides: Readonly<Record<string, Partial<PausePolicy>>>
}

export const DEFAULT_CONFIG: PanelConfig = {
  apiBaseUrl: '',
  apiVersion: 'v1',
  hubUrl: DEFAULT_HUB_PATH,
  uccName: '',
  requesterSipUri: '',
  requestTimeoutMs: 10_000,
  pauseAlertSeconds: 120,
  endedCallLingerSeconds: 30,
  boardMaxCalls: 10_000,
  ...DEFAULT_PAUSE_POLICY,
  ledgerRetentionDays: 30,
  uccOverrides: {},
}

/** A problem's words, looked up when a value is refused (the catalog is loaded by then). */
const must = (key: TextKey) => () => t(key)

/** A whole number within bounds: a value that passes must also work (no overflowing timer, no endless wait). */
// (Checks are written as v.check with plain code rather than one valibot action each: the
// agent view's first paint carries every action used here.)
const between = (min: number, max: number) => {
  const message = () => t('configMustBeBetween', min, max)
  return v.pipe(
    v.number(message),
    v.check((value) => Number.isInteger(value) && value >= min && value <= max, message),
  )
}
const text = v.string(must('configMustBeText'))

/**
 * An absolute http(s) URL that `fetch` and the hub client can use as given: no user info (fetch
 * refuses it), no query or fragment (paths are appended to it), no spaces.
 */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/[^\s]+$/i.test(value)) return false
  try {
    const url = new URL(value)
    return !url.username && !url.password && !url.search && !url.hash
  } catch {
    return false
  }
}

/** A plain path on the API's origin ("/hubs/x" or "hubs/x"): no scheme, no host, no query. */
export function isPlainPath(value: string): boolean {
  return (
    /^\/?[\w.~!$&'()*+,;=@%-]+(\/[\w.~!$&'()*+,;=@%-]*)*$/.test(value) && !value.startsWith('//')
  )
}

/** The pause keys, at the top level and in each of uccOverrides. */
const PAUSE_SCHEMAS = {
  maxPauseSeconds: between(0, 3_600),
  pauseWarningSeconds: between(0, 3_600),
  autoResume: v.boolean(must('configMustBeBoolean')),
  pauseReasons: v.pipe(
    v.unknown(),
    v.check(
      (value) => Array.isArray(value) && value.every((reason) => typeof reason === 'string'),
      must('configMustBeReasons'),
    ),
    v.transform((reasons) => (reasons as string[]).map((reason) => reason.trim())),
    v.check(
      (reasons) =>
        reasons.length <= 12 && reasons.every((reason) => /^[^\p{Cc}]{1,60}$/u.test(reason)),
      must('configMustBeReasons'),
    ),
    v.transform((reasons) => [...new Set(reasons)]),
  ),
} satisfies { [K in keyof PausePolicy]: v.GenericSchema<unknown, PausePolicy[K]> }

const KEY_SCHEMAS = {
  apiBaseUrl: v.pipe(
    text,
    v.check((value) => value === '' || isHttpUrl(value), must('configMustBeUrl')),
  ),
  apiVersion: v.pipe(
    text,
    v.check((value) => value === 'v1' || value === 'v2', must('configMustBeVersion')),
    v.transform((value) => value as 'v1' | 'v2'),
  ),
  hubUrl: v.pipe(
    text,
    v.check((value) => isHttpUrl(value) || isPlainPath(value), must('configMustBeHubUrl')),
  ),
  uccName: text,
  requesterSipUri: text,
  requestTimeoutMs: between(500, 120_000),
  pauseAlertSeconds: between(1, 86_400),
  endedCallLingerSeconds: between(1, 86_400),
  boardMaxCalls: between(100, 50_000),
  ...PAUSE_SCHEMAS,
  ledgerRetentionDays: between(1, 3_650),
  // Only the shape here: readOverrides checks each UCC's pause keys one by one.
  uccOverrides: v.pipe(
    v.unknown(),
    v.check(isObject, must('configMustBeOverrides')),
    v.transform((value) => value as Record<string, Partial<PausePolicy>>),
  ),
} satisfies { [K in keyof PanelConfig]: v.GenericSchema<unknown, PanelConfig[K]> }

export interface LoadedConfig {
  config: PanelConfig
  /** Problems found; the panel shows them and uses the defaults for what was wrong. */
  warnings: string[]
}

/** Reads each known key on its own: a bad key falls back to its default and is reported, the rest still apply. */
export function parseConfig(body: unknown): LoadedConfig {
  const warnings: string[] = []
  if (!isObject(body)) return { config: DEFAULT_CONFIG, warnings: [t('configNotObject')] }
  const config = { ...DEFAULT_CONFIG, ...readKeys(body, KEY_SCHEMAS, '', warnings) }
  const overrides: Record<string, Partial<PausePolicy>> = {}
  for (const [uccName, value] of Object.entries(config.uccOverrides)) {
    const where = `uccOverrides.${uccName}`
    if (isObject(value)) overrides[uccName] = readKeys(value, PAUSE_SCHEMAS, `${where}.`, warnings)
    else warnings.push(t('configBadKey', where, t('configMustBeObject')))
  }
  return { config: { ...config, uccOverrides: overrides } as PanelConfig, warnings }
}

/** Reads each key on its own: a bad or unknown one is reported and left out, the rest apply. */
function readKeys(
  record: Record<string, unknown>,
  schemas: Record<string, v.GenericSchema>,
  prefix: string,
  warnings: string[],
): Record<string, unknown> {
  const read: Record<string, unknown> = {}
  const unknown: string[] = []
  for (const [key, raw] of Object.entries(record)) {
    if (!Object.hasOwn(schemas, key)) {
      unknown.push(prefix + key)
      continue
    }
    const result = v.safeParse(schemas[key]!, raw)
    if (result.success) read[key] = result.output
    else warnings.push(t('configBadKey', prefix + key, result.issues[0].message))
  }
  if (unknown.length > 0) warnings.push(t('configUnknownKeys', unknown.join(', ')))
  return read
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** What came back for config.json: its body, or why there is none. */
export type ConfigSource =
  | { body: unknown }
  | { failure: 'network' }
  | { failure: 'http'; status: number }
  | { failure: 'not-json' }

/** Fetches config.json (never from a cache). Never rejects: a failure is a source of its own. */
export async function fetchConfig(
  url = './config.json',
  doFetch: typeof fetch = fetch,
): Promise<ConfigSource> {
  let response: Response
  try {
    response = await doFetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } })
  } catch {
    return { failure: 'network' }
  }
  if (!response.ok) return { failure: 'http', status: response.status }
  try {
    return { body: await response.json() }
  } catch {
    return { failure: 'not-json' }
  }
}

/** The configuration from what was fetched, with the warnings to show (the messages are loaded). */
export function readConfig(source: ConfigSource): LoadedConfig {
  if ('body' in source) return parseConfig(source.body)
  switch (source.failure) {
    case 'network':
      return fallback(t('configNetwork'))
    case 'http':
      return fallback(t('configHttp', source.status))
    case 'not-json':
      return fallback(t('configNotJson'))
  }
}

export async function loadConfig(
  url = './config.json',
  doFetch: typeof fetch = fetch,
): Promise<LoadedConfig> {
  return readConfig(await fetchConfig(url, doFetch))
}

function fallback(warning: string): LoadedConfig {
  return { config: DEFAULT_CONFIG, warnings: [warning] }
}
