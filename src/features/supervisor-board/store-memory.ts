import type { RecordingAction } from '../../../protocol/wire.ts'
import type { BoardLogLine, BoardMemory, Remembered } from '../../ledger/board-memory.ts'
import { callKey, callRecord, recordChanged, rememberedCall, type BoardCall } from './board-call.ts'
import { BoardPersistence, type MemoryState } from './board-persistence.ts'
import type { LoggedEvent } from './event-log-buffer.ts'

// The store's side of what this browser remembers of the board: asked once, at the first start,
// for what it remembers, which comes back into the board (`restoration`); then told of every call
// that changed or went, and of the log. When and how it is written is board-persistence.ts's job;
// the memory itself is src/ledger/board-memory.ts.

/** What the memory gives back to the board. */
export interface Restoration {
  /** The remembered calls to bring back, as last known (never confirmed). */
  readonly calls: readonly BoardCall[]
  /** The event log, newest first, the watched UCCs spelled as the board spells them. */
  readonly lines: readonly Omit<LoggedEvent, 'seq'>[]
}

export interface RestorationOptions {
  uccNames: readonly string[]
  endedLingerMs: number
  now: number
  /** The call is on the board already: the board learned it while the memory was read. */
  onBoard: (key: string) => boolean
}

/**
 * What of `remembered` comes back: the watched UCCs' calls (not confirmed), with their UCC as the
 * board spells it. A call the board learned meanwhile is newer and stays; an ended call past its
 * linger time is let go of (`expired`: to forget).
 */
export function restoration(
  { calls, lines }: Remembered,
  { uccNames, endedLingerMs, now, onBoard }: RestorationOptions,
): Restoration & { readonly expired: readonly string[] } {
  const watched = new Map(uccNames.map((name) => [name.toLowerCase(), name]))
  const back: BoardCall[] = []
  const brought = new Set<string>()
  const expired: string[] = []
  for (const record of calls) {
    const uccName = watched.get(record.uccName.toLowerCase())
    if (uccName === undefined) continue
    const key = callKey(uccName, record.correlationId)
    if (key !== record.key || brought.has(key) || onBoard(key)) continue
    if (record.endedAt !== null && now - record.endedAt >= endedLingerMs) {
      expired.push(key)
      continue
    }
    brought.add(key)
    back.push(rememberedCall(record, uccName))
  }
  return {
    calls: back,
    expired,
    lines: lines.map((line) => ({
      at: line.at,
      uccName: watched.get(line.uccName.toLowerCase()) ?? line.uccName,
      correlationId: line.correlationId,
      action: (line.action ?? undefined) as RecordingAction | undefined,
    })),
  }
}

/** A line of the event log as the memory keeps it. */
export function logLine({ at, uccName, correlationId, action }: LoggedEvent): BoardLogLine {
  return { at, uccName, correlationId, action: action ?? null }
}

export interface StoreMemoryOptions {
  /** Opens the memory (at the first start). Without it, only the watch list is kept. */
  open: (() => Promise<BoardMemory>) | undefined
  /** How long changes gather before they are written (ms). */
  everyMs?: number
  uccNames: readonly string[]
  endedLingerMs: number
  now: () => number
  /** The event log as it stands, newest first (read when saving). */
  lines: () => readonly LoggedEvent[]
  /** The memory's state changed (opened, or lost). */
  changed: () => void
}

const UNSUPPORTED: MemoryState = { kept: 'ids', reason: 'unsupported' }

export class StoreMemory {
  private readonly options: StoreMemoryOptions
  private readonly persistence: BoardPersistence | undefined
  /** The memory was asked for what it remembers (once). */
  private asked = false
  private waiting = false

  constructor(options: StoreMemoryOptions) {
    this.options = options
    const { open } = options
    this.persistence = open
      ? new BoardPersistence({
          open,
          everyMs: options.everyMs,
          lines: () => options.lines().map(logLine),
          changed: () => options.changed(),
        })
      : undefined
  }

  /** Whether there is a memory to wait for: the added ids are looked up once it has answered. */
  get present(): boolean {
    return this.persistence !== undefined
  }

  /** Asked and not answered yet: added ids wait, since its calls may hold them. */
  get restoring(): boolean {
    return this.waiting
  }

  get state(): MemoryState {
    return this.persistence?.getState() ?? UNSUPPORTED
  }

  /**
   * Asks the memory (the first time only) for what it remembers, and hands what comes back to
   * `restored`; the expired calls are forgotten.
   */
  begin(onBoard: (key: string) => boolean, restored: (restoration: Restoration) => void): void {
    const { persistence } = this
    if (!persistence || this.asked) return
    this.asked = true
    this.waiting = true
    void persistence.begin().then((remembered) => {
      const { uccNames, endedLingerMs, now } = this.options
      const { expired, ...back } = restoration(remembered, {
        uccNames,
        endedLingerMs,
        now: now(),
        onBoard,
      })
      for (const key of expired) persistence.forget(key)
      this.waiting = false
      restored(back)
    })
  }

  /** A call's new version: written if it differs in anything kept. */
  noteCall(previous: BoardCall | undefined, next: BoardCall): void {
    if (this.persistence && recordChanged(previous, next))
      this.persistence.noteCall(callRecord(next))
  }

  /** A call the board let go of. */
  forget(key: string): void {
    this.persistence?.forget(key)
  }

  /** The event log changed. */
  noteLog(): void {
    this.persistence?.noteLog()
  }

  /** Writes what waits now (the page is being hidden or left). */
  saveNow(): Promise<void> {
    return this.persistence?.flush() ?? Promise.resolve()
  }

  stop(): void {
    this.persistence?.stop()
  }
}
