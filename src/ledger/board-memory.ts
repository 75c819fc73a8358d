import type { IDBPDatabase, IDBPObjectStore } from 'idb'
import {
  BOARD_CALLS,
  BOARD_LOG,
  isQuotaError,
  openOrReason,
  type LedgerSchema,
  type UnavailableReason,
} from './ledger-db.ts'

// What a supervisor board remembers in this browser, beside the pause ledger in its IndexedDB
// database (ledger-db.ts): the calls it has learned, with their last known state, and its event
// log. A board opened again (a reload, going back, the next morning) starts from them instead of
// from nothing; what it remembers is never taken as confirmed (the board reads each call again).
//
//   const memory = await openBoardMemory({ uccNames, retentionDays: 30, maxCalls: 10_000 })
//   const { calls, lines } = await memory.load()   // the watched UCCs' calls, the board's log
//   await memory.save({ put: [...], remove: [keys], lines })  // one transaction
//
// Bounded: at most `maxCalls` calls (the longest quiet go first) and nothing quiet for longer than
// `retentionDays` (both on open and after each save). Never throws at the caller on open: where
// IndexedDB cannot be used the memory is `available: false` with its reason, and the board falls
// back to its list of added ids in localStorage.

/** One call as a board last knew it. Keyed by `key`: `ucc|correlationid`, lowercased. */
export interface BoardCallRecord {
  readonly key: string
  readonly uccName: string
  readonly correlationId: string
  readonly recording: string
  readonly marking: string
  readonly saving: string
  /** When the board first saw the running pause (ms since the epoch); null when not paused. */
  readonly pausedSince: number | null
  /** False: the pause was found already running, `pausedSince` is a lower bound. */
  readonly pausedSinceExact: boolean
  /** The last event the board heard for the call: its action (the wire's number) and when. */
  readonly lastEvent: { readonly action: number | null; readonly at: number } | null
  readonly lastActivityAt: number
  /** When the board first learned of the call. */
  readonly learntAt: number
  /** When the service said it no longer knows the call; null while it does. */
  readonly endedAt: number | null
  readonly endedMessage: string | null
}

/** One line of a board's event log. */
export interface BoardLogLine {
  readonly at: number
  readonly uccName: string
  readonly correlationId: string
  /** The wire's number; null when the event named none the panel knows. */
  readonly action: number | null
}

/** A board's event log as stored: one per set of watched UCCs. */
export interface StoredBoardLog {
  readonly scope: string
  readonly savedAt: number
  readonly lines: readonly BoardLogLine[]
}

export interface Remembered {
  readonly calls: readonly BoardCallRecord[]
  /** Newest first. */
  readonly lines: readonly BoardLogLine[]
}

export interface BoardMemoryChange {
  readonly put: readonly BoardCallRecord[]
  /** Keys of calls the board let go of. */
  readonly remove: readonly string[]
  /** The whole log, newest first; null when it did not change. */
  readonly lines: readonly BoardLogLine[] | null
}

export interface BoardMemoryOptions {
  /** The watched UCCs: `load` gives their calls, and the log is theirs. */
  uccNames: readonly string[]
  /** Calls quiet for longer, and logs not saved for longer, are deleted (config `ledgerRetentionDays`). */
  retentionDays: number
  /** The most calls kept (config `boardMaxCalls`): beyond it the longest quiet go. */
  maxCalls: number
  /** The most log lines kept. */
  maxLines?: number
  /** The IndexedDB to use (default: the browser's); null: none. */
  indexedDB?: IDBFactory | null
  now?: () => number
  openTimeoutMs?: number
}

export interface BoardMemory {
  readonly available: boolean
  readonly unavailableReason: UnavailableReason | null
  load(): Promise<Remembered>
  /** Rejects when the write failed (after `quota` or `closed`, the memory is unavailable). */
  save(change: BoardMemoryChange): Promise<void>
  close(): void
}

const DAY_MS = 86_400_000
const NOTHING: Remembered = { calls: [], lines: [] }

/** The key of a board's log: its watched UCCs, lowercased, sorted. */
export function boardScope(uccNames: readonly string[]): string {
  return [...new Set(uccNames.map((name) => name.toLowerCase()))].sort().join(',')
}

/** Opens the board's memory. Never rejects: when IndexedDB cannot be used, it says why. */
export async function openBoardMemory(options: BoardMemoryOptions): Promise<BoardMemory> {
  const db = await openOrReason(options)
  if (typeof db === 'string') return unavailable(db)
  const memory = new IndexedDbBoardMemory(db, options)
  await memory.enforceBounds().catch(() => undefined)
  return memory
}

function unavailable(reason: UnavailableReason): BoardMemory {
  return {
    available: false,
    unavailableReason: reason,
    load: () => Promise.resolve(NOTHING),
    save: () => Promise.resolve(),
    close: () => undefined,
  }
}

class IndexedDbBoardMemory implements BoardMemory {
  available = true
  unavailableReason: UnavailableReason | null = null
  private readonly db: IDBPDatabase<LedgerSchema>
  private readonly uccNames: readonly string[]
  private readonly scope: string
  private readonly retentionMs: number
  private readonly maxCalls: number
  private readonly maxLines: number
  private readonly now: () => number

