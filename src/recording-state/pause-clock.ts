import type { PausePolicy } from './pause-policy.ts'

// A pause against its limit: for the guard on the agent panel and the board's rows.

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
