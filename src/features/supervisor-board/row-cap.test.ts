import { expect, test } from 'vitest'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { newBoardCall, type BoardCall } from './board-call.ts'
import { callsToDrop, dropTarget } from './row-cap.ts'

function call(
  name: string,
  recording: RecordingStateName,
  lastActivityAt: number,
  endedAt: number | null = null,
): BoardCall {
  const base = newBoardCall('ucc-a', name, lastActivityAt)
  const state: CallState = { ...base.state, recording }
  return { ...base, state, endedAt }
}

test('nothing is dropped at or under the cap', () => {
  const calls = [call('a', 'Started', 1), call('b', 'Paused', 2)]
  expect(callsToDrop(calls, 2)).toEqual([])
})

test('ended calls go first, then quiet calls that are not paused, then paused ones, longest quiet first', () => {
  const calls = [
    call('paused-old', 'Paused', 1),
    call('started-new', 'Started', 50),
    call('ended-late', 'Started', 5, 40),
    call('started-old', 'Started', 2),
    call('ended-early', 'Stopped', 30, 10),
    call('paused-new', 'Paused', 60),
  ]
  expect(callsToDrop(calls, 5, 0).map((key) => key.split('|')[1])).toEqual([
    'ended-early',
    'ended-late',
    'started-old',
    'started-new',
    'paused-old',
    'paused-new',
  ])
  expect(callsToDrop(calls, 5, 3).map((key) => key.split('|')[1])).toEqual([
    'ended-early',
    'ended-late',
    'started-old',
  ])
})

test('over the cap, it drops to a little below it, so a flood does not sort every frame', () => {
  const calls = Array.from({ length: 1_001 }, (_, n) => call(`c${n}`, 'Started', n))
  const dropped = callsToDrop(calls, 1_000)
  expect(dropped).toHaveLength(1_001 - 950)
  expect(dropped[0]).toBe('ucc-a|c0')
  expect(dropTarget(1_000)).toBe(950)
  expect(dropTarget(10)).toBe(9)
})
