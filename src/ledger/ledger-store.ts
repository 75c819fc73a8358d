import type { IDBPDatabase, IDBPObjectStore } from 'idb'
import {
  isoTime,
  ledgerCallKey,
  newRecordId,
  type IncidentPatch,
  type IncidentRecord,
  type LedgerOp,
  type LedgerPatch,
  type LedgerRecord,
} from './ledger-records.ts'
import {
  isQuotaError,
  openOrReason,
  RECORDS as STORE,
  type LedgerSchema,
  type StoredRecord,
  type UnavailableReason,
} from './ledger-db.ts'

// The pause ledger in this browser's IndexedDB, through `idb` (docs/decisions/0010-ledger-storage.md).
//
//   const ledger = await openLedger({ retentionDays: 30 })
//   ledger.apply(ops)                       // queued; written in batches, one transaction each
//   await ledger.forCall(ucc, correlationId) // that call's records, oldest first
//   ledger.subscribe((change) => …)         // changes made here and in other tabs
//
// Nothing here throws at the caller: a ledger that cannot be kept is `available: false` with its
// reason (the panel keeps working and says so), and a failed write is reported to the failure
// listeners. The ledger's object store is `records`, keyed by record id, with two indexes: `by-call`
// ([call, time], where call is `ucc|correlationid` lowercased) and `by-time` (time); the database
// and its versions are ledger-db.ts's (the board's memory keeps its own stores there).

export { LEDGER_DB_NAME } from './ledger-db.ts'
export type { UnavailableReason } from './ledger-db.ts'
export const LEDGER_CHANNEL = 'recording-panel-ledger'
const DAY_MS = 86_400_000
const RETENTION_EVERY_MS = 3_600_000

type RecordStore = IDBPObjectStore<LedgerSchema, ['records'], 'records', 'readwrite'>

/** Something the ledger could not do; `lost` ops were not written. */
export interface LedgerFailure {
  readonly operation: 'write' | 'retention' | 'queue'
  readonly error: unknown
  readonly lost: number
}

/** What changed: the calls (`ledgerCallKey`) whose records changed, or null for any call. */
export interface LedgerChange {
  readonly calls: readonly string[] | null
}

export interface LedgerOptions {
  /** Records older than this are deleted on open and once an hour (config `ledgerRetentionDays`). */
  retentionDays: number
  /** Beyond this many records the oldest go. */
  maxRecords?: number
  now?: () => number
  /** The IndexedDB to use (default: the browser's); null: none (the ledger is unavailable). */
  indexedDB?: IDBFactory | null
  /** How long ops wait to be written with the ones after them (ms). */
  batchMs?: number
  /** The most ops in one transaction. */
  maxBatch?: number
  /** The most ops waiting to be written; beyond it the oldest are dropped and reported. */
  maxQueued?: number
  openTimeoutMs?: number
  /** The BroadcastChannel other tabs hear changes on; null: this tab only. */
  channelName?: string | null
  /** Failures while opening (retention) and later: the same as `ledger.onFailure`. */
  onFailure?: (failure: LedgerFailure) => void
}

export interface NewIncident {
  readonly ucc: string
  readonly correlationId: string
  readonly requesterSipUri: string | null
  readonly marked: boolean
  /** When it was reported (default: now). */
  readonly at?: number
}

