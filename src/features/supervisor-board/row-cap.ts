import type { BoardCall } from './board-call.ts'

/** The most calls a board keeps unless configured otherwise (`boardMaxCalls`). */
export const DEFAULT_MAX_CALLS = 10_000

/**
 * The calls to drop when the board holds more than `max`, so that a flood of distinct ids (a
 * faulty or hostile hub) cannot grow it without bound. Ended calls go first (longest ended
 * first), then calls that are not paused, then paused ones, each the longest quiet first: a pause
 * is what a supervisor watches for. It drops down to `keep` (a little below `max`), so that a
 * steady flood sorts the board once every few hundred new calls, not every frame.
 */
export function callsToDrop(
  calls: Iterable<BoardCall>,
  max: number,
  keep = dropTarget(max),
): string[] {
  const all = Array.from(calls)
  if (all.length <= max) return []
  const rank = (call: BoardCall) =>
    call.endedAt !== null ? 0 : call.state.recording === 'Paused' ? 2 : 1
  all.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (a.endedAt ?? 0) - (b.endedAt ?? 0) ||
      a.lastActivityAt - b.lastActivityAt,
  )
  return all.slice(0, all.length - keep).map((call) => call.key)
}

/** 95 % of the cap, at least one below it. */
export function dropTarget(max: number): number {
  return Math.min(max - 1, Math.floor(max * 0.95))
}
