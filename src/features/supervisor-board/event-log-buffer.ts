import type { RecordingAction } from '../../../protocol/wire.ts'

export interface LoggedEvent {
  readonly seq: number
  readonly at: number
  readonly uccName: string
  readonly correlationId: string
  readonly action: RecordingAction | undefined
}

export interface EventLogBufferOptions {
  /** Lines kept. */
  size: number
  /** Published at most once in this time: the log is for people, four times a second is live enough. */
  minPublishMs?: number
  now: () => number
  /** Lines wait to be published: call `take()` again (on the next frame) to publish them. */
  onDue: () => void
}

const MIN_PUBLISH_MS = 250

/** The board's event log: newest first, bounded, and published at most four times a second. */
export class EventLogBuffer {
  private readonly size: number
  private readonly minPublishMs: number
  private readonly now: () => number
  private readonly onDue: () => void
  private published: readonly LoggedEvent[] = []
  /** Added but not yet published, newest first. */
  private pending: LoggedEvent[] = []
  private publishedAt = -Infinity
  private timer: ReturnType<typeof setTimeout> | undefined
  private running = false
  private seq = 0
  private restoredCount = 0

  constructor(options: EventLogBufferOptions) {
    this.size = options.size
    this.minPublishMs = options.minPublishMs ?? MIN_PUBLISH_MS
    this.now = options.now
    this.onDue = options.onDue
  }

  /** Events applied in one batch, in the order they arrived. */
  add(events: readonly Omit<LoggedEvent, 'seq'>[]): void {
    if (events.length === 0) return
    const lines: LoggedEvent[] = []
    for (let i = events.length - 1; i >= 0 && lines.length < this.size; i -= 1) {
      lines.push({ ...events[i]!, seq: this.seq + i + 1 })
    }
    this.seq += events.length
    this.pending = [...lines, ...this.pending].slice(0, this.size)
  }

  /**
   * Lines kept from before (newest first), shown at once below anything added since: the log as
   * this browser remembered it.
   */
  restore(lines: readonly Omit<LoggedEvent, 'seq'>[]): void {
    const room = this.size - this.pending.length - this.published.length
    if (room <= 0 || lines.length === 0) return
    const kept = lines.slice(0, room)
    // Older than everything added so far: numbered below it, oldest lowest.
    const restored = kept.map((line, index) => ({ ...line, seq: -index - 1 - this.restoredCount }))
    this.restoredCount += kept.length
    this.published = [...this.published, ...restored]
    this.onDue()
  }

  /** Every line, published or not, newest first (what is kept of the log). */
  lines(): readonly LoggedEvent[] {
    if (this.pending.length === 0) return this.published
    return [...this.pending, ...this.published].slice(0, this.size)
  }

  /** The lines to show. Publishes what is pending when its time has come, else asks to be called again then. */
  take(): readonly LoggedEvent[] {
    if (this.pending.length === 0) return this.published
    const now = this.now()
    const dueAt = this.publishedAt + this.minPublishMs
    if (now < dueAt) {
      if (this.timer === undefined && this.running) {
        this.timer = setTimeout(() => {
          this.timer = undefined
          this.onDue()
        }, dueAt - now)
      }
      return this.published
    }
    this.published = [...this.pending, ...this.published.slice(0, this.size - this.pending.length)]
    this.pending = []
    this.publishedAt = now
    return this.published
  }

  start(): void {
    this.running = true
  }

  stop(): void {
    this.running = false
    clearTimeout(this.timer)
    this.timer = undefined
  }
}
