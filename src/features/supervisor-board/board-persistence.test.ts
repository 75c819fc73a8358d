import { expect, onTestFinished, test, vi } from 'vitest'
import type { BoardCallRecord, BoardMemory, BoardMemoryChange } from '../../ledger/board-memory.ts'
import { deferred } from '../../testing/deferred.ts'
import { BoardPersistence, type MemoryState } from './board-persistence.ts'

function record(n: number): BoardCallRecord {
  return {
    key: `ucc-a|${n}`,
    uccName: 'ucc-a',
    correlationId: String(n),
    recording: 'Started',
    marking: 'None',
    saving: 'None',
    pausedSince: null,
    pausedSinceExact: false,
    lastEvent: null,
    lastActivityAt: n,
    learntAt: n,
    endedAt: null,
    endedMessage: null,
  }
}

function setup(memory: Partial<BoardMemory> = {}) {
  vi.useFakeTimers()
  onTestFinished(() => void vi.useRealTimers())
  const saves: BoardMemoryChange[] = []
  const opened = deferred<BoardMemory>()
  const states: MemoryState[] = []
  const persistence = new BoardPersistence({
    open: () => opened.promise,
    lines: () => [{ at: 1, uccName: 'ucc-a', correlationId: '1', action: 3 }],
    everyMs: 1_000,
    changed: (state) => states.push(state),
  })
  const open = () =>
    opened.resolve({
      available: true,
      unavailableReason: null,
      load: () => Promise.resolve({ calls: [record(9)], lines: [] }),
      save: (change) => {
        saves.push(change)
        return Promise.resolve()
      },
      close: () => undefined,
      ...memory,
    })
  return { persistence, saves, states, open }
}

test('it opens once, gives back what is remembered, and writes what changed a second later, the latest of each call', async () => {
  const { persistence, saves, states, open } = setup()
  const loaded = persistence.begin()
  expect(persistence.getState()).toEqual({ kept: 'opening' })
  open()
  expect((await loaded).calls).toEqual([record(9)])
  expect(states).toEqual([{ kept: 'calls' }])
  persistence.noteCall(record(1))
  persistence.noteCall({ ...record(1), recording: 'Paused' })
  persistence.forget('ucc-a|2')
  persistence.noteLog()
  await vi.advanceTimersByTimeAsync(999)
  expect(saves).toEqual([])
  await vi.advanceTimersByTimeAsync(1)
  expect(saves).toEqual([
    {
      put: [{ ...record(1), recording: 'Paused' }],
      remove: ['ucc-a|2'],
      lines: [{ at: 1, uccName: 'ucc-a', correlationId: '1', action: 3 }],
    },
  ])
  await vi.advanceTimersByTimeAsync(5_000)
  expect(saves).toHaveLength(1)
})

test('what changes before the memory has opened is written once it has', async () => {
  const { persistence, saves, open } = setup()
  void persistence.begin()
  persistence.noteCall(record(1))
  const flushed = persistence.flush()
  expect(saves).toEqual([])
  open()
  await flushed
  expect(saves).toEqual([{ put: [record(1)], remove: [], lines: null }])
})

test('a write that fails is said once; the board then keeps only its ids, and nothing more is written', async () => {
  const save = vi.fn(() => Promise.reject(new DOMException('full', 'QuotaExceededError')))
  const { persistence, states, open } = setup({ save, unavailableReason: 'quota' })
  void persistence.begin()
  open()
  persistence.noteCall(record(1))
  await persistence.flush()
  expect(states.at(-1)).toEqual({ kept: 'ids', reason: 'quota' })
  persistence.noteCall(record(2))
  await vi.advanceTimersByTimeAsync(5_000)
  expect(save).toHaveBeenCalledTimes(1)
})

test('a memory that cannot be opened gives nothing back and is said to keep only the ids', async () => {
  const { persistence, states } = setup()
  const failing = new BoardPersistence({
    open: () => Promise.reject(new Error('no')),
    lines: () => [],
    changed: (state) => states.push(state),
  })
  expect(await failing.begin()).toEqual({ calls: [], lines: [] })
  expect(states).toEqual([{ kept: 'ids', reason: 'failed' }])
  expect(persistence.getState()).toEqual({ kept: 'opening' })
})
