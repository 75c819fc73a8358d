import { isCorrelationId } from '../../lib/call-address.ts'
import type { RecordingEvent } from '../../live/parse-event.ts'

/** A hub event for a watched UCC, with that UCC as the board spells it. */
export interface AcceptedEvent {
  readonly event: RecordingEvent
  readonly uccName: string
  readonly arrivedAt: number
}

/**
 * Where the board's hub events wait for the next frame. It keeps only events the board can use:
 * those of a watched UCC (matched in any casing) whose call id a read could find (a GUID). Any
 * other id (a faulty or hostile hub: "..", scripts, 60 KB strings) makes no row and no GET; it is
 * counted, and the board says so.
 */
export class EventIntake {
  private readonly uccByLower: ReadonlyMap<string, string>
  private queue: AcceptedEvent[] = []
  ignored = 0

  constructor(uccNames: readonly string[]) {
    this.uccByLower = new Map(uccNames.map((name) => [name.toLowerCase(), name]))
  }

  /** Queues the event if the board can use it; says whether anything changed. */
  receive(event: RecordingEvent, arrivedAt: number): 'queued' | 'ignored' | 'other-ucc' {
    if (!isCorrelationId(event.correlationId)) {
      this.ignored += 1
      return 'ignored'
    }
    const uccName = this.uccByLower.get(event.uccName.toLowerCase())
    if (uccName === undefined) return 'other-ucc'
    this.queue.push({ event, uccName, arrivedAt })
    return 'queued'
  }

  get pending(): boolean {
    return this.queue.length > 0
  }

  /** The events queued since the last call, in the order they arrived. */
  take(): AcceptedEvent[] {
    const queue = this.queue
    this.queue = []
    return queue
  }
}
