import { expect, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { SetRecordingInput } from '../../api/recording-api.ts'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { deferred, type Deferred } from '../../testing/deferred.ts'
import { boardEvent, callKey, newBoardCall, type BoardCall } from './board-call.ts'
import type { PutHow } from './board-calls.ts'
import { CallRequests } from './call-requests.ts'

// The rules of what an answer confirms are the core's (src/recording-state); here, that each
// request reaches the API and its answer the call, and what the store is told.

const UCC = 'ucc-a'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const KEY = callKey(UCC, ID)
const SUPERVISOR = 'sip:supervisor@example.com'
const NOW = 10_000

function state(recording: RecordingStateName): CallState {
  return { uccName: UCC, correlationId: ID, recording, marking: 'None', saving: 'None' }
}

function setup() {
  const map = new Map<string, BoardCall>()
  const puts: { entry: BoardCall; read: boolean; how: PutHow | undefined }[] = []
  const calls = {
    get: (key: string) => map.get(key),
    has: (key: string) => map.has(key),
    put: vi.fn(({ entry, read }: { entry: BoardCall; read: boolean }, how?: PutHow) => {
      map.set(entry.key, entry)
      puts.push({ entry, read, how })
    }),
    keepWithinCap: vi.fn(),
  }
  const gets: Deferred<CallState>[] = []
  const posts: (Deferred<CallState | undefined> & { input: SetRecordingInput })[] = []
  const api = {
    getState: vi.fn(() => {
      const get = deferred<CallState>()
      gets.push(get)
      return get.promise
    }),
    setRecording: vi.fn((input: SetRecordingInput) => {
      const post = deferred<CallState | undefined>()
      posts.push({ ...post, input })
      return post.promise
    }),
  }
  const observer = { eventReceived: vi.fn(), eventsApplied: vi.fn(), getSent: vi.fn() }
  const order: string[] = []
  const requests = new CallRequests({
    api,
    live: { attach: () => () => undefined, getStretch: () => 1 },
    observer,
    calls,
    now: () => NOW,
    applyQueued: vi.fn(() => void order.push('applyQueued')),
    changed: vi.fn(),
    pump: vi.fn(() => void order.push('pump')),
  })
  /** A call on the board, unconfirmed since an event. */
  const add = () => {
    const { entry } = boardEvent(newBoardCall(UCC, ID, 0), RecordingAction.Pause, 0)
    map.set(KEY, entry)
    return entry
  }
  return { requests, calls, map, puts, api, gets, posts, observer, order, add }
}

const signal = () => new AbortController().signal

test('every GET is counted by the observer', async () => {
  const { requests, api, observer, gets } = setup()
  const answer = requests.getState(UCC, ID, signal())
  expect(api.getState).toHaveBeenCalledWith(UCC, ID, expect.any(AbortSignal))
  expect(observer.getSent).toHaveBeenCalledTimes(1)
  gets[0]!.resolve(state('Started'))
  await expect(answer).resolves.toEqual(state('Started'))
})

test('a read of a call on the board: its answer confirms the call, and the store hears of it', async () => {
  const ctx = setup()
  ctx.add()
  const read = ctx.requests.readCall(KEY, signal())
  ctx.gets[0]!.resolve(state('Paused'))
  await read
  expect(ctx.map.get(KEY)).toMatchObject({ confirmed: true, state: { recording: 'Paused' } })
  expect(ctx.puts.at(-1)?.how).toBeUndefined()
})

test('a failed read keeps the state and notes the error', async () => {
  const ctx = setup()
  ctx.add()
  const read = ctx.requests.readCall(KEY, signal())
  const failure = new ApiError({ kind: 'http', status: 503 })
  ctx.gets[0]!.reject(failure)
  await read
  expect(ctx.map.get(KEY)).toMatchObject({ confirmed: false, readError: failure })
})

test('no read for a call not on the board; a cancelled read, or one for a call gone, changes nothing', async () => {
  const ctx = setup()
  await ctx.requests.readCall(KEY, signal())
  expect(ctx.api.getState).not.toHaveBeenCalled()

  ctx.add()
  const controller = new AbortController()
  const cancelled = ctx.requests.readCall(KEY, controller.signal)
  controller.abort()
  ctx.gets[0]!.resolve(state('Paused'))
  await cancelled
  const gone = ctx.requests.readCall(KEY, signal())
  ctx.map.delete(KEY)
  ctx.gets[1]!.resolve(state('Paused'))
  await gone
  expect(ctx.calls.put).not.toHaveBeenCalled()
})

test('a look-up places its call confirmed by that read, unless an event placed it meanwhile', () => {
  const ctx = setup()
  ctx.requests.placeFound(UCC, ID, state('Started'), 9_000)
  expect(ctx.puts).toHaveLength(1)
  expect(ctx.puts[0]).toMatchObject({
    entry: { key: KEY, confirmed: true, learntAt: 9_000 },
    read: false,
    how: { sentAt: 9_000 },
  })
  expect(ctx.calls.keepWithinCap).toHaveBeenCalledTimes(1)
  ctx.requests.placeFound(UCC, ID, state('Paused'), 9_500)
  expect(ctx.puts).toHaveLength(1)
})

test('an action is sent as the supervisor, one at a time per call; a trusted answer needs no read', async () => {
  const ctx = setup()
  ctx.add()
  const sent = ctx.requests.sendAction(KEY, RecordingAction.Start, SUPERVISOR)
  expect(ctx.map.get(KEY)?.flight).toMatchObject({ action: RecordingAction.Start })
  expect(ctx.posts.map((post) => post.input)).toEqual([
    { uccName: UCC, correlationId: ID, action: RecordingAction.Start, requesterSipUri: SUPERVISOR },
  ])
  await ctx.requests.sendAction(KEY, RecordingAction.Mark, SUPERVISOR)
  expect(ctx.posts).toHaveLength(1)

  ctx.posts[0]!.resolve(state('Started'))
  await sent
  expect(ctx.map.get(KEY)).toMatchObject({ confirmed: true, flight: null })
  expect(ctx.puts.at(-1)).toMatchObject({ read: false, how: { atOnce: true } })
  // The events queued before the answer were applied before it; then the reads may go.
  expect(ctx.order).toEqual(['applyQueued', 'pump'])
})

test('an answer without the state is not trusted: a read decides at once', async () => {
  const ctx = setup()
  ctx.add()
  const sent = ctx.requests.sendAction(KEY, RecordingAction.Start, SUPERVISOR)
  ctx.posts[0]!.resolve(undefined)
  await sent
  expect(ctx.puts.at(-1)).toMatchObject({ read: true, how: { atOnce: true } })
  expect(ctx.map.get(KEY)).toMatchObject({ confirmed: false, flight: null })
})

test('a failed action is not repeated: a read decides at once, and the error is passed on', async () => {
  const ctx = setup()
  ctx.add()
  const sent = ctx.requests.sendAction(KEY, RecordingAction.Mark, SUPERVISOR)
  const refused = new ApiError({ kind: 'server', status: 200, errorType: 5, serverMessage: 'No.' })
  ctx.posts[0]!.reject(refused)
  await expect(sent).rejects.toBe(refused)
  expect(ctx.puts.at(-1)).toMatchObject({ read: true, how: { atOnce: true } })
  expect(ctx.api.setRecording).toHaveBeenCalledTimes(1)
})