  constructor(db: IDBPDatabase<LedgerSchema>, options: BoardMemoryOptions) {
    this.db = db
    this.uccNames = [...new Set(options.uccNames.map((name) => name.toLowerCase()))]
    this.scope = boardScope(options.uccNames)
    this.retentionMs = options.retentionDays * DAY_MS
    this.maxCalls = options.maxCalls
    this.maxLines = options.maxLines ?? 300
    this.now = options.now ?? Date.now
    // A newer version of the panel wants the database, or the browser took it away.
    db.addEventListener('versionchange', () => {
      db.close()
      this.lose('closed')
    })
    db.addEventListener('close', () => this.lose('closed'))
  }

  async load(): Promise<Remembered> {
    if (!this.available) return NOTHING
    const tx = this.db.transaction([BOARD_CALLS, BOARD_LOG], 'readonly')
    const calls = tx.objectStore(BOARD_CALLS)
    const [found, log] = await Promise.all([
      Promise.all(this.uccNames.map((ucc) => calls.getAll(uccRange(ucc)))),
      tx.objectStore(BOARD_LOG).get(this.scope),
      tx.done,
    ])
    return {
      calls: found.flat().filter(isCallRecord),
      lines: (Array.isArray(log?.lines) ? log.lines : []).filter(isLogLine).slice(0, this.maxLines),
    }
  }

  async save(change: BoardMemoryChange): Promise<void> {
    if (!this.available) return
    const tx = this.db.transaction([BOARD_CALLS, BOARD_LOG], 'readwrite')
    const calls = tx.objectStore(BOARD_CALLS)
    try {
      const writes: Promise<unknown>[] = [
        ...change.remove.map((key) => calls.delete(key)),
        ...change.put.map((record) => calls.put(record)),
      ]
      if (change.lines !== null) {
        const lines = change.lines.slice(0, this.maxLines)
        writes.push(
          tx.objectStore(BOARD_LOG).put({ scope: this.scope, savedAt: this.now(), lines }),
        )
      }
      await Promise.all(writes)
      if (change.put.length > 0) await this.trim(calls)
      await tx.done
    } catch (error) {
      try {
        tx.abort()
      } catch {
        // already finished or aborting
      }
      await tx.done.catch(() => undefined)
      if (isQuotaError(error)) this.lose('quota')
      throw error
    }
  }

  /** Deletes what is older than the retention, and the quietest calls beyond `maxCalls`. */
  async enforceBounds(): Promise<void> {
    const tx = this.db.transaction([BOARD_CALLS, BOARD_LOG], 'readwrite')
    const cutoff = this.now() - this.retentionMs
    const calls = tx.objectStore(BOARD_CALLS)
    const old = await calls.index('by-activity').getAllKeys(IDBKeyRange.upperBound(cutoff, true))
    await Promise.all(old.map((key) => calls.delete(key)))
    await this.trim(calls)
    const logs = tx.objectStore(BOARD_LOG)
    for (const log of await logs.getAll()) {
      if (!(log.savedAt >= cutoff)) await logs.delete(log.scope)
    }
    await tx.done
  }

  close(): void {
    this.available = false
    this.unavailableReason ??= 'closed'
    this.db.close()
  }

  private async trim(calls: CallStore): Promise<void> {
    const excess = (await calls.count()) - this.maxCalls
    if (excess <= 0) return
    const quietest = await calls.index('by-activity').getAllKeys(null, excess)
    await Promise.all(quietest.map((key) => calls.delete(key)))
  }

  private lose(reason: UnavailableReason): void {
    if (!this.available) return
    this.available = false
    this.unavailableReason = reason
  }
}

type CallStore = IDBPObjectStore<
  LedgerSchema,
  ('board-calls' | 'board-log')[],
  'board-calls',
  'readwrite'
>

/** Every key of one UCC's calls: `ucc|…`. UCC names hold no `|` (call-address.ts). */
function uccRange(ucc: string): IDBKeyRange {
  return IDBKeyRange.bound(`${ucc}|`, `${ucc}|\uffff`)
}

const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)
const isText = (value: unknown): value is string => typeof value === 'string'
const isTimeOrNull = (value: unknown) => value === null || isNumber(value)

/** A stored call of the expected shape (another version of the panel, or a hand, may have left others). */
function isCallRecord(value: unknown): value is BoardCallRecord {
  const record = value as Partial<Record<keyof BoardCallRecord, unknown>> | null
  if (typeof record !== 'object' || record === null) return false
  const event = record.lastEvent as { action?: unknown; at?: unknown } | null | undefined
  return (
    isText(record.key) &&
    isText(record.uccName) &&
    isText(record.correlationId) &&
    isText(record.recording) &&
    isText(record.marking) &&
    isText(record.saving) &&
    isTimeOrNull(record.pausedSince) &&
    typeof record.pausedSinceExact === 'boolean' &&
    (event === null ||
      (typeof event === 'object' && isTimeOrNull(event.action ?? null) && isNumber(event.at))) &&
    isNumber(record.lastActivityAt) &&
    isNumber(record.learntAt) &&
    isTimeOrNull(record.endedAt) &&
    (record.endedMessage === null || isText(record.endedMessage))
  )
}

function isLogLine(value: unknown): value is BoardLogLine {
  const line = value as Partial<Record<keyof BoardLogLine, unknown>> | null
  return (
    typeof line === 'object' &&
    line !== null &&
    isNumber(line.at) &&
    isText(line.uccName) &&
    isText(line.correlationId) &&
    isTimeOrNull(line.action)
  )
}