export interface Ledger {
  /** False when no ledger is kept in this browser (see `unavailableReason`). */
  readonly available: boolean
  readonly unavailableReason: UnavailableReason | null
  /** Queues ops (the recorder's); written in batches. Never throws, never waits. */
  apply(ops: readonly LedgerOp[]): void
  /** Sets the reason of the call's latest pause (queued after every op given before). */
  setPauseReason(ucc: string, correlationId: string, reason: string | null): void
  /** Queues an incident; returns its id, for `updateIncident`. */
  recordIncident(incident: NewIncident): string
  updateIncident(id: string, patch: IncidentPatch): void
  /** The call's records, oldest first (what is queued is written first). */
  forCall(ucc: string, correlationId: string): Promise<LedgerRecord[]>
  /** Every record from `fromMs` to `toMs` (inclusive), oldest first. */
  between(fromMs: number, toMs: number): Promise<LedgerRecord[]>
  /** Fires after a write here or in another tab, and when the ledger becomes unavailable. */
  subscribe(listener: (change: LedgerChange) => void): () => void
  onFailure(listener: (failure: LedgerFailure) => void): () => void
  /** Writes everything queued now. */
  flush(): Promise<void>
  /** Writes what is queued, then lets go of the database, the channel and the timers. */
  close(): Promise<void>
}

/** Opens the ledger. Never rejects: when IndexedDB cannot be used, the ledger says why. */
export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  const db = await openOrReason(options)
  if (typeof db === 'string') return new UnavailableLedger(db)
  const ledger = new IndexedDbLedger(db, options)
  await ledger.start()
  return ledger
}

