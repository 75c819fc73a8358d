import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { WriteQueue, type WriteQueueOptions } from './ledger-write-queue.ts'

// Timers are fake, so the batch delay passes when the test says.

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  vi.useRealTimers()
})

/** A queue of numbers whose batches are recorded as they are written. */
function queueOf(options: Partial<WriteQueueOptions<number>> = {}) {
  const batches: number[][] = []
  const dropped: number[] = []
  let writable = true
  const queue = new WriteQueue<number>({
    batchMs: 250,
    maxBatch: 3,
    maxQueued: 100,
    write: async (batch) => {
      batches.push([...batch])
    },
    writable: () => writable,
    dropped: (lost) => dropped.push(lost),
    ...options,
  })
  return {
    queue,
    batches,
    dropped,
    close: () => (writable = false),
  }
}

/** A write that waits until the test lets it finish. */
function heldWrites() {
  const batches: number[][] = []
  const release: (() => void)[] = []
  const write = (batch: readonly number[]) => {
    batches.push([...batch])
    return new Promise<void>((resolve) => release.push(resolve))
  }
  return { batches, release, write }
}

test('ops wait the batch delay for the ones after them, then go a batch at a time, in order', async () => {
  const { queue, batches } = queueOf()
  queue.push([1, 2])
  await vi.advanceTimersByTimeAsync(100)
  queue.push([3, 4, 5, 6, 7])
  await vi.advanceTimersByTimeAsync(149)
  expect(batches).toEqual([])
  expect(queue.size).toBe(7)
  await vi.advanceTimersByTimeAsync(1)
  expect(batches).toEqual([[1, 2, 3], [4, 5, 6], [7]])
  expect(queue.size).toBe(0)
})

test('nothing given, nothing scheduled', async () => {
  const { queue, batches } = queueOf()
  queue.push([])
  expect(vi.getTimerCount()).toBe(0)
  await queue.flush()
  expect(batches).toEqual([])
})

test('flush writes everything now, without waiting for the batch delay', async () => {
  const { queue, batches } = queueOf()
  queue.push([1, 2, 3, 4])
  await queue.flush()
  expect(batches).toEqual([[1, 2, 3], [4]])
  expect(vi.getTimerCount()).toBe(0)
})

test('ops given while a batch is being written go in the batch right after it', async () => {
  const held = heldWrites()
  const { queue } = queueOf({ write: held.write })
  queue.push([1])
  await vi.advanceTimersByTimeAsync(250)
  expect(held.batches).toEqual([[1]])
  queue.push([2, 3])
  expect(vi.getTimerCount()).toBe(0) // no second writer while the first writes
  held.release.shift()!()
  await vi.waitFor(() => expect(held.batches).toEqual([[1], [2, 3]]))
  held.release.shift()!()
  await queue.flush()
  expect(held.batches).toHaveLength(2)
})

test('flush waits for the batch being written and what was queued meanwhile', async () => {
  const held = heldWrites()
  const { queue } = queueOf({ write: held.write })
  queue.push([1])
  await vi.advanceTimersByTimeAsync(250)
  queue.push([2])
  let flushed = false
  void queue.flush().then(() => (flushed = true))
  await vi.advanceTimersByTimeAsync(0)
  expect(flushed).toBe(false)
  held.release.shift()!()
  await vi.waitFor(() => expect(held.batches).toEqual([[1], [2]]))
  expect(flushed).toBe(false)
  held.release.shift()!()
  await vi.waitFor(() => expect(flushed).toBe(true))
})

test('beyond maxQueued the oldest waiting ops are dropped, and how many is told', async () => {
  const { queue, batches, dropped } = queueOf({ maxQueued: 4, maxBatch: 10 })
  queue.push([1, 2, 3])
  queue.push([4, 5, 6])
  expect(dropped).toEqual([2])
  await queue.flush()
  expect(batches).toEqual([[3, 4, 5, 6]])
})

test('once not writable, nothing more is written; clear drops what waits and says how much', async () => {
  const { queue, batches, close } = queueOf()
  queue.push([1, 2, 3, 4])
  close()
  await vi.advanceTimersByTimeAsync(250)
  await queue.flush()
  expect(batches).toEqual([])
  expect(queue.clear()).toBe(4)
  expect(queue.size).toBe(0)
  expect(queue.clear()).toBe(0)
})

test('writing stops between batches when the queue stops being writable', async () => {
  const ctx = queueOf({
    write: async (batch) => {
      ctx.batches.push([...batch])
      ctx.close()
    },
  })
  ctx.queue.push([1, 2, 3, 4, 5])
  await ctx.queue.flush()
  expect(ctx.batches).toEqual([[1, 2, 3]])
  expect(ctx.queue.size).toBe(2)
})

test('stop cancels the batch delay; what waits is written by the next flush', async () => {
  const { queue, batches } = queueOf()
  queue.push([1])
  queue.stop()
  await vi.advanceTimersByTimeAsync(1_000)
  expect(batches).toEqual([])
  await queue.flush()
  expect(batches).toEqual([[1]])
})
