import { expect, test, vi } from 'vitest'
import type { CallState } from '../../api/schemas.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { readStarted } from '../../recording-state/call-entry.ts'
import { boardEvent, boardRead, callKey, newBoardCall, type BoardCall } from './board-call.ts'
import { BoardCalls } from './board-calls.ts'

const UCC = 'ucc-a'
const NOW = 50_000

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
}

function setup(maxCalls = 100) {
  const reads = {
    want: vi.fn(),
    wantNow: vi.fn(),
    confirmed: vi.fn(),
    unwant: vi.fn(),
    forget: vi.fn(),
  }
  const sweep = { note: vi.fn() }
  const memory = { noteCall: vi.fn(), forget: vi.fn() }
  const watched = { remove: vi.fn() }
  const onEntry = vi.fn()
  const onForget = vi.fn()
  const changed = vi.fn()
  const calls = new BoardCalls({
    uccNames: [UCC, 'ucc-b'],
    maxCalls,
    now: () => NOW,
    onEntry,
    onForget,
    reads,
    sweep,
    memory,
    watched,
    changed,
  })
  return { calls, reads, sweep, memory, watched, onEntry, onForget, changed }
}

/** A call as an event leaves it: derived, unconfirmed, to be read. */
function heard(n: number, action: RecordingAction = RecordingAction.Pause, at = 1_000) {
  return boardEvent(newBoardCall(UCC, id(n), at), action, at)
}

function confirmedBy(call: BoardCall, state: Partial<CallState> = {}) {
  const answer: CallState = {
    uccName: UCC,
    correlationId: call.correlationId,
    recording: 'Started',
    marking: 'None',
    saving: 'None',
    ...state,
  }
  return boardRead(call, readStarted(call), { state: answer }, NOW)
}

test('a new version of a call is kept, handed to the ledger and the memory, and noted by the ended sweep', () => {
  const { calls, onEntry, memory, sweep } = setup()
  const step = heard(1)
  calls.put(step)
  expect(calls.get(step.entry.key)).toBe(step.entry)
  expect(calls.has(step.entry.key)).toBe(true)
  expect(calls.list()).toEqual([step.entry])
  expect(onEntry).toHaveBeenCalledWith(undefined, step.entry)
  expect(memory.noteCall).toHaveBeenCalledWith(undefined, step.entry)
  expect(sweep.note).toHaveBeenCalledWith(step.entry.key, null)
  // The same version again is no news.
  calls.put({ entry: step.entry, read: false })
  expect(onEntry).toHaveBeenCalledTimes(1)
  expect(memory.noteCall).toHaveBeenCalledTimes(1)
})

test('what the core said goes to the read scheduler: read, read at once, confirmed, or ended', () => {
  const { calls, reads } = setup()
  const step = heard(1)
  calls.put(step)
  expect(reads.want).toHaveBeenCalledWith(step.entry.key)
  calls.put(heard(2), { atOnce: true })
  expect(reads.wantNow).toHaveBeenCalledWith(callKey(UCC, id(2)))
  calls.put(confirmedBy(step.entry), { sentAt: 40_000 })
  expect(reads.confirmed).toHaveBeenCalledWith(step.entry.key, NOW, 40_000)
  const ended: BoardCall = { ...newBoardCall(UCC, id(3), 0), endedAt: 1 }
  calls.put({ entry: ended, read: false })
  expect(reads.unwant).toHaveBeenCalledWith(ended.key)
})

test('a call given back by memory is neither news for the ledger nor written back', () => {
  const { calls, onEntry, memory, sweep, reads } = setup()
  const call = newBoardCall(UCC, id(1), 0)
  calls.put({ entry: call, read: true }, { remembered: true })
  expect(calls.get(call.key)).toBe(call)
  expect(onEntry).not.toHaveBeenCalled()
  expect(memory.noteCall).not.toHaveBeenCalled()
  expect(sweep.note).toHaveBeenCalledWith(call.key, null)
  expect(reads.want).toHaveBeenCalledWith(call.key)
})

test('a call let go of leaves the memory, the ledger, the reads and the watch list', () => {
  const { calls, memory, onForget, reads, watched, changed } = setup()
  const { entry } = heard(1)
  calls.put({ entry, read: false })
  calls.remove([entry.key, 'ucc-a|not-on-the-board'])
  expect(calls.has(entry.key)).toBe(false)
  expect(memory.forget).toHaveBeenCalledExactlyOnceWith(entry.key)
  expect(onForget).toHaveBeenCalledExactlyOnceWith(entry)
  expect(reads.forget).toHaveBeenCalledExactlyOnceWith(entry.key)
  expect(watched.remove).toHaveBeenCalledExactlyOnceWith(id(1))
  expect(changed).toHaveBeenCalledTimes(1)
})

test('an id is on the board in any watched UCC, in any casing', () => {
  const { calls } = setup()
  calls.put({ entry: newBoardCall('ucc-b', id(1), 0), read: false })
  expect(calls.isOnBoard(id(1).toUpperCase())).toBe(true)
  expect(calls.isOnBoard(id(2))).toBe(false)
})

test('beyond the cap the longest-quiet calls go, and are counted', () => {
  const { calls, changed } = setup(10)
  for (let n = 1; n <= 10; n += 1) calls.put(heard(n, RecordingAction.Start, n))
  calls.keepWithinCap()
  expect(calls.dropped).toBe(0)
  expect(changed).not.toHaveBeenCalled()
  calls.put(heard(11, RecordingAction.Start, 11))
  calls.keepWithinCap()
  // Down to 95 % of the cap (row-cap.ts), the quietest first.
  expect(calls.dropped).toBe(2)
  expect(calls.list().map((call) => call.correlationId)).toEqual(
    [3, 4, 5, 6, 7, 8, 9, 10, 11].map(id),
  )
  expect(calls.maxCalls).toBe(10)
})
