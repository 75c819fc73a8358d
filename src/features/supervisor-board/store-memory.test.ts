import { expect, onTestFinished, test, vi } from 'vitest'
import { RecordingAction } from '../../../protocol/wire.ts'
import type { BoardCallRecord, Remembered } from '../../ledger/board-memory.ts'
import { fakeBoardMemory } from '../../testing/fake-board-memory.ts'
import { callKey, newBoardCall } from './board-call.ts'
import type { LoggedEvent } from './event-log-buffer.ts'
import { logLine, restoration, StoreMemory, type Restoration } from './store-memory.ts'

const UCC = 'ucc-a'
const LINGER = 30_000
const NOW = 100_000

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
}

function record(n: number, fields: Partial<BoardCallRecord> = {}): BoardCallRecord {
  return {
    key: callKey(UCC, id(n)),
    uccName: 'UCC-A',
    correlationId: id(n),
    recording: 'Paused',
    marking: 'None',
    saving: 'None',
    pausedSince: 1_000,
    pausedSinceExact: true,
    lastEvent: { action: RecordingAction.Pause, at: 1_000 },
    lastActivityAt: 1_000,
    learntAt: 500,
    endedAt: null,
    endedMessage: null,
    ...fields,
  }
}

function restore(remembered: Partial<Remembered>, onBoard: (key: string) => boolean = () => false) {
  return restoration(
    { calls: [], lines: [], ...remembered },
    { uccNames: [UCC, 'ucc-b'], endedLingerMs: LINGER, now: NOW, onBoard },
  )
}

// What comes back

test('remembered calls of the watched UCCs come back as last known, spelled as the board watches them', () => {
  const { calls, expired } = restore({
    calls: [record(1), record(2, { uccName: 'ucc-x', key: callKey('ucc-x', id(2)) })],
  })
  expect(expired).toEqual([])
  expect(calls).toHaveLength(1)
  expect(calls[0]).toMatchObject({
    key: callKey(UCC, id(1)),
    uccName: UCC,
    correlationId: id(1),
    state: { recording: 'Paused' },
    confirmed: false,
    remembered: true,
    pausedSince: 1_000,
  })
})

test('a record whose key does not match its UCC and id is passed over, and so is a second of one key', () => {
  const { calls } = restore({
    calls: [
      record(1, { key: 'ucc-a|someone-else' }),
      record(2),
      record(2, { recording: 'Started' }),
    ],
  })
  expect(calls.map((call) => [call.correlationId, call.state.recording])).toEqual([
    [id(2), 'Paused'],
  ])
})

test('a call the board learned while the memory was read stays as it is', () => {
  const onBoard = (key: string) => key === callKey(UCC, id(1))
  const { calls, expired } = restore(
    { calls: [record(1, { endedAt: NOW - LINGER }), record(2)] },
    onBoard,
  )
  expect(calls.map((call) => call.correlationId)).toEqual([id(2)])
  expect(expired).toEqual([])
})

test('an ended call comes back while it lingers; past its linger time it is to be forgotten', () => {
  const { calls, expired } = restore({
    calls: [record(1, { endedAt: NOW - LINGER + 1 }), record(2, { endedAt: NOW - LINGER })],
  })
  expect(calls.map((call) => [call.correlationId, call.endedAt])).toEqual([
    [id(1), NOW - LINGER + 1],
  ])
  expect(expired).toEqual([callKey(UCC, id(2))])
})

test('the log comes back with the watched UCCs spelled as the board does, others as they were', () => {
  const { lines } = restore({
    lines: [
      { at: 2, uccName: 'UCC-B', correlationId: id(1), action: RecordingAction.Mark },
      { at: 1, uccName: 'gone', correlationId: id(2), action: null },
    ],
  })
  expect(lines).toEqual([
    { at: 2, uccName: 'ucc-b', correlationId: id(1), action: RecordingAction.Mark },
    { at: 1, uccName: 'gone', correlationId: id(2), action: undefined },
  ])
})

