// Calls the service no longer knows stay on the board for a while ("ended"), then go.

export interface EndedSweepOptions {
  lingerMs: number
  now: () => number
  /** These calls ended at least `lingerMs` ago: remove them. */
  remove: (keys: string[]) => void
}

/** Tracks when each ended call ended, and removes each after its own linger time, with one timer. */
export class EndedSweep {
  private readonly lingerMs: number
  private readonly now: () => number
  private readonly remove: (keys: string[]) => void
  private readonly endedAt = new Map<string, number>()
  private timer: ReturnType<typeof setTimeout> | undefined
  private running = false

  constructor(options: EndedSweepOptions) {
    this.lingerMs = options.lingerMs
    this.now = options.now
    this.remove = options.remove
  }

  /** The call's end as it now stands: when it ended, or null when it is known again (or gone). */
  note(key: string, endedAt: number | null): void {
    const before = this.endedAt.get(key)
    if (endedAt === null) {
      if (before === undefined) return
      this.endedAt.delete(key)
    } else {
      if (before === endedAt) return
      this.endedAt.set(key, endedAt)
    }
    this.schedule()
  }

  start(): void {
    this.running = true
    this.schedule()
  }

  stop(): void {
    this.running = false
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule(): void {
    clearTimeout(this.timer)
    this.timer = undefined
    if (!this.running || this.endedAt.size === 0) return
    let first = Infinity
    for (const endedAt of this.endedAt.values()) first = Math.min(first, endedAt)
    this.timer = setTimeout(() => this.sweep(), Math.max(0, first + this.lingerMs - this.now()))
  }

  private sweep(): void {
    this.timer = undefined
    const now = this.now()
    const expired: string[] = []
    for (const [key, endedAt] of this.endedAt) {
      if (now - endedAt >= this.lingerMs) expired.push(key)
    }
    for (const key of expired) this.endedAt.delete(key)
    if (expired.length > 0) this.remove(expired)
    this.schedule()
  }
}
