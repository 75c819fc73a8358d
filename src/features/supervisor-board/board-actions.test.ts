import { act, renderHook } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { deferred, type Deferred } from '../../testing/deferred.ts'
import { useBoardActions } from './board-actions.ts'
import { newBoardCall } from './board-call.ts'
import type { BoardSnapshot } from './board-snapshot.ts'

const UCC = 'ucc-a'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const SUPERVISOR = 'sip:supervisor@example.com'
const CALL = newBoardCall(UCC, ID, 0)

function setup(supervisorSipUri = SUPERVISOR) {
  const snapshot: BoardSnapshot = {
    version: 1,
    calls: [CALL],
    lookups: [],
    events: [],
    eventsIgnored: 0,
    callsDropped: 0,
    maxCalls: 10,
    memory: { kept: 'calls' },
  }
  const sent: (Deferred<void> & { args: [string, RecordingAction, string] })[] = []
  const store = {
    getSnapshot: () => snapshot,
    sendAction: vi.fn((...args: [string, RecordingAction, string]) => {
      const done = deferred<void>()
      sent.push({ ...done, args })
      return done.promise
    }),
  }
  const { result, rerender } = renderHook(() => useBoardActions(store, supervisorSipUri))
  return { store, sent, hook: { result, rerender } }
}

test('Mark is sent at once, as the supervisor', () => {
  const { store, hook } = setup()
  act(() => hook.result.current.onMark(CALL.key))
  expect(store.sendAction).toHaveBeenCalledExactlyOnceWith(
    CALL.key,
    RecordingAction.Mark,
    SUPERVISOR,
  )
})

test('Resume asks first: cancelled, nothing is sent; confirmed, Start is sent', () => {
  const { store, hook } = setup()
  act(() => hook.result.current.onResume(CALL.key))
  expect(hook.result.current.confirming).toBe(CALL)
  act(() => hook.result.current.cancelResume())
  expect(hook.result.current.confirming).toBeNull()
  expect(store.sendAction).not.toHaveBeenCalled()

  act(() => hook.result.current.onResume(CALL.key))
  act(() => hook.result.current.confirmResume())
  expect(hook.result.current.confirming).toBeNull()
  expect(store.sendAction).toHaveBeenCalledExactlyOnceWith(
    CALL.key,
    RecordingAction.Start,
    SUPERVISOR,
  )
})

test('a call no longer on the board is neither marked nor offered to resume', () => {
  const { store, hook } = setup()
  act(() => hook.result.current.onMark('ucc-a|gone'))
  act(() => hook.result.current.onResume('ucc-a|gone'))
  expect(hook.result.current.confirming).toBeNull()
  expect(store.sendAction).not.toHaveBeenCalled()
})

test('with nobody to act as, nothing is sent', () => {
  const { store, hook } = setup('')
  act(() => hook.result.current.onMark(CALL.key))
  act(() => hook.result.current.onResume(CALL.key))
  act(() => hook.result.current.confirmResume())
  expect(store.sendAction).not.toHaveBeenCalled()
})

test('a failed action is said until dismissed, or until the next action', async () => {
  const { sent, hook } = setup()
  act(() => hook.result.current.onMark(CALL.key))
  const refused = new ApiError({ kind: 'server', status: 200, errorType: 5, serverMessage: 'No.' })
  await act(async () => sent[0]!.reject(refused))
  expect(hook.result.current.actionError).toEqual({
    title: 'Mark of call 1d6c6a58 did not go through',
    error: refused,
  })
  act(() => hook.result.current.dismissActionError())
  expect(hook.result.current.actionError).toBeNull()

  act(() => hook.result.current.onMark(CALL.key))
  await act(async () => sent[1]!.reject('offline'))
  expect(hook.result.current.actionError?.error).toEqual(new Error('offline'))
  act(() => hook.result.current.onMark(CALL.key))
  expect(hook.result.current.actionError).toBeNull()
})

test('the row callbacks stay the same across renders', () => {
  const { hook } = setup()
  const { onMark, onResume } = hook.result.current
  hook.rerender()
  expect(hook.result.current.onMark).toBe(onMark)
  expect(hook.result.current.onResume).toBe(onResume)
})
