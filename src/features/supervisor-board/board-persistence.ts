import type {
  BoardCallRecord,
  BoardLogLine,
  BoardMemory,
  Remembered,
} from '../../ledger/board-memory.ts'
import type { UnavailableReason } from '../../ledger/ledger-db.ts'

// What the board keeps in this browser, and when it writes it: the calls it changed and let go of,
// and its event log, gathered and saved together at most once a second (one transaction), and at
// once when the page is hidden or the board stops. The memory itself (IndexedDB) is
// src/ledger/board-memory.ts; the board only hands it records.

/** Where the board's memory stands: being opened, kept, or not kept here (and why). */
export type MemoryState =
  | { readonly kept: 'opening' }
  | { readonly kept: 'calls' }
  | { readonly kept: 'ids'; readonly reason: UnavailableReason | 'failed' }

export interface BoardPersistenceOptions {
  /** Opens the memory (called once, by `begin`). */
  open: () => Promise<BoardMemory>
  /** The event log as it stands, newest first (read when saving). */
  lines: () => readonly BoardLogLine[]
  /** How long changes gather before they are written (ms). */
  everyMs?: number
  /** The memory's state changed (opened, or lost). */
  changed: (state: MemoryState) => void
}

const EVERY_MS = 1_000
const NOTHING: Remembered = { calls: [], lines: [] }

export class BoardPersistence {
  private readonly options: BoardPersistenceOptions
  private readonly everyMs: number
  private memory: Promise<BoardMemory | null> | undefined
  /** Calls to write (a record) or delete (null), by key. */
  private dirty = new Map<string, BoardCallRecord | null>()
  private logDirty = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private saving: Promise<void> | null = null
  private state: MemoryState = { kept: 'opening' }

  constructor(options: BoardPersistenceOptions) {
    this.options = options
    this.everyMs = options.everyMs ?? EVERY_MS
  }

  getState(): MemoryState {
    return this.state
  }

  /** Opens the memory (once) and gives what it remembers; nothing when it cannot be kept. */
  begin(): Promise<Remembered> {
    this.memory ??= this.options.open().then(
      (memory) => {
        this.setState(
          memory.available
            ? { kept: 'calls' }
            : { kept: 'ids', reason: memory.unavailableReason ?? 'failed' },
        )
        return memory.available ? memory : null
      },
      () => {
        this.setState({ kept: 'ids', reason: 'failed' })
        return null
      },
    )
    return this.memory.then((memory) => (memory ? memory.load() : NOTHING)).catch(() => NOTHING)
  }

  noteCall(record: BoardCallRecord): void {
    this.dirty.set(record.key, record)
    this.schedule()
  }

  forget(key: string): void {
    this.dirty.set(key, null)
    this.schedule()
  }

  noteLog(): void {
    this.logDirty = true
    this.schedule()
  }

  /** Writes what is waiting now (after the memory has opened); resolves when written. */
  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    while (this.saving) await this.saving
    if (this.dirty.size === 0 && !this.logDirty) return
    this.saving = this.write().finally(() => {
      this.saving = null
    })
    await this.saving
  }

  stop(): void {
    void this.flush()
  }

  private schedule(): void {
    if (this.timer !== undefined || this.state.kept === 'ids') return
    this.timer = setTimeout(() => {
      this.timer = undefined
      void this.flush()
    }, this.everyMs)
  }

  private async write(): Promise<void> {
    const memory = await this.memory
    const dirty = this.dirty
    const logDirty = this.logDirty
    this.dirty = new Map()
    this.logDirty = false
    if (!memory || !memory.available) return
    const put: BoardCallRecord[] = []
    const remove: string[] = []
    for (const [key, record] of dirty) {
      if (record) put.push(record)
      else remove.push(key)
    }
    try {
      await memory.save({ put, remove, lines: logDirty ? this.options.lines() : null })
    } catch {
      // Not written: said once (the board then keeps only its added ids), never retried blindly.
      this.setState({ kept: 'ids', reason: memory.unavailableReason ?? 'failed' })
    }
  }

  private setState(state: MemoryState): void {
    this.state = state
    this.options.changed(state)
  }
}
