import * as v from 'valibot'
import { t } from '../i18n/messages.ts'
import {
  DEFAULT_PAUSE_POLICY,
  pausePolicies,
  type PausePolicies,
  type PausePolicy,
} from '../recording-state/pause-policy.ts'
import { between, isObject, must, readKeys, reportConfigWarnings } from './config-read.ts'

// config.json's keys for the pause guard and the pause ledger, read by the parts that use them
// (after the agent view's first paint; in the board's chunk), not by the first paint itself.

/** The pause keys, at the top level and in each of uccOverrides. */
const PAUSE_SCHEMAS = {
  maxPauseSeconds: between(0, 3_600),
  pauseWarningSeconds: between(0, 3_600),
  autoResume: v.boolean(must('configMustBeBoolean')),
  // A list checked in plain code: v.array would join the first paint (docs/decisions/0001).
  pauseReasons: v.pipe(
    v.unknown(),
    v.check(
      (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
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

const SCHEMAS = {
  ...PAUSE_SCHEMAS,
  ledgerRetentionDays: between(1, 3_650),
  uccOverrides: v.pipe(v.unknown(), v.check(isObject, must('configMustBeOverrides'))),
}

export interface PauseConfig {
  policies: PausePolicies
  ledgerRetentionDays: number
  warnings: string[]
}

const read = new WeakMap<object, PauseConfig>()

/**
 * The pause policies (defaults and per UCC) and the ledger's retention from config.json's raw
 * values of these keys. Each key is checked on its own, as at start; problems are added to the
 * configuration warnings the panel shows. The same raw values are read once.
 */
export function readPauseConfig(raw: Readonly<Record<string, unknown>>): PauseConfig {
  const known = read.get(raw)
  if (known) return known
  const warnings: string[] = []
  const values = readKeys({ ...raw }, SCHEMAS, '', warnings) as Partial<
    PausePolicy & { ledgerRetentionDays: number; uccOverrides: Record<string, unknown> }
  >
  const overrides: Record<string, Partial<PausePolicy>> = {}
  for (const [uccName, value] of Object.entries(values.uccOverrides ?? {})) {
    const where = `uccOverrides.${uccName}`
    if (isObject(value)) overrides[uccName] = readKeys(value, PAUSE_SCHEMAS, `${where}.`, warnings)
    else warnings.push(t('configBadKey', where, t('configMustBeObject')))
  }
  const config: PauseConfig = {
    policies: pausePolicies({ ...DEFAULT_PAUSE_POLICY, ...values, uccOverrides: overrides }),
    ledgerRetentionDays: values.ledgerRetentionDays ?? 30,
    warnings,
  }
  read.set(raw, config)
  reportConfigWarnings(warnings)
  return config
}
