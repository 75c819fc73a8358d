import * as v from 'valibot'
import { t, type TextKey } from '../i18n/messages.ts'

// How config.json's keys are read, for the keys the first paint needs (src/app/config.ts) and for
// those read later by the parts that use them (the pause guard and ledger: pause-config.ts).

/** config.json's keys for the pause guard and ledger: read by those parts (pause-config.ts), later. */
export const PAUSE_CONFIG_KEYS = [
  'maxPauseSeconds',
  'pauseWarningSeconds',
  'autoResume',
  'pauseReasons',
  'ledgerRetentionDays',
  'uccOverrides',
] as const

/** A problem's words, looked up when a value is refused (the catalog is loaded by then). */
export const must = (key: TextKey) => () => t(key)

/**
 * A whole number within bounds: a value that passes must also work (no overflowing timer, no
 * endless wait). Checks are plain code in v.check rather than one valibot action each: the agent
 * view's first paint carries every action used.
 */
export const between = (min: number, max: number) => {
  const message = () => t('configMustBeBetween', min, max)
  return v.pipe(
    v.number(message),
    v.check((value) => Number.isInteger(value) && value >= min && value <= max, message),
  )
}

export const text = v.string(must('configMustBeText'))

/** Reads each key on its own: a bad or unknown one is reported and left out, the rest apply. */
export function readKeys(
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

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** Warnings about config.json found after the first paint, by the parts that read their keys. */
let late: readonly string[] = []
const listeners = new Set<() => void>()

export function reportConfigWarnings(warnings: readonly string[]): void {
  const fresh = warnings.filter((warning) => !late.includes(warning))
  if (fresh.length === 0) return
  late = [...late, ...fresh]
  for (const listener of listeners) listener()
}

export const lateConfigWarnings = {
  subscribe(listener: () => void) {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
  get: () => late,
}
