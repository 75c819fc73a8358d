import type { BoardObserver } from './board-observer.ts'

/**
 * Counters for the board benchmark (`npm run bench:board`), exposed as `window.__boardMetrics`
 * when the address has `bench=1`. Only {@link BoardBench} writes them; the store knows nothing of
 * them, only of the observer it may be given.
 */
export interface BoardMetrics {
  /** Every RecordingStateChangedEvent the board's listener received (any UCC). */
  eventsReceived: number
  /** Events for watched UCCs applied to the board's calls. */
  eventsApplied: number
  /** State GETs sent (confirmations and look-ups of pasted ids). */
  getsSent: number
  /** Per applied event: ms from its arrival in the page (the live listener) to the commit of the frame that shows it; the last 20,000. */
  eventToRowMs: number[]
}

declare global {
  interface Window {
    __boardMetrics?: BoardMetrics
  }
}

const SAMPLES_KEPT = 20_000

/** The benchmark's observer of the store: counts, and times each applied event to the commit that shows it. */
export class BoardBench implements BoardObserver {
  readonly metrics: BoardMetrics = {
    eventsReceived: 0,
    eventsApplied: 0,
    getsSent: 0,
    eventToRowMs: [],
  }
  private readonly perfNow: () => number
  /** Arrival times of events applied but not yet shown by a commit. */
  private pending: number[] = []

  constructor(perfNow: () => number = () => performance.now()) {
    this.perfNow = perfNow
  }

  eventReceived(): void {
    this.metrics.eventsReceived += 1
  }

  eventsApplied(arrivedAt: readonly number[]): void {
    this.metrics.eventsApplied += arrivedAt.length
    for (const at of arrivedAt) {
      if (this.pending.length >= SAMPLES_KEPT) break
      this.pending.push(at)
    }
  }

  getSent(): void {
    this.metrics.getsSent += 1
  }

  /** The board committed the frame that shows what was applied since the last call. */
  committed(): void {
    if (this.pending.length === 0) return
    const committedAt = this.perfNow()
    // A reader (the benchmark) may empty the array between commits: always this one.
    const samples = this.metrics.eventToRowMs
    for (const arrivedAt of this.pending) samples.push(committedAt - arrivedAt)
    this.pending = []
    if (samples.length > SAMPLES_KEPT) samples.splice(0, samples.length - SAMPLES_KEPT)
  }
}
