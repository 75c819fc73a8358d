import { expect, onTestFinished, test, vi } from 'vitest'
import { EndedSweep } from './ended-sweep.ts'

function setup(lingerMs = 10_000) {
  vi.useFakeTimers()
  const removed: string[][] = []
  const sweep = new EndedSweep({ lingerMs, now: Date.now, remove: (keys) => removed.push(keys) })
  sweep.start()
  onTestFinished(() => {
    sweep.stop()
    vi.useRealTimers()
  })
  return { sweep, removed }
}

test('an ended call is removed once the linger time has passed, not before', () => {
  const { sweep, removed } = setup()
  const endedAt = Date.now()
  sweep.note('a', endedAt)
  vi.advanceTimersByTime(9_999)
  expect(removed).toEqual([])
  vi.advanceTimersByTime(1)
  expect(removed).toEqual([['a']])
  vi.advanceTimersByTime(60_000)
  expect(removed).toEqual([['a']])
})

test('each ended call lingers for its own time', () => {
  const { sweep, removed } = setup()
  sweep.note('a', Date.now())
  vi.advanceTimersByTime(5_000)
  sweep.note('b', Date.now())
  vi.advanceTimersByTime(5_000)
  expect(removed).toEqual([['a']])
  vi.advanceTimersByTime(4_999)
  expect(removed).toEqual([['a']])
  vi.advanceTimersByTime(1)
  expect(removed).toEqual([['a'], ['b']])
})

test('calls that ended together go together', () => {
  const { sweep, removed } = setup()
  sweep.note('a', Date.now())
  sweep.note('b', Date.now())
  vi.advanceTimersByTime(10_000)
  expect(removed).toEqual([['a', 'b']])
})

test('a call known again (an event, a read) is not removed', () => {
  const { sweep, removed } = setup()
  sweep.note('a', Date.now())
  vi.advanceTimersByTime(5_000)
  sweep.note('a', null)
  vi.advanceTimersByTime(60_000)
  expect(removed).toEqual([])
})

test('a call that ends again is timed from its new end', () => {
  const { sweep, removed } = setup()
  sweep.note('a', Date.now())
  vi.advanceTimersByTime(5_000)
  sweep.note('a', null)
  sweep.note('a', Date.now())
  vi.advanceTimersByTime(9_999)
  expect(removed).toEqual([])
  vi.advanceTimersByTime(1)
  expect(removed).toEqual([['a']])
})

test('stopped, nothing is removed; started again, what is overdue goes at once', () => {
  const { sweep, removed } = setup()
  sweep.note('a', Date.now())
  sweep.stop()
  vi.advanceTimersByTime(20_000)
  expect(removed).toEqual([])
  sweep.start()
  vi.advanceTimersByTime(0)
  expect(removed).toEqual([['a']])
})
