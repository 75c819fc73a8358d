import { expect, test } from 'vitest'
import type { RecordingStateName } from '../../api/schemas.ts'
import { newBoardCall, type BoardCall } from './board-call.ts'
import { PauseNotices, type NoticeStorage } from './pause-notices.ts'

function call(
  n: number,
  recording: RecordingStateName,
  fields: Partial<BoardCall> = {},
): BoardCall {
  const base = newBoardCall('ucc-a', `00000000-0000-4000-8000-00000000000${n}`, 0)
  return { ...base, state: { ...base.state, recording }, ...fields }
}

function memoryStorage(): NoticeStorage & { items: Map<string, string> } {
  const items = new Map<string, string>()
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
  }
}

const always = () => true
const keys = (calls: BoardCall[]) => calls.map((c) => c.correlationId.at(-1))

test('a call paused too long is noticed once per pause, and again after it was seen not paused', () => {
  const notices = new PauseNotices(memoryStorage())
  const paused = call(1, 'Paused')
  expect(keys(notices.update([paused], always))).toEqual(['1'])
  expect(notices.update([paused], always)).toEqual([])
  expect(notices.latest([paused], always)).toBe(paused)
  // Resumed: seen not paused. Paused again: a new pause.
  expect(notices.update([call(1, 'Started')], always)).toEqual([])
  expect(keys(notices.update([paused], always))).toEqual(['1'])
  // Ended while paused: its mark goes; a call not on the board keeps its mark.
  expect(notices.update([call(1, 'Paused', { endedAt: 5 })], always)).toEqual([])
  expect(keys(notices.update([paused], always))).toEqual(['1'])
  expect(notices.update([], always)).toEqual([])
  expect(notices.update([paused], always)).toEqual([])
})

test('only the calls paused too long are noticed; the latest is named while it still is', () => {
  const notices = new PauseNotices(memoryStorage())
  const short = call(1, 'Paused')
  const long = call(2, 'Paused')
  const tooLong = (c: BoardCall) => c === long
  expect(keys(notices.update([short, long], tooLong))).toEqual(['2'])
  expect(notices.latest([short, long], tooLong)).toBe(long)
  expect(notices.latest([short, long], () => false)).toBeUndefined()
})

test('what was noticed is remembered for the tab: a reload is not a new pause', () => {
  const storage = memoryStorage()
  const paused = call(1, 'Paused')
  new PauseNotices(storage).update([paused], always)
  expect(new PauseNotices(storage).update([paused], always)).toEqual([])
  storage.items.set('recording-board.noticed', '{broken')
  expect(keys(new PauseNotices(storage).update([paused], always))).toEqual(['1'])
  expect(keys(new PauseNotices(null).update([paused], always))).toEqual(['1'])
})
