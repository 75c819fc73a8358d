import * as v from 'valibot'
import { DEFAULT_HUB_PATH } from '../../protocol/wire.ts'

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
}

const positive = v.pipe(v.number(), v.finite(), v.minValue(1))

const KEY_SCHEMAS = {
  apiBaseUrl: v.pipe(
    v.string(),
    v.check(
      (value) => value === '' || /^https?:\/\/[^\s]+$/i.test(value),
      'must be "" or an http(s) URL',
    ),
  ),
  apiVersion: v.picklist(['v1', 'v2']),
  hubUrl: v.pipe(v.string(), v.minLength(1)),
  uccName: v.string(),
  requesterSipUri: v.string(),
  requestTimeoutMs: positive,
  pauseAlertSeconds: positive,
  endedCallLingerSeconds: positive,
} satisfies { [K in keyof PanelConfig]: v.GenericSchema<unknown, PanelConfig[K]> }

export interface LoadedConfig {
  config: PanelConfig
  /** Problems found; the panel shows them and uses the defaults for what was wrong. */
  warnings: string[]
}

/** Reads each known key on its own: a bad key falls back to its default and is reported, the rest still apply. */
export function parseConfig(body: unknown): LoadedConfig {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return {
      config: DEFAULT_CONFIG,
      warnings: ['config.json is not a JSON object; using the defaults.'],
    }
  }
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG }
  const warnings: string[] = []
  const record = body as Record<string, unknown>
  for (const [key, schema] of Object.entries(KEY_SCHEMAS)) {
    if (!(key in record)) continue
    const result = v.safeParse(schema, record[key])
    if (result.success) config[key] = result.output
    else warnings.push(`config.json: "${key}" ${result.issues[0].message}; using the default.`)
  }
  const unknownKeys = Object.keys(record).filter((key) => !Object.hasOwn(KEY_SCHEMAS, key))
  if (unknownKeys.length > 0)
    warnings.push(`config.json: unknown keys ignored: ${unknownKeys.join(', ')}.`)
  return { config: config as unknown as PanelConfig, warnings }
}

export async function loadConfig(
  url = './config.json',
  doFetch: typeof fetch = fetch,
): Promise<LoadedConfig> {
  let response: Response
  try {
    response = await doFetch(url, { cache: 'no-store', headers: { Accept: 'application/json' } })
  } catch {
    return fallback('config.json could not be loaded (network error); using the defaults.')
  }
  if (!response.ok)
    return fallback(
      `config.json could not be loaded (HTTP ${response.status}); using the defaults.`,
    )
  let body: unknown
  try {
    body = await response.json()
  } catch {
    return fallback('config.json is not valid JSON; using the defaults.')
  }
  return parseConfig(body)
}

function fallback(warning: string): LoadedConfig {
  return { config: DEFAULT_CONFIG, warnings: [warning] }
}
