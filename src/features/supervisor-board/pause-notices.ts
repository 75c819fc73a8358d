import type { BoardCall } from './board-call.ts'

// A supervisor hears of a call paused too long once per pause, not once per clock tick or per
// reload: the calls already noticed are remembered for the tab (sessionStorage), until they are
// seen no longer paused.

const KEY = 'recording-board.noticed'
/** Noticed calls remembered at most (the oldest go first). */
const MAX_KEPT = 2_000

export type NoticeStorage = Pick<Storage, 'getItem' | 'setItem'>

export class PauseNotices {
  private readonly storage: NoticeStorage | null
  /** Keys of the calls noticed during their current pause, oldest first. */
  private readonly noticed: Set<string>
  private latestKey: string | null = null

  constructor(storage: NoticeStorage | null = safeSessionStorage()) {
    this.storage = storage
    this.noticed = new Set(read(storage))
  }

  /**
   * The calls on the board now and the clock: returns those that became paused too long since
   * they were last noticed (each once per pause). A call seen not paused (or ended) may be
   * noticed again when it pauses again; one not on the board (yet) keeps its mark.
   */
  update(calls: readonly BoardCall[], isAlerting: (call: BoardCall) => boolean): BoardCall[] {
    const fresh: BoardCall[] = []
    let changed = false
    for (const call of calls) {
      const paused = call.endedAt === null && call.state.recording === 'Paused'
      if (!paused) {
        if (this.noticed.delete(call.key)) changed = true
        continue
      }
      if (this.noticed.has(call.key) || !isAlerting(call)) continue
      this.noticed.add(call.key)
      fresh.push(call)
      changed = true
    }
    if (fresh.length > 0) this.latestKey = fresh.at(-1)!.key
    if (changed) this.save()
    return fresh
  }

  /** The call noticed last, if it is still among the noticed. */
  latest(
    calls: readonly BoardCall[],
    isAlerting: (call: BoardCall) => boolean,
  ): BoardCall | undefined {
    if (this.latestKey === null) return undefined
    const call = calls.find((candidate) => candidate.key === this.latestKey)
    return call && isAlerting(call) ? call : undefined
  }

  private save(): void {
    const keys = [...this.noticed].slice(-MAX_KEPT)
    try {
      this.storage?.setItem(KEY, JSON.stringify(keys))
    } catch {
      // Storage refused: noticed again after a reload, never more often.
    }
  }
}

function read(storage: NoticeStorage | null): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(KEY) ?? '[]')
    return Array.isArray(parsed)
      ? parsed.filter((key): key is string => typeof key === 'string')
      : []
  } catch {
    return []
  }
}

function safeSessionStorage(): NoticeStorage | null {
  try {
    return window.sessionStorage
  } catch {
    return null
  }
}