test('a line of the log is kept with no action as null', () => {
  const line: LoggedEvent = { seq: 3, at: 1, uccName: UCC, correlationId: id(1), action: undefined }
  expect(logLine(line)).toEqual({ at: 1, uccName: UCC, correlationId: id(1), action: null })
})

// The memory as the store uses it

function setup(options: { open?: boolean; lines?: LoggedEvent[] } = {}) {
  vi.useFakeTimers({ now: NOW })
  onTestFinished(() => void vi.useRealTimers())
  const { memory, saves, loaded } = fakeBoardMemory()
  const open = vi.fn(() => Promise.resolve(memory))
  const changed = vi.fn()
  const storeMemory = new StoreMemory({
    open: options.open === false ? undefined : open,
    everyMs: 1_000,
    uccNames: [UCC],
    endedLingerMs: LINGER,
    now: Date.now,
    lines: () => options.lines ?? [],
    changed,
  })
  return { storeMemory, open, saves, changed, loaded }
}

test('without a memory: only the ids are kept, nothing is asked, nothing written', async () => {
  const { storeMemory, open, saves } = setup({ open: false })
  expect(storeMemory.present).toBe(false)
  expect(storeMemory.state).toEqual({ kept: 'ids', reason: 'unsupported' })
  const restored = vi.fn()
  storeMemory.begin(() => false, restored)
  expect(storeMemory.restoring).toBe(false)
  storeMemory.noteCall(undefined, newBoardCall(UCC, id(1), 0))
  storeMemory.noteLog()
  await storeMemory.saveNow()
  expect(open).not.toHaveBeenCalled()
  expect(restored).not.toHaveBeenCalled()
  expect(saves).toEqual([])
})

test('the memory is asked once; until it answers the store is restoring; the expired calls are forgotten', async () => {
  const { storeMemory, open, loaded, saves, changed } = setup()
  expect(storeMemory.present).toBe(true)
  expect(storeMemory.state).toEqual({ kept: 'opening' })
  const restored: Restoration[] = []
  storeMemory.begin(
    () => false,
    (back) => restored.push(back),
  )
  storeMemory.begin(
    () => false,
    (back) => restored.push(back),
  )
  expect(open).toHaveBeenCalledTimes(1)
  expect(storeMemory.restoring).toBe(true)
  await vi.advanceTimersByTimeAsync(0)
  expect(storeMemory.state).toEqual({ kept: 'calls' })
  expect(changed).toHaveBeenCalled()
  loaded.resolve({ calls: [record(1), record(2, { endedAt: NOW - LINGER })], lines: [] })
  await vi.advanceTimersByTimeAsync(0)
  expect(storeMemory.restoring).toBe(false)
  expect(restored).toHaveLength(1)
  expect(restored[0]!.calls.map((call) => call.correlationId)).toEqual([id(1)])
  await vi.advanceTimersByTimeAsync(1_000)
  expect(saves).toEqual([{ put: [], remove: [callKey(UCC, id(2))], lines: null }])
})

test('a call is written only when what is kept of it changed; a call let go of is removed; the log with it', async () => {
  const log: LoggedEvent = { seq: 1, at: 5, uccName: UCC, correlationId: id(1), action: undefined }
  const { storeMemory, loaded, saves } = setup({ lines: [log] })
  storeMemory.begin(
    () => false,
    () => undefined,
  )
  loaded.resolve({ calls: [], lines: [] })
  await vi.advanceTimersByTimeAsync(0)
  const call = newBoardCall(UCC, id(1), 0)
  storeMemory.noteCall(call, call)
  await vi.advanceTimersByTimeAsync(1_000)
  expect(saves).toEqual([])
  storeMemory.noteCall(undefined, call)
  storeMemory.forget(callKey(UCC, id(2)))
  storeMemory.noteLog()
  await storeMemory.saveNow()
  expect(saves).toHaveLength(1)
  expect(saves[0]!.put.map((saved) => saved.key)).toEqual([call.key])
  expect(saves[0]!.remove).toEqual([callKey(UCC, id(2))])
  expect(saves[0]!.lines).toEqual([logLine(log)])
})
