import type { Step } from '../../recording-state/call-entry.ts'
import { callKey, type BoardCall } from './board-call.ts'
import type { BoardStoreOptions } from './board-snapshot.ts'
import type { EndedSweep } from './ended-sweep.ts'
import type { ReadScheduler } from './read-scheduler.ts'
import { callsToDrop } from './row-cap.ts'
import type { StoreMemory } from './store-memory.ts'
import type { WatchedIds } from './watch-list.ts'

// The board's calls by key, and what each change tells the store's other pieces: a new version of
// a call goes to the ledger (`onEntry`) and to the memory, its end to the ended sweep, and what
// the core said of it to the read scheduler; a call let go of leaves them all, and the watch list.

export interface BoardCallsOptions extends Pick<
  BoardStoreOptions,
  'uccNames' | 'onEntry' | 'onForget'
> {
  /** The most calls the board keeps (row-cap.ts). */
  maxCalls: number
  now: () => number
  reads: Pick<ReadScheduler, 'want' | 'wantNow' | 'confirmed' | 'unwant' | 'forget'>
  sweep: Pick<EndedSweep, 'note'>
  memory: Pick<StoreMemory, 'noteCall' | 'forget'>
  watched: Pick<WatchedIds, 'remove'>
  /** Calls were let go of. */
  changed: () => void
}

/**
 * How a call came: after an action (`atOnce`: a read decides at once), placed by a look-up's read
 * sent at `sentAt` (the scheduler did not send it), or given back by memory (`remembered`).
 */
export interface PutHow {
  atOnce?: boolean
  sentAt?: number
  remembered?: boolean
}

export class BoardCalls {
  private readonly options: BoardCallsOptions
  private readonly byKey = new Map<string, BoardCall>()
  private droppedCount = 0

  constructor(options: BoardCallsOptions) {
    this.options = options
  }

  get(key: string): BoardCall | undefined {
    return this.byKey.get(key)
  }

  has(key: string): boolean {
    return this.byKey.has(key)
  }

  values(): Iterable<BoardCall> {
    return this.byKey.values()
  }

  list(): BoardCall[] {
    return Array.from(this.byKey.values())
  }

  /** Calls dropped to stay within `maxCalls`. */
  get dropped(): number {
    return this.droppedCount
  }

  get maxCalls(): number {
    return this.options.maxCalls
  }

  /** Whether the call is on the board in any watched UCC. */
  isOnBoard = (correlationId: string): boolean =>
    this.options.uccNames.some((uccName) => this.byKey.has(callKey(uccName, correlationId)))

  /**
   * Keeps a call as the core left it, and tells the read scheduler what the core said: a read must
   * decide (`atOnce` after an action), or the call is confirmed (by a read sent at `sentAt`, when
   * the scheduler did not send it), or it ended and needs no read.
   */
  put({ entry, read }: Step<BoardCall>, how: PutHow = {}): void {
    const { onEntry, memory, sweep, reads, now } = this.options
    const { key } = entry
    const previous = this.byKey.get(key)
    this.byKey.set(key, entry)
    // What memory gave back is neither news for the ledger nor to be written back.
    if (previous !== entry && !how.remembered) {
      onEntry?.(previous, entry)
      memory.noteCall(previous, entry)
    }
    sweep.note(key, entry.endedAt)
    if (read && how.atOnce) reads.wantNow(key)
    else if (read) reads.want(key)
    else if (entry.confirmed) reads.confirmed(key, now(), how.sentAt)
    else if (entry.endedAt !== null) reads.unwant(key)
  }

  /** Lets go of these calls (those not on the board are passed over). */
  remove(keys: readonly string[]): void {
    const { memory, onForget, reads, watched } = this.options
    for (const key of keys) {
      const call = this.byKey.get(key)
      if (!call) continue
      this.byKey.delete(key)
      memory.forget(key)
      onForget?.(call)
      reads.forget(key)
      watched.remove(call.correlationId)
    }
    this.options.changed()
  }

  /** Drops calls (ended and longest-quiet first) when the board holds more than it may keep. */
  keepWithinCap(): void {
    const max = this.options.maxCalls
    if (this.byKey.size <= max) return
    const dropped = callsToDrop(this.byKey.values(), max)
    this.droppedCount += dropped.length
    this.remove(dropped)
  }
}
