/**
 * Counters for the board benchmark (`npm run bench:board`), exposed as `window.__boardMetrics`
 * when the address has `bench=1`. The store updates them in place.
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

export function createBoardMetrics(): BoardMetrics {
  return { eventsReceived: 0, eventsApplied: 0, getsSent: 0, eventToRowMs: [] }
}