class IndexedDbLedger implements Ledger {
  available = true
  unavailableReason: UnavailableReason | null = null
  private readonly db: IDBPDatabase<LedgerSchema>
  private readonly now: () => number
  private readonly retentionMs: number
  private readonly maxRecords: number
  private readonly batchMs: number
  private readonly maxBatch: number
  private readonly maxQueued: number
  private readonly channel: BroadcastChannel | null
  private readonly listeners = new Set<(change: LedgerChange) => void>()
  private readonly failureListeners = new Set<(failure: LedgerFailure) => void>()
  private queue: LedgerOp[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private retentionTimer: ReturnType<typeof setInterval> | undefined
  private writing: Promise<void> | null = null
  /** Records in the store as this tab counts them (others' writes are counted once an hour). */
  private count = 0

  constructor(db: IDBPDatabase<LedgerSchema>, options: LedgerOptions) {
    this.db = db
    this.now = options.now ?? Date.now
    this.retentionMs = options.retentionDays * DAY_MS
    this.maxRecords = options.maxRecords ?? 50_000
    this.batchMs = options.batchMs ?? 250
    this.maxBatch = options.maxBatch ?? 500
    this.maxQueued = options.maxQueued ?? 20_000
    if (options.onFailure) this.failureListeners.add(options.onFailure)
    const channelName = options.channelName === undefined ? LEDGER_CHANNEL : options.channelName
    this.channel =
      channelName !== null && typeof BroadcastChannel !== 'undefined'
        ? new BroadcastChannel(channelName)
        : null
    if (this.channel) this.channel.onmessage = (event) => this.heard(event.data)
    // A newer version of the panel wants the database, or the browser took it away.
    db.addEventListener('versionchange', () => {
      db.close()
      this.becomeUnavailable('closed')
    })
    db.addEventListener('close', () => this.becomeUnavailable('closed'))
  }

  async start(): Promise<void> {
    await this.enforceRetention()
    this.retentionTimer = setInterval(() => void this.enforceRetention(), RETENTION_EVERY_MS)
  }

  // Writing

  apply(ops: readonly LedgerOp[]): void {
    if (!this.available || ops.length === 0) return
    this.queue.push(...ops)
    const excess = this.queue.length - this.maxQueued
    if (excess > 0) {
      this.queue.splice(0, excess)
      this.fail('queue', new Error('Too many ledger writes waiting'), excess)
    }
    if (this.timer === undefined && !this.writing)
      this.timer = setTimeout(() => void this.drain(), this.batchMs)
  }

  setPauseReason(ucc: string, correlationId: string, reason: string | null): void {
    this.apply([{ type: 'pause-reason', ucc, correlationId, reason }])
  }

  recordIncident(incident: NewIncident): string {
    const at = incident.at ?? this.now()
    const record: IncidentRecord = {
      kind: 'incident',
      id: newRecordId(at),
      time: isoTime(at),
      ucc: incident.ucc,
      correlationId: incident.correlationId,
      requesterSipUri: incident.requesterSipUri,
      marked: incident.marked,
      deleted: false,
    }
    this.apply([{ type: 'append', record }])
    return record.id
  }

  updateIncident(id: string, patch: IncidentPatch): void {
    this.apply([{ type: 'patch', id, patch }])
  }

  async flush(): Promise<void> {
    while (this.writing || (this.queue.length > 0 && this.available)) {
      if (!this.writing) this.drain()
      await this.writing
    }
  }

  /** Writes the queue, a batch per transaction, until it is empty. */
  private drain(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    this.writing ??= (async () => {
      while (this.queue.length > 0 && this.available) {
        await this.write(this.queue.splice(0, this.maxBatch))
      }
    })().finally(() => {
      this.writing = null
      // Ops given between the last batch and now wait for the next one.
      if (this.queue.length > 0 && this.available && this.timer === undefined)
        this.timer = setTimeout(() => void this.drain(), this.batchMs)
    })
    return this.writing
  }

  private async write(batch: readonly LedgerOp[]): Promise<void> {
    const calls = new Set<string>()
    let trimmed = false
    try {
      await this.inTransaction(async (store) => {
        for (const op of batch) await this.applyOp(store, op, calls)
        if (this.count > this.maxRecords) trimmed = await this.trim(store)
      })
    } catch (error) {
      if (isQuotaError(error)) this.becomeUnavailable('quota')
      this.fail('write', error, batch.length)
      return
    }
    this.changed({ calls: trimmed ? null : [...calls] })
  }

  private async applyOp(store: RecordStore, op: LedgerOp, calls: Set<string>): Promise<void> {
    switch (op.type) {
      case 'append': {
        const call = ledgerCallKey(op.record.ucc, op.record.correlationId)
        await store.put({ ...op.record, call })
        this.count += 1
        calls.add(call)
        return
      }
      case 'patch': {
        const current = await store.get(op.id)
        if (!current) return // gone (retention), or its write failed
        await store.put(patched(current, op.patch))
        calls.add(current.call)
        return
      }
      case 'pause-reason': {
        const call = ledgerCallKey(op.ucc, op.correlationId)
        const index = store.index('by-call')
        // The newest pause: walk back from the call's newest record.
        let cursor = await index.openCursor(callRange(call), 'prev')
        for (; cursor; cursor = await cursor.continue()) {
          const value = cursor.value
          if (value.kind !== 'pause') continue
          await cursor.update({ ...value, reason: op.reason })
          calls.add(call)
          return
        }
        return
      }
    }
  }

  /** Runs `work` in one readwrite transaction; if it throws, nothing of it is kept. */
  private async inTransaction(work: (store: RecordStore) => Promise<void>): Promise<void> {
    const tx = this.db.transaction(STORE, 'readwrite')
    try {
      await work(tx.store)
    } catch (error) {
      try {
        tx.abort()
      } catch {
        // already finished or aborting
      }
      await tx.done.catch(() => undefined)
      throw error
    }
    await tx.done
  }

  // Retention and size

  private async enforceRetention(): Promise<void> {
    if (!this.available) return
    let removed = 0
    try {
      await this.inTransaction(async (store) => {
        const cutoff = isoTime(this.now() - this.retentionMs)
        const old = await store.index('by-time').getAllKeys(IDBKeyRange.upperBound(cutoff, true))
        await Promise.all(old.map((key) => store.delete(key)))
        removed = old.length
        this.count = await store.count()
        if (this.count > this.maxRecords && (await this.trim(store))) removed += 1
      })
    } catch (error) {
      this.fail('retention', error, 0)
      return
    }
    if (removed > 0) this.changed({ calls: null })
  }

  /** Deletes the oldest records beyond `maxRecords`. */
  private async trim(store: RecordStore): Promise<boolean> {
    const excess = (await store.count()) - this.maxRecords
    if (excess <= 0) {
      this.count = this.maxRecords + excess
      return false
    }
    const oldest = await store.index('by-time').getAllKeys(null, excess)
    await Promise.all(oldest.map((key) => store.delete(key)))
    this.count = this.maxRecords
    return true
  }

  // Reading

  async forCall(ucc: string, correlationId: string): Promise<LedgerRecord[]> {
    if (this.unavailableReason === 'closed') return []
    await this.flush()
    const rows = await this.db.getAllFromIndex(
      STORE,
      'by-call',
      callRange(ledgerCallKey(ucc, correlationId)),
    )
    return rows.map(unstored)
  }

  async between(fromMs: number, toMs: number): Promise<LedgerRecord[]> {
    if (!(fromMs <= toMs) || this.unavailableReason === 'closed') return []
    await this.flush()
    const range = IDBKeyRange.bound(isoTime(fromMs), isoTime(toMs))
    return (await this.db.getAllFromIndex(STORE, 'by-time', range)).map(unstored)
  }

  // Listeners

  subscribe(listener: (change: LedgerChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  onFailure(listener: (failure: LedgerFailure) => void): () => void {
    this.failureListeners.add(listener)
    return () => this.failureListeners.delete(listener)
  }

  private changed(change: LedgerChange): void {
    this.channel?.postMessage(change)
    this.notify(change)
  }

  /** A change another tab made. */
  private heard(data: unknown): void {
    const calls = (data as Partial<LedgerChange> | null)?.calls
    const valid =
      calls === null || (Array.isArray(calls) && calls.every((c) => typeof c === 'string'))
    this.notify({ calls: valid ? (calls as readonly string[] | null) : null })
  }

  private notify(change: LedgerChange): void {
    for (const listener of [...this.listeners]) listener(change)
  }

  private fail(operation: LedgerFailure['operation'], error: unknown, lost: number): void {
    for (const listener of [...this.failureListeners]) listener({ operation, error, lost })
  }

  private becomeUnavailable(reason: UnavailableReason): void {
    if (!this.available) return
    this.available = false
    this.unavailableReason = reason
    const lost = this.queue.length
    this.queue = []
    if (lost > 0) this.fail('write', new Error(`The ledger is unavailable (${reason})`), lost)
    this.notify({ calls: null })
  }

  async close(): Promise<void> {
    await this.flush()
    clearInterval(this.retentionTimer)
    clearTimeout(this.timer)
    this.channel?.close()
    this.available = false
    this.unavailableReason ??= 'closed'
    this.db.close()
  }
}

/** Every record of a call: [call, any time]. */
function callRange(call: string): IDBKeyRange {
  return IDBKeyRange.bound([call], [call, []])
}

function patched(current: StoredRecord, patch: LedgerPatch): StoredRecord {
  const next: Record<string, unknown> = { ...current }
  for (const [field, value] of Object.entries(patch)) {
    if (field in current && value !== undefined) next[field] = value
  }
  return next as unknown as StoredRecord
}

function unstored({ call: _call, ...record }: StoredRecord): LedgerRecord {
  return record as LedgerRecord
}

/** What the panel gets when no ledger can be kept: it does nothing, and says why. */
class UnavailableLedger implements Ledger {
  readonly available = false
  readonly unavailableReason: UnavailableReason
  constructor(reason: UnavailableReason) {
    this.unavailableReason = reason
  }
  apply(): void {}
  setPauseReason(): void {}
  recordIncident(): string {
    return newRecordId()
  }
  updateIncident(): void {}
  forCall(): Promise<LedgerRecord[]> {
    return Promise.resolve([])
  }
  between(): Promise<LedgerRecord[]> {
    return Promise.resolve([])
  }
  subscribe(): () => void {
    return () => undefined
  }
  onFailure(): () => void {
    return () => undefined
  }
  flush(): Promise<void> {
    return Promise.resolve()
  }
  close(): Promise<void> {
    return Promise.resolve()
  }
}
