import { wrap, type DBSchema, type IDBPDatabase } from 'idb'
import type { BoardCallRecord, StoredBoardLog } from './board-memory.ts'
import type { LedgerRecord } from './ledger-records.ts'

// The panel's one IndexedDB database and its schema, opened by the pause ledger (ledger-store.ts)
// and by the board's memory (board-memory.ts), each with a connection of its own
// (docs/decisions/0010-ledger-storage.md).
//
//   version 1: `records`, the ledger (keyed by id; indexes `by-call` [call, time], `by-time` time)
//   version 2: + `board-calls`, the calls a board has learned (keyed by `ucc|correlationid`
//              lowercased; index `by-activity` lastActivityAt), and `board-log`, a board's event
//              log (keyed by its scope, the watched UCCs)
//
// Whoever opens the database first at a newer version upgrades it: the upgrade only adds what is
// missing, so every record of an older version stays. An older version of the panel in another
// tab is told to let go (`versionchange`) and does; one that cannot open the newer database says
// no ledger is kept there.

export const LEDGER_DB_NAME = 'recording-panel-ledger'
export const LEDGER_DB_VERSION = 2
export const RECORDS = 'records'
export const BOARD_CALLS = 'board-calls'
export const BOARD_LOG = 'board-log'

/** A ledger record as stored: with the key of its call, for the `by-call` index. */
export type StoredRecord = LedgerRecord & { readonly call: string }

export interface LedgerSchema extends DBSchema {
  records: {
    key: string
    value: StoredRecord
    indexes: { 'by-call': [string, string]; 'by-time': string }
  }
  'board-calls': {
    key: string
    value: BoardCallRecord
    indexes: { 'by-activity': number }
  }
  'board-log': {
    key: string
    value: StoredBoardLog
  }
}

/**
 * Why the database cannot be used: IndexedDB is missing (`unsupported`), refused to open
 * (`open-failed`: a private window, storage turned off, a sandboxed frame), is held by an older
 * version of the panel in another tab (`blocked`), did not answer (`timeout`), is full (`quota`),
 * or was closed by the browser or a newer version of the panel (`closed`).
 */
export type UnavailableReason =
  'unsupported' | 'open-failed' | 'blocked' | 'timeout' | 'quota' | 'closed'

export class OpenError extends Error {
  readonly reason: UnavailableReason
  constructor(reason: UnavailableReason, cause?: unknown) {
    super(`The ledger's database could not be opened (${reason})`, { cause })
    this.reason = reason
  }
}

/** The IndexedDB to use: the one given (null: none), else the browser's; `open-failed` if reading it throws. */
export function indexedDbFactory(given: IDBFactory | null | undefined): IDBFactory {
  let factory: IDBFactory | null | undefined
  try {
    // Reading indexedDB itself throws in some sandboxed frames.
    factory = given === undefined ? globalThis.indexedDB : given
  } catch (error) {
    throw new OpenError('open-failed', error)
  }
  if (!factory) throw new OpenError('unsupported')
  return factory
}

/**
 * Opens the database for the ledger or the board's memory, or says why it cannot be used (never
 * rejects): the IndexedDB given (null: none), else the browser's, waiting at most `openTimeoutMs`.
 */
export async function openOrReason(options: {
  indexedDB?: IDBFactory | null
  openTimeoutMs?: number
}): Promise<IDBPDatabase<LedgerSchema> | UnavailableReason> {
  try {
    return await openLedgerDatabase(
      indexedDbFactory(options.indexedDB),
      options.openTimeoutMs ?? 10_000,
    )
  } catch (error) {
    return error instanceof OpenError ? error.reason : 'open-failed'
  }
}

/** Adds the object stores a database of `oldVersion` lacks. */
export function upgradeLedgerDatabase(db: IDBDatabase): void {
  if (!db.objectStoreNames.contains(RECORDS)) {
    const store = db.createObjectStore(RECORDS, { keyPath: 'id' })
    store.createIndex('by-call', ['call', 'time'])
    store.createIndex('by-time', 'time')
  }
  if (!db.objectStoreNames.contains(BOARD_CALLS)) {
    const store = db.createObjectStore(BOARD_CALLS, { keyPath: 'key' })
    store.createIndex('by-activity', 'lastActivityAt')
  }
  if (!db.objectStoreNames.contains(BOARD_LOG))
    db.createObjectStore(BOARD_LOG, { keyPath: 'scope' })
}

/**
 * Opens (and creates or upgrades) the database; gives up when blocked or after `timeoutMs`.
 * Rejects with an `OpenError` saying why.
 */
export function openLedgerDatabase(
  factory: IDBFactory,
  timeoutMs: number,
  version = LEDGER_DB_VERSION,
): Promise<IDBPDatabase<LedgerSchema>> {
  return new Promise((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      outcome()
    }
    const timer = setTimeout(() => settle(() => reject(new OpenError('timeout'))), timeoutMs)
    let request: IDBOpenDBRequest
    try {
      request = factory.open(LEDGER_DB_NAME, version)
    } catch (error) {
      settle(() => reject(new OpenError('open-failed', error)))
      return
    }
    request.onupgradeneeded = () => upgradeLedgerDatabase(request.result)
    request.onblocked = () => settle(() => reject(new OpenError('blocked')))
    request.onerror = () => settle(() => reject(new OpenError('open-failed', request.error)))
    request.onsuccess = () => {
      const db = request.result
      if (settled)
        db.close() // too late (blocked, or no answer in time): let go of it
      else settle(() => resolve(wrap(db) as unknown as IDBPDatabase<LedgerSchema>))
    }
  })
}

export function isQuotaError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED'
}
