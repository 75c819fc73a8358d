import { expect, onTestFinished, test, vi } from 'vitest'
import { FrameBatch, FramePublisher } from './frame-batch.ts'

function setup() {
  vi.useFakeTimers()
  onTestFinished(() => {
    vi.useRealTimers()
  })
  const run = vi.fn<() => void>()
  return { run, batch: new FrameBatch(() => run()) }
}

/** Frames that the test hands out itself, or never (a hidden tab). */
function manualFrames() {
  const callbacks = new Map<number, () => void>()
  let next = 0
  return {
    requestFrame: (callback: () => void) => {
      next += 1
      callbacks.set(next, callback)
      return next
    },
    cancelFrame: (handle: number) => callbacks.delete(handle),
    pending: () => callbacks.size,
  }
}

test('many requests before a frame run the work once, on that frame', () => {
  const { run, batch } = setup()
  for (let n = 0; n < 100; n += 1) batch.schedule()
  expect(run).not.toHaveBeenCalled()
  vi.advanceTimersToNextFrame()
  expect(run).toHaveBeenCalledTimes(1)
  vi.advanceTimersByTime(1_000)
  expect(run).toHaveBeenCalledTimes(1) // the fallback timer was cleared
})

test('a request after the frame waits for the next frame', () => {
  const { run, batch } = setup()
  batch.schedule()
  vi.advanceTimersToNextFrame()
  batch.schedule()
  expect(run).toHaveBeenCalledTimes(1)
  vi.advanceTimersToNextFrame()
  expect(run).toHaveBeenCalledTimes(2)
})

test('without frames (a hidden tab) the work runs after 250 ms, and the frame request is withdrawn', () => {
  vi.useFakeTimers()
  onTestFinished(() => {
    vi.useRealTimers()
  })
  const frames = manualFrames()
  const run = vi.fn()
  const batch = new FrameBatch(run, frames)
  batch.schedule()
  batch.schedule()
  expect(frames.pending()).toBe(1)
  vi.advanceTimersByTime(249)
  expect(run).not.toHaveBeenCalled()
  vi.advanceTimersByTime(1)
  expect(run).toHaveBeenCalledTimes(1)
  expect(frames.pending()).toBe(0)
})

test('cancel drops a scheduled run', () => {
  const { run, batch } = setup()
  batch.schedule()
  batch.cancel()
  vi.advanceTimersByTime(1_000)
  expect(run).not.toHaveBeenCalled()
  batch.schedule()
  vi.advanceTimersToNextFrame()
  expect(run).toHaveBeenCalledTimes(1)
})

test('the work may ask for another frame while it runs', () => {
  const { run, batch } = setup()
  run.mockImplementationOnce(() => batch.schedule())
  batch.schedule()
  vi.advanceTimersToNextFrame()
  expect(run).toHaveBeenCalledTimes(1)
  vi.advanceTimersToNextFrame()
  expect(run).toHaveBeenCalledTimes(2)
})

// The published snapshot

function publisher(onFrame?: () => void) {
  vi.useFakeTimers()
  let state = 0
  const build = vi.fn(() => ({ state }))
  const view = new FramePublisher({ build, onFrame })
  const listener = vi.fn()
  view.subscribe(listener)
  view.start()
  onTestFinished(() => {
    view.stop()
    vi.useRealTimers()
  })
  return { view, build, listener, set: (value: number) => (state = value) }
}

test('changes are published once, on the next frame, however many were reported', () => {
  const { view, build, listener, set } = publisher()
  const first = view.getSnapshot()
  expect(build).toHaveBeenCalledTimes(1) // the first snapshot, at once
  set(1)
  view.changed()
  set(2)
  view.changed()
  expect(view.getSnapshot()).toBe(first)
  vi.advanceTimersToNextFrame()
  expect(view.getSnapshot()).toEqual({ state: 2 })
  expect(listener).toHaveBeenCalledTimes(1)
  expect(build).toHaveBeenCalledTimes(2)
})

test('a frame with no change publishes nothing', () => {
  const onFrame = vi.fn()
  const { view, build, listener } = publisher(onFrame)
  view.wake()
  vi.advanceTimersToNextFrame()
  expect(onFrame).toHaveBeenCalledTimes(1)
  expect(listener).not.toHaveBeenCalled()
  expect(build).toHaveBeenCalledTimes(1)
})

test('a change reported by the frame’s own work is published in that frame, without asking for another', () => {
  const onFrame = vi.fn()
  const { view, listener } = publisher(onFrame)
  onFrame.mockImplementation(() => view.changed())
  view.wake()
  vi.advanceTimersToNextFrame()
  expect(listener).toHaveBeenCalledTimes(1)
  vi.advanceTimersToNextFrame()
  expect(onFrame).toHaveBeenCalledTimes(1)
})

test('stopped, nothing runs; started again, a change reported meanwhile is published', () => {
  const onFrame = vi.fn()
  const { view, listener } = publisher(onFrame)
  view.stop()
  view.changed()
  vi.advanceTimersByTime(1_000)
  expect(onFrame).not.toHaveBeenCalled()
  view.start()
  vi.advanceTimersToNextFrame()
  expect(listener).toHaveBeenCalledTimes(1)
})
