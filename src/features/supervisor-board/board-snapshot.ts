import type { RecordingApi } from '../../api/recording-api.ts'
import type { BoardMemory } from '../../ledger/board-memory.ts'
import type { LiveConnection } from '../../live/live-connection.ts'
import type { BoardCall } from './board-call.ts'
import type { BoardObserver } from './board-observer.ts'
import type { MemoryState } from './board-persistence.ts'
import type { LoggedEvent } from './event-log-buffer.ts'
import type { Lookup } from './id-lookups.ts'
import type { ReadSchedulerOptions } from './read-scheduler.ts'
import type { WatchList } from './watch-list.ts'

// What the board's store publishes, and what it is built from.

export interface BoardSnapshot {
  /** Changes with every published change, at most once per frame. */
  readonly version: number
  readonly calls: readonly BoardCall[]
  readonly lookups: readonly Lookup[]
  /** Newest first, at most `eventLogSize`. */
  readonly events: readonly LoggedEvent[]
  /** Events ignored because their correlation id could never be looked up (not a GUID). */
  readonly eventsIgnored: number
  /** Calls dropped to stay within `maxCalls` (ended and longest-quiet first). */
  readonly callsDropped: number
  readonly maxCalls: number
  /** Whether the calls are kept in this browser (IndexedDB), or only the added ids (localStorage). */
  readonly memory: MemoryState
}

/** The read budget's settings (ReadSchedulerOptions) may be given; the defaults are the board's. */
export interface BoardStoreOptions extends Pick<
  ReadSchedulerOptions,
  'maxInFlight' | 'minGetIntervalMs' | 'backgroundGetsPerSecond' | 'recheckVisibleMs'
> {
  api: Pick<RecordingApi, 'getState' | 'setRecording'>
  /** The store attaches itself while started; an action's answer is judged by its stretch. */
  live: Pick<LiveConnection, 'attach' | 'getStretch'>
  uccNames: readonly string[]
  endedLingerMs: number
  /** The most calls the board keeps (config `boardMaxCalls`). */
  maxCalls?: number
  /** Every new version of a call (for the pause ledger), with the one before it. */
  onEntry?: (previous: BoardCall | undefined, next: BoardCall) => void
  /** A call the board let go of. */
  onForget?: (call: BoardCall) => void
  eventLogSize?: number
  observer?: BoardObserver
  watchList?: WatchList
  /**
   * Opens what this browser remembers of the board (src/ledger/board-memory.ts): called once, at
   * the first start. Without it, only the watch list is kept.
   */
  memory?: () => Promise<BoardMemory>
  /** How long changes to remember gather before they are written (ms; default 1,000). */
  saveEveryMs?: number
  now?: () => number
}
