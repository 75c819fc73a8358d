import 'fake-indexeddb/auto'
import { IDBFactory } from 'fake-indexeddb'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import {
  boardScope,
  openBoardMemory,
  type BoardCallRecord,
  type BoardLogLine,
  type BoardMemory,
  type BoardMemoryOptions,
} from './board-memory.ts'
import { BOARD_CALLS, LEDGER_DB_NAME, LEDGER_DB_VERSION, RECORDS } from './ledger-db.ts'
import { openLedger } from './ledger-store.ts'

// IndexedDB is fake-indexeddb (a fresh database per test); Date is fake, so retention is exact.

const NOW = Date.UTC(2026, 10, 23, 10, 0, 0)
const DAY = 86_400_000
const memories: BoardMemory[] = []
let factory: IDBFactory

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(NOW)
  factory = new IDBFactory()
})

afterEach(() => {
  for (const memory of memories.splice(0)) memory.close()
  vi.useRealTimers()
})

async function open(options: Partial<BoardMemoryOptions> = {}): Promise<BoardMemory> {
  const memory = await openBoardMemory({
    uccNames: ['ucc-a', 'UCC-B'],
    retentionDays: 30,
    maxCalls: 100,
    indexedDB: factory,
    ...options,
  })
  memories.push(memory)
  return memory
}

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
}

function record(n: number, fields: Partial<BoardCallRecord> = {}): BoardCallRecord {
  const uccName = fields.uccName ?? 'ucc-a'
  return {
    key: `${uccName.toLowerCase()}|${id(n)}`,
    uccName,
    correlationId: id(n),
    recording: 'Paused',
    marking: 'None',
    saving: 'None',
    pausedSince: NOW - 60_000,
    pausedSinceExact: true,
    lastEvent: { action: 3, at: NOW - 60_000 },
    lastActivityAt: NOW - n,
    learntAt: NOW - 120_000,
    endedAt: null,
    endedMessage: null,
    ...fields,
  }
}

function line(n: number, uccName = 'ucc-a'): BoardLogLine {
  return { at: NOW - n, uccName, correlationId: id(n), action: 3 }
}

test('the calls and the log it was given come back, for the watched UCCs only', async () => {
  const memory = await open()
  const other = record(3, { uccName: 'ucc-other' })
  await memory.save({
    put: [record(1), record(2, { uccName: 'UCC-B', key: `ucc-b|${id(2)}` }), other],
    remove: [],
    lines: [line(2), line(1)],
  })
  memory.close()

  const again = await open()
  expect(again.available).toBe(true)
  const { calls, lines } = await again.load()
  expect(calls.map((call) => call.correlationId).sort()).toEqual([id(1), id(2)])
  expect(calls.find((call) => call.correlationId === id(1))).toEqual(record(1))
  expect(lines).toEqual([line(2), line(1)])
  // Another set of UCCs has a log of its own; the calls of a UCC are shared.
  const elsewhere = await open({ uccNames: ['ucc-other', 'ucc-a'] })
  const seen = await elsewhere.load()
  expect(seen.calls.map((call) => call.correlationId).sort()).toEqual([id(1), id(3)])
  expect(seen.lines).toEqual([])
})

test('a save writes, replaces and deletes in one go; the log is kept only when given', async () => {
  const memory = await open()
  await memory.save({ put: [record(1), record(2)], remove: [], lines: [line(1)] })
  await memory.save({
    put: [record(1, { recording: 'Started', pausedSince: null })],
    remove: [`ucc-a|${id(2)}`],
    lines: null,
  })
  const { calls, lines } = await memory.load()
  expect(calls).toEqual([record(1, { recording: 'Started', pausedSince: null })])
  expect(lines).toEqual([line(1)])
})

test('at most maxCalls calls are kept: the longest quiet go first', async () => {
  const memory = await open({ maxCalls: 3 })
  await memory.save({
    put: [1, 2, 3, 4, 5].map((n) => record(n, { lastActivityAt: NOW - n * 1000 })),
    remove: [],
    lines: null,
  })
  const { calls } = await memory.load()
  expect(calls.map((call) => call.correlationId).sort()).toEqual([id(1), id(2), id(3)])
})

test('calls quiet, and logs unsaved, for longer than the retention are deleted on open', async () => {
  const memory = await open()
  await memory.save({ put: [record(1, { lastActivityAt: NOW })], remove: [], lines: [line(1)] })
  memory.close()
  vi.setSystemTime(NOW + 30 * DAY - 1)
  const soon = await open()
  expect((await soon.load()).calls).toHaveLength(1)
  await soon.save({
    put: [record(2, { lastActivityAt: NOW + 30 * DAY - 1 })],
    remove: [],
    lines: null,
  })
  soon.close()
  vi.setSystemTime(NOW + 30 * DAY + 1)
  const later = await open()
  const { calls, lines } = await later.load()
  expect(calls.map((call) => call.correlationId)).toEqual([id(2)])
  expect(lines).toEqual([])
})

