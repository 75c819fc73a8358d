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

/** Where a pause stands against its limit at `now`. */
export interface PauseClock {
  /** Whole seconds until the limit (0 at or past it). */
  readonly secondsLeft: number
  readonly phase: 'counting' | 'warning' | 'due'
  /** When the limit falls (ms since the epoch). */
  readonly dueAt: number
}

/** The pause clock, or null when the guard is off or nothing is paused. */
export function pauseClock(
  pausedSince: number | null,
  policy: PausePolicy,
  now: number,
): PauseClock | null {
  if (pausedSince === null || policy.maxPauseSeconds <= 0) return null
  const dueAt = pausedSince + policy.maxPauseSeconds * 1000
  const secondsLeft = Math.max(0, Math.ceil((dueAt - now) / 1000))
  const phase =
    now >= dueAt ? 'due' : secondsLeft <= policy.pauseWarningSeconds ? 'warning' : 'counting'
  return { secondsLeft, phase, dueAt }
}
