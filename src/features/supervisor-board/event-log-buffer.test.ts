import { expect, onTestFinished, test, vi } from 'vitest'
import { RecordingAction } from '../../../protocol/wire.ts'
import { EventLogBuffer } from './event-log-buffer.ts'

function setup(size = 3) {
  vi.useFakeTimers()
  const onDue = vi.fn()
  const log = new EventLogBuffer({ size, now: Date.now, onDue })
  log.start()
  onTestFinished(() => {
    log.stop()
    vi.useRealTimers()
  })
  return { log, onDue }
}

function line(n: number, action: RecordingAction = RecordingAction.Mark) {
  return { at: Date.now(), uccName: 'ucc-a', correlationId: `id-${n}`, action }
}

function ids(lines: readonly { correlationId: string }[]) {
  return lines.map((entry) => entry.correlationId)
}

test('the newest events first, up to its size, each with a rising sequence number', () => {
  const { log } = setup(3)
  log.add([1, 2, 3, 4, 5].map((n) => line(n)))
  const lines = log.take()
  expect(ids(lines)).toEqual(['id-5', 'id-4', 'id-3'])
  expect(lines.map((entry) => entry.seq)).toEqual([5, 4, 3])
  log.add([line(6, RecordingAction.Pause)])
  vi.advanceTimersByTime(250)
  expect(log.take().map((entry) => [entry.correlationId, entry.action, entry.seq])).toEqual([
    ['id-6', RecordingAction.Pause, 6],
    ['id-5', RecordingAction.Mark, 5],
    ['id-4', RecordingAction.Mark, 4],
  ])
})

test('published at most four times a second; asked to be called again when the time comes', () => {
  const { log, onDue } = setup(5)
  log.add([line(1)])
  const first = log.take()
  expect(ids(first)).toEqual(['id-1'])
  const publishedAt = Date.now()

  log.add([line(2)])
  expect(log.take()).toBe(first)
  log.add([line(3)])
  expect(log.take()).toBe(first)
  vi.advanceTimersByTime(publishedAt + 249 - Date.now())
  expect(onDue).not.toHaveBeenCalled()
  vi.advanceTimersByTime(1)
  expect(onDue).toHaveBeenCalledTimes(1) // one timer, however many takes meanwhile
  expect(ids(log.take())).toEqual(['id-3', 'id-2', 'id-1'])
})

test('nothing new: the same lines, and no timer', () => {
  const { log, onDue } = setup()
  expect(log.take()).toEqual([])
  log.add([line(1)])
  const lines = log.take()
  expect(log.take()).toBe(lines)
  vi.advanceTimersByTime(1_000)
  expect(onDue).not.toHaveBeenCalled()
})

test('stopped, it sets no timer; the pending lines are published by the next take after their time', () => {
  const { log, onDue } = setup()
  log.add([line(1)])
  log.take()
  log.add([line(2)])
  log.stop()
  log.take()
  vi.advanceTimersByTime(1_000)
  expect(onDue).not.toHaveBeenCalled()
  expect(ids(log.take())).toEqual(['id-2', 'id-1'])
})

test('the lines remembered from before show at once, below anything added since, within its size', () => {
  const { log, onDue } = setup(3)
  log.add([line(1)])
  log.take()
  log.restore([line(8), line(9)])
  expect(onDue).toHaveBeenCalled()
  const lines = log.take()
  expect(ids(lines)).toEqual(['id-1', 'id-8', 'id-9'])
  // Each keeps a distinct key, below every line added here.
  expect(new Set(lines.map((entry) => entry.seq)).size).toBe(3)
  expect(lines[1]!.seq).toBeLessThan(lines[0]!.seq)
  log.restore([line(7)])
  expect(ids(log.take())).toEqual(['id-1', 'id-8', 'id-9'])
})

test('every line, published or not, newest first: what is kept of the log', () => {
  const { log } = setup(3)
  log.add([line(1)])
  log.take()
  log.add([line(2), line(3), line(4)])
  expect(ids(log.take())).toEqual(['id-1'])
  expect(ids(log.lines())).toEqual(['id-4', 'id-3', 'id-2'])
})
