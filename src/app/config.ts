import * as v from 'valibot'
import { DEFAULT_HUB_PATH } from '../../protocol/wire.ts'
import { t, type Language } from '../i18n/messages.ts'
import { between, isObject, must, PAUSE_CONFIG_KEYS, readKeys, text } from '../lib/config-read.ts'

/** Runtime configuration, read from `config.json` beside index.html, so one build deploys anywhere. */
export interface PanelConfig {
  apiBaseUrl: string
  apiVersion: 'v1' | 'v2'
  hubUrl: string
  uccName: string
  requesterSipUri: string
  /** Who the supervisor board acts as ("" : nobody, and the board offers no action). */
  supervisorSipUri: string
  requestTimeoutMs: number
  pauseAlertSeconds: number
  endedCallLingerSeconds: number
  /** The most calls the supervisor board keeps (a flood of ids cannot grow it without bound). */
  boardMaxCalls: number
  /**
   * The pause guard's and the pause ledger's keys (maxPauseSeconds, pauseWarningSeconds,
   * autoResume, pauseReasons, ledgerRetentionDays, uccOverrides) as config.json gives them: read
   * by those parts (src/lib/pause-config.ts), not by the first paint.
   */
  pause: Readonly<Record<string, unknown>>
  /** The embedding keys (embedOrigins), raw: read by the embedding bridge (src/embed/). */
  embed: Readonly<Record<string, unknown>>
  /**
   * Sign-in (`{authority, clientId, scope, redirectPath}`), raw: checked by the sign-in when it
   * loads (src/auth/auth-config.ts), a chunk of its own. None: the host's token, if any.
   */
  auth?: unknown
  /** The language when the address has no lang= (src/main.tsx reads it first); none: the browser's. */
  language?: Language
}

export const DEFAULT_CONFIG: PanelConfig = {
  apiBaseUrl: '',
  apiVersion: 'v1',
  hubUrl: DEFAULT_HUB_PATH,
  uccName: '',
  requesterSipUri: '',
  supervisorSipUri: '',
  requestTimeoutMs: 10_000,
  pauseAlertSeconds: 120,
  endedCallLingerSeconds: 30,
  boardMaxCalls: 10_000,
  pause: {},
  embed: {},
}

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
  // Checked where it is used (the board's route), as requesterSipUri is: a refused one is listed there.
  supervisorSipUri: text,
  requestTimeoutMs: between(500, 120_000),
  pauseAlertSeconds: between(1, 86_400),
  endedCallLingerSeconds: between(1, 86_400),
  boardMaxCalls: between(100, 50_000),
  // Passed on as given: checked by the sign-in's chunk, which alone needs it (src/auth/auth-config.ts).
  auth: v.unknown(),
  language: v.pipe(
    text,
    v.check((value) => value === 'en' || value === 'nl', must('configMustBeLanguage')),
    v.transform((value) => value as Language),
  ),
} satisfies {
  [K in Exclude<keyof PanelConfig, 'pause' | 'embed'>]: v.GenericSchema<unknown, PanelConfig[K]>
}

export interface LoadedConfig {
  config: PanelConfig
  /** Problems found; the panel shows them and uses the defaults for what was wrong. */
  warnings: string[]
}

/** Reads each known key on its own: a bad key falls back to its default and is reported, the rest still apply. */
export function parseConfig(body: unknown): LoadedConfig {
  const warnings: string[] = []
  if (!isObject(body)) return { config: DEFAULT_CONFIG, warnings: [t('configNotObject')] }
  const rest: Record<string, unknown> = {}
  const pause: Record<string, unknown> = {}
  const embed: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(body))
    ((PAUSE_CONFIG_KEYS as readonly string[]).includes(key)
      ? pause
      : key === 'embedOrigins'
        ? embed
        : rest)[key] = value
  const config = { ...DEFAULT_CONFIG, ...readKeys(rest, KEY_SCHEMAS, '', warnings), pause, embed }
  return { config: config as PanelConfig, warnings }
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
  const { failure } = source
  return {
    config: DEFAULT_CONFIG,
    warnings: [
      failure == 'http'
        ? t('configHttp', source.status)
        : t(failure == 'network' ? 'configNetwork' : 'configNotJson'),
    ],
  }
}

export async function loadConfig(
  url = './config.json',
  doFetch: typeof fetch = fetch,
): Promise<LoadedConfig> {
  return readConfig(await fetchConfig(url, doFetch))
}