test('the log keeps its newest maxLines lines', async () => {
  const memory = await open({ maxLines: 2 })
  await memory.save({ put: [], remove: [], lines: [line(1), line(2), line(3)] })
  expect((await memory.load()).lines).toEqual([line(1), line(2)])
})

test('what another version of the panel (or a hand) left in another shape is left out', async () => {
  const memory = await open()
  const odd = [
    { ...record(2), recording: 3 },
    { ...record(3), pausedSince: 'yesterday' },
    { ...record(4), lastEvent: { action: 'Pause', at: NOW } },
    { ...record(5), learntAt: undefined },
  ] as unknown as BoardCallRecord[]
  await memory.save({ put: [record(1), ...odd], remove: [], lines: null })
  expect((await memory.load()).calls.map((call) => call.correlationId)).toEqual([id(1)])
})

test('version 2 adds the board stores to a version 1 database and keeps the ledger records', async () => {
  // The ledger as version 1 of the panel made it: one store, `records`, with one record.
  await new Promise<void>((resolve, reject) => {
    const request = factory.open(LEDGER_DB_NAME, 1)
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(RECORDS, { keyPath: 'id' })
      store.createIndex('by-call', ['call', 'time'])
      store.createIndex('by-time', 'time')
      store.put({
        kind: 'incident',
        id: 'old',
        time: new Date(NOW).toISOString(),
        ucc: 'ucc-a',
        correlationId: id(1),
        call: `ucc-a|${id(1)}`,
        requesterSipUri: null,
        marked: true,
        deleted: false,
      })
    }
    request.onsuccess = () => {
      request.result.close()
      resolve()
    }
    request.onerror = () => reject(request.error)
  })

  const memory = await open()
  expect(memory.available).toBe(true)
  await memory.save({ put: [record(1)], remove: [], lines: null })
  const ledger = await openLedger({ retentionDays: 30, indexedDB: factory, channelName: null })
  expect((await ledger.forCall('ucc-a', id(1))).map((kept) => kept.id)).toEqual(['old'])
  await ledger.close()

  const db = await new Promise<IDBDatabase>((resolve) => {
    const request = factory.open(LEDGER_DB_NAME)
    request.onsuccess = () => resolve(request.result)
  })
  expect(db.version).toBe(LEDGER_DB_VERSION)
  expect([...db.objectStoreNames].sort()).toEqual(['board-calls', 'board-log', 'records'])
  expect([...db.transaction(BOARD_CALLS).objectStore(BOARD_CALLS).indexNames]).toEqual([
    'by-activity',
  ])
  db.close()
})

test('without IndexedDB, or when it refuses to open, the memory says why and keeps nothing', async () => {
  const none = await open({ indexedDB: null })
  expect(none).toMatchObject({ available: false, unavailableReason: 'unsupported' })
  await none.save({ put: [record(1)], remove: [], lines: null })
  expect(await none.load()).toEqual({ calls: [], lines: [] })

  const refusing = {
    open() {
      const request = { error: new DOMException('refused', 'UnknownError') } as IDBOpenDBRequest
      queueMicrotask(() => request.onerror?.(new Event('error')))
      return request
    },
  } as unknown as IDBFactory
  expect(await open({ indexedDB: refusing })).toMatchObject({
    available: false,
    unavailableReason: 'open-failed',
  })
})

test('a newer version of the panel takes the database: this memory lets go, and keeps nothing more', async () => {
  const memory = await open()
  const newer = factory.open(LEDGER_DB_NAME, LEDGER_DB_VERSION + 1)
  await new Promise((resolve) => (newer.onsuccess = resolve))
  newer.result.close()
  expect(memory).toMatchObject({ available: false, unavailableReason: 'closed' })
  await memory.save({ put: [record(1)], remove: [], lines: null })
  expect(await memory.load()).toEqual({ calls: [], lines: [] })
})

test('a write refused for lack of space is reported, and the memory is unavailable from then on', async () => {
  const memory = await open()
  const put = vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementationOnce(() => {
    throw new DOMException('The quota has been exceeded.', 'QuotaExceededError')
  })
  await expect(memory.save({ put: [record(1)], remove: [], lines: null })).rejects.toMatchObject({
    name: 'QuotaExceededError',
  })
  expect(memory).toMatchObject({ available: false, unavailableReason: 'quota' })
  put.mockRestore()
})

test('the scope of a log is its UCCs, in any order and casing', () => {
  expect(boardScope(['UCC-B', 'ucc-a', 'ucc-b'])).toBe('ucc-a,ucc-b')
})
