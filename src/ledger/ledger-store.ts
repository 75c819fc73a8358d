import type { IDBPDatabase } from 'idb'
import {
  isoTime,
  newRecordId,
  type IncidentPatch,
  type IncidentRecord,
  type LedgerOp,
  type LedgerRecord,
} from './ledger-records.ts'
import {
  isQuotaError,
  openOrReason,
  type LedgerSchema,
  type UnavailableReason,
} from './ledger-db.ts'
import { LedgerChanges, type LedgerChange } from './ledger-changes.ts'
import { WriteQueue } from './ledger-write-queue.ts'
import { applyOp, inRecordsTransaction } from './ledger-writes.ts'
import { pruneRecords, RETENTION_EVERY_MS, trimOldest } from './ledger-retention.ts'
import { recordsBetween, recordsOfCall } from './ledger-queries.ts'
import { UnavailableLedger } from './unavailable-ledger.ts'

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
//
// This module joins the ledger's jobs: the write queue and its batches (ledger-write-queue.ts),
// each batch's transaction (ledger-writes.ts), retention and size (ledger-retention.ts), reads
// (ledger-queries.ts) and who hears of changes, in this tab and others (ledger-changes.ts); where
// no ledger can be kept, the panel gets an UnavailableLedger (unavailable-ledger.ts).

export { LEDGER_DB_NAME } from './ledger-db.ts'
export type { UnavailableReason } from './ledger-db.ts'
export { LEDGER_CHANNEL } from './ledger-changes.ts'
export type { LedgerChange } from './ledger-changes.ts'
const DAY_MS = 86_400_000

/** Something the ledger could not do; `lost` ops were not written. */
export interface LedgerFailure {
  readonly operation: 'write' | 'retention' | 'queue'
  readonly error: unknown
  readonly lost: number
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
  private readonly queue: WriteQueue<LedgerOp>
  private readonly changes: LedgerChanges
  private readonly failureListeners = new Set<(failure: LedgerFailure) => void>()
  private retentionTimer: ReturnType<typeof setInterval> | undefined
  /** Records in the store as this tab counts them (others' writes are counted once an hour). */
  private count = 0

  constructor(db: IDBPDatabase<LedgerSchema>, options: LedgerOptions) {
    this.db = db
    this.now = options.now ?? Date.now
    this.retentionMs = options.retentionDays * DAY_MS
    this.maxRecords = options.maxRecords ?? 50_000
    this.queue = new WriteQueue<LedgerOp>({
      batchMs: options.batchMs ?? 250,
      maxBatch: options.maxBatch ?? 500,
      maxQueued: options.maxQueued ?? 20_000,
      write: (batch) => this.write(batch),
      writable: () => this.available,
      dropped: (lost) => this.fail('queue', new Error('Too many ledger writes waiting'), lost),
    })
    if (options.onFailure) this.failureListeners.add(options.onFailure)
    this.changes = new LedgerChanges(options.channelName)
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
    if (this.available) this.queue.push(ops)
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

  flush(): Promise<void> {
    return this.queue.flush()
  }

  /** Writes one batch in one transaction: all of it, or (reported) none of it. */
  private async write(batch: readonly LedgerOp[]): Promise<void> {
    const calls = new Set<string>()
    let trimmed = false
    try {
      await inRecordsTransaction(this.db, async (store) => {
        for (const op of batch) if (await applyOp(store, op, calls)) this.count += 1
        if (this.count > this.maxRecords) {
          const { removed, count } = await trimOldest(store, this.maxRecords)
          trimmed = removed
          this.count = count
        }
      })
    } catch (error) {
      if (isQuotaError(error)) this.becomeUnavailable('quota')
      this.fail('write', error, batch.length)
      return
    }
    this.changes.changed({ calls: trimmed ? null : [...calls] })
  }

  // Retention and size

  private async enforceRetention(): Promise<void> {
    if (!this.available) return
    let removed = false
    try {
      await inRecordsTransaction(this.db, async (store) => {
        const pruned = await pruneRecords(store, this.now() - this.retentionMs, this.maxRecords)
        removed = pruned.removed
        this.count = pruned.count
      })
    } catch (error) {
      this.fail('retention', error, 0)
      return
    }
    if (removed) this.changes.changed({ calls: null })
  }

  // Reading

  async forCall(ucc: string, correlationId: string): Promise<LedgerRecord[]> {
    if (this.unavailableReason === 'closed') return []
    await this.flush()
    return recordsOfCall(this.db, ucc, correlationId)
  }

  async between(fromMs: number, toMs: number): Promise<LedgerRecord[]> {
    if (!(fromMs <= toMs) || this.unavailableReason === 'closed') return []
    await this.flush()
    return recordsBetween(this.db, fromMs, toMs)
  }

  // Listeners

  subscribe(listener: (change: LedgerChange) => void): () => void {
    return this.changes.subscribe(listener)
  }

  onFailure(listener: (failure: LedgerFailure) => void): () => void {
    this.failureListeners.add(listener)
    return () => this.failureListeners.delete(listener)
  }

  private fail(operation: LedgerFailure['operation'], error: unknown, lost: number): void {
    for (const listener of [...this.failureListeners]) listener({ operation, error, lost })
  }

  private becomeUnavailable(reason: UnavailableReason): void {
    if (!this.available) return
    this.available = false
    this.unavailableReason = reason
    const lost = this.queue.clear()
    if (lost > 0) this.fail('write', new Error(`The ledger is unavailable (${reason})`), lost)
    this.changes.notify({ calls: null })
  }

  async close(): Promise<void> {
    await this.flush()
    clearInterval(this.retentionTimer)
    this.queue.stop()
    this.changes.close()
    this.available = false
    this.unavailableReason ??= 'closed'
    this.db.close()
  }
}
