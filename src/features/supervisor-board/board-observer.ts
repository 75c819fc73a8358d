// What the board's store tells an observer, for measuring it (the benchmark, board-metrics.ts).

/** Told what the store does; nothing on the board depends on it, and without one nothing is counted. */
export interface BoardObserver {
  /** A hub event reached the store (for any UCC). */
  eventReceived(): void
  /** One frame applied these events to the board's calls: their arrival times (performance.now()). */
  eventsApplied(arrivedAt: readonly number[]): void
  /** A state GET was sent (a confirmation, or a look-up of an added id). */
  getSent(): void
}
