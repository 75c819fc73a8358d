// How long a pause may last before the panel warns and resumes: the policy of a UCC, from
// config.json's pause keys and their per-UCC overrides (uccOverrides, matched in any casing).

export interface PausePolicy {
  /** 0 turns the guard off. */
  readonly maxPauseSeconds: number
  readonly pauseWarningSeconds: number
  readonly autoResume: boolean
  readonly pauseReasons: readonly string[]
}

export const PAUSE_POLICY_KEYS = [
  'maxPauseSeconds',
  'pauseWarningSeconds',
  'autoResume',
  'pauseReasons',
] as const satisfies readonly (keyof PausePolicy)[]

export const DEFAULT_PAUSE_POLICY: PausePolicy = {
  maxPauseSeconds: 180,
  pauseWarningSeconds: 30,
  autoResume: true,
  pauseReasons: [],
}

export interface PausePolicies {
  readonly defaults: PausePolicy
  /** Keyed by the lowercased UCC name. */
  readonly overrides: ReadonlyMap<string, Partial<PausePolicy>>
}

export function policyFor(policies: PausePolicies, uccName: string): PausePolicy {
  const override = policies.overrides.get(uccName.toLowerCase())
  return override ? { ...policies.defaults, ...override } : policies.defaults
}

/** The pause policies of config.json: its pause keys, and those of each UCC in uccOverrides. */
export function pausePolicies(
  config: PausePolicy & { uccOverrides: Readonly<Record<string, Partial<PausePolicy>>> },
): PausePolicies {
  const defaults: PausePolicy = {
    maxPauseSeconds: config.maxPauseSeconds,
    pauseWarningSeconds: config.pauseWarningSeconds,
    autoResume: config.autoResume,
    pauseReasons: config.pauseReasons,
  }
  return {
    defaults,
    overrides: new Map(
      Object.entries(config.uccOverrides).map(([name, policy]) => [name.toLowerCase(), policy]),
    ),
  }
}
