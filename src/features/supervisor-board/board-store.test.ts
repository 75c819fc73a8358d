import { expect, onTestFinished, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { SetRecordingInput } from '../../api/recording-api.ts'
import type { CallState, Capabilities, RecordingStateName } from '../../api/schemas.ts'
import { RecordingAction } from '../../api/wire.ts'
import type { RecordingEvent } from '../../live/parse-event.ts'
import { createBoardMetrics } from './board-metrics.ts'
import { BoardStore, callKey, type BoardCall, type BoardStoreOptions } from './board-store.ts'
import type { WatchList } from './watch-list.ts'
import { deferred, type Deferred } from '../../testing/deferred.ts'

const UCC_A = 'ucc-a'
const UCC_B = 'ucc-b'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const SUPERVISOR = 'sip:supervisor@example.com'

interface Get extends Deferred<CallState> {
  uccName: string
  correlationId: string
  signal: AbortSignal | undefined
}

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
}

function state(recording: RecordingStateName, overrides: Partial<CallState> = {}): CallState {
  return {
    uccName: UCC_A,
    correlationId: ID,
    recording,
    marking: 'None',
    saving: 'None',
    ...overrides,
  }
}

function noSession(correlationId = ID) {
  return new ApiError({
    kind: 'server',
    status: 200,
    errorType: 2,
    serverMessage: `No Audio session with correlation Id:'${correlationId}' was found.`,
  })
}

function memoryWatchList(initial: string[] = []): WatchList & { saved: string[][] } {
  const saved: string[][] = []
  let current = initial
  return {
    saved,
    load: () => current,
    save(ids) {
      current = [...ids]
      saved.push(current)
    },
  }
}

function setup(options: Partial<BoardStoreOptions> = {}) {
  vi.useFakeTimers()
  onTestFinished(() => {
    store.stop()
    vi.useRealTimers()
  })
  const gets: Get[] = []
  const posts: (Deferred<CallState | undefined> & { input: SetRecordingInput })[] = []
  const api = {
    getState: vi.fn((uccName: string, correlationId: string, signal?: AbortSignal) => {
      const call = deferred<CallState>()
      gets.push({ ...call, uccName, correlationId, signal })
      return call.promise
    }),
    setRecording: vi.fn((input: SetRecordingInput) => {
      const call = deferred<CallState | undefined>()
      posts.push({ ...call, input })
      return call.promise
    }),
    getCapabilities: vi.fn((uccName: string): Promise<Capabilities> =>
      Promise.resolve({ uccName, agentCanEditRecordings: true }),
    ),
  }
  const metrics = createBoardMetrics()
  let perf = 0
  const store = new BoardStore({
    api,
    uccNames: [UCC_A, UCC_B],
    endedLingerMs: 30_000,
    metrics,
    perfNow: () => perf,
    ...options,
  })
  store.start()
  return {
    store,
    api,
    gets,
    posts,
    metrics,
    setPerf: (value: number) => (perf = value),
    /** Events are applied on the next animation frame. */
    frame: () => vi.advanceTimersToNextFrame(),
    call: (key = callKey(UCC_A, ID)): BoardCall | undefined =>
      store.getSnapshot().calls.find((c) => c.key === key),
  }
}

function event(
  action: RecordingAction | undefined,
  correlationId = ID,
  uccName = UCC_A,
): RecordingEvent {
  return { uccName, correlationId, action }
}

/** Lets promise callbacks (a GET's answer) run. */
async function settle() {
  await vi.advanceTimersByTimeAsync(0)
}

function nthGet(gets: Get[], index: number): Get {
  const get = gets[index]
  if (!get) throw new Error(`GET ${index + 1} was not sent (${gets.length} sent)`)
  return get
}

// Events: derived at once, applied once per frame

test('an event adds the call on the next frame, derived from its action and not confirmed', () => {
  const { store, frame, call } = setup()
  const before = store.getSnapshot()
  store.receiveEvent(event(RecordingAction.Pause))
  expect(store.getSnapshot()).toBe(before)
  frame()
  expect(call()).toMatchObject({
    uccName: UCC_A,
    correlationId: ID,
    recording: 'Paused',
    marking: 'Unknown',
    saving: 'Unknown',
    confirmed: false,
    pausedSince: Date.now(),
    pausedSinceExact: true,
    lastEvent: { action: RecordingAction.Pause, at: Date.now() },
  })
})

test('many events in one frame make one snapshot', () => {
  const { store, frame } = setup()
  const listener = vi.fn()
  store.subscribe(listener)
  const version = store.getSnapshot().version
  for (let n = 0; n < 50; n += 1) store.receiveEvent(event(RecordingAction.Start, id(n)))
  frame()
  expect(listener).toHaveBeenCalledTimes(1)
  expect(store.getSnapshot().version).toBe(version + 1)
  expect(store.getSnapshot().calls).toHaveLength(50)
})

test('events for UCCs that are not watched are ignored; the UCC matches in any casing', () => {
  const { store, frame, metrics } = setup()
  store.receiveEvent(event(RecordingAction.Pause, id(1), 'ucc-other'))
  store.receiveEvent(event(RecordingAction.Pause, ID.toUpperCase(), 'UCC-A'))
  frame()
  expect(store.getSnapshot().calls.map((c) => [c.key, c.uccName, c.correlationId])).toEqual([
    [`${UCC_A}|${ID}`, UCC_A, ID.toUpperCase()],
  ])
  expect(metrics).toMatchObject({ eventsReceived: 2, eventsApplied: 1 })
})

test('a repeated pause keeps when it started; a start ends it; marks and saves change their own state', () => {
  const { store, frame, call } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  const pausedAt = call()?.pausedSince
  vi.advanceTimersByTime(3_000)
  store.receiveEvent(event(RecordingAction.Pause))
  store.receiveEvent(event(RecordingAction.Mark))
  store.receiveEvent(event(RecordingAction.Save))
  frame()
  expect(call()).toMatchObject({
    recording: 'Paused',
    pausedSince: pausedAt,
    marking: 'Mark',
    saving: 'Save',
    eventSeq: 4,
  })
  store.receiveEvent(event(RecordingAction.Start))
  frame()
  expect(call()).toMatchObject({ recording: 'Started', pausedSince: null, marking: 'Mark' })
})

test('an event with an unknown action keeps the state but makes it unconfirmed', async () => {
  const { store, frame, call, gets } = setup()
  store.receiveEvent(event(RecordingAction.Stop))
  frame()
  nthGet(gets, 0).resolve(state('Stopped'))
  await settle()
  frame()
  expect(call()).toMatchObject({ recording: 'Stopped', confirmed: true })
  vi.advanceTimersByTime(5_000)
  store.receiveEvent(event(undefined))
  frame()
  expect(call()).toMatchObject({ recording: 'Stopped', confirmed: false })
  expect(gets).toHaveLength(2)
})

test('the event log keeps the newest events first, up to its size, redrawn at most four times a second', () => {
  const { store, frame } = setup({ eventLogSize: 3 })
  for (let n = 1; n <= 5; n += 1) store.receiveEvent(event(RecordingAction.Mark, id(n)))
  frame()
  expect(store.getSnapshot().events.map((e) => e.correlationId)).toEqual([id(5), id(4), id(3)])
  const publishedAt = Date.now()
  store.receiveEvent(event(RecordingAction.Pause, id(6)))
  frame()
  expect(store.getSnapshot().calls).toHaveLength(6)
  expect(store.getSnapshot().events[0]?.correlationId).toBe(id(5))
  vi.advanceTimersByTime(publishedAt + 249 - Date.now())
  expect(store.getSnapshot().events[0]?.correlationId).toBe(id(5))
  vi.advanceTimersByTime(1)
  frame()
  expect(store.getSnapshot().events.map((e) => [e.correlationId, e.uccName, e.action])).toEqual([
    [id(6), UCC_A, RecordingAction.Pause],
    [id(5), UCC_A, RecordingAction.Mark],
    [id(4), UCC_A, RecordingAction.Mark],
  ])
})

// Confirmation

test('a GET replaces the derived state and confirms it', async () => {
  const { store, frame, call, gets } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  expect(gets).toHaveLength(1)
  expect(nthGet(gets, 0)).toMatchObject({ uccName: UCC_A, correlationId: ID })
  // The recorder had already been resumed: the read is the truth.
  nthGet(gets, 0).resolve(state('Started', { marking: 'Mark' }))
  await settle()
  expect(call()).toMatchObject({ confirmed: false }) // published on the next frame
  frame()
  expect(call()).toMatchObject({
    recording: 'Started',
    marking: 'Mark',
    saving: 'None',
    confirmed: true,
    pausedSince: null,
  })
})

test('a GET that started before a newer event is not trusted; the call is read again later', async () => {
  const { store, frame, call, gets } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  store.receiveEvent(event(RecordingAction.Start))
  frame()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  frame()
  expect(call()).toMatchObject({ recording: 'Started', confirmed: false })
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(5_000)
  expect(gets).toHaveLength(2)
  nthGet(gets, 1).resolve(state('Started'))
  await settle()
  frame()
  expect(call()).toMatchObject({ recording: 'Started', confirmed: true })
})

test('a pause found by a read is timed from then, and marked as not exact', async () => {
  const { store, gets, frame, call } = setup()
  store.addIds([ID])
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  const readAt = Date.now()
  frame()
  expect(call()).toMatchObject({
    recording: 'Paused',
    confirmed: true,
    pausedSince: readAt,
    pausedSinceExact: false,
  })
})

test('a failed read keeps the state, marks the read failed and tries again after the interval', async () => {
  const { store, frame, call, gets } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  const sentAt = Date.now()
  nthGet(gets, 0).reject(new ApiError({ kind: 'http', status: 503 }))
  await settle()
  frame()
  expect(call()).toMatchObject({
    recording: 'Paused',
    confirmed: false,
    readError: expect.objectContaining({ status: 503 }),
  })
  await vi.advanceTimersByTimeAsync(sentAt + 4_999 - Date.now())
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(gets).toHaveLength(2)
  nthGet(gets, 1).resolve(state('Paused'))
  await settle()
  frame()
  expect(call()).toMatchObject({ confirmed: true, readError: null })
})

// Server load: per call, in flight, visible first, background budget

test('at most one GET per call every 5 seconds, however many events', async () => {
  const { store, frame, gets } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  const sentAt = Date.now()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  for (let n = 0; n < 10; n += 1) {
    await vi.advanceTimersByTimeAsync(400)
    store.receiveEvent(event(n % 2 ? RecordingAction.Pause : RecordingAction.Start))
  }
  frame()
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(sentAt + 4_999 - Date.now())
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(gets).toHaveLength(2)
})

test('no more than 4 GETs in flight; an answer lets the next one go', async () => {
  const { store, frame, gets } = setup({ backgroundGetsPerSecond: 100 })
  for (let n = 0; n < 10; n += 1) store.receiveEvent(event(RecordingAction.Start, id(n)))
  frame()
  expect(gets).toHaveLength(4)
  nthGet(gets, 0).resolve(state('Started', { correlationId: id(0) }))
  await settle()
  expect(gets).toHaveLength(5)
  nthGet(gets, 1).reject(new ApiError({ kind: 'network' }))
  await settle()
  expect(gets).toHaveLength(6)
})

test('a call on screen is also read at most once every 5 seconds', async () => {
  const { store, frame, gets } = setup()
  store.setVisible([callKey(UCC_A, ID)])
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  const sentAt = Date.now()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  store.receiveEvent(event(RecordingAction.Start))
  frame()
  await vi.advanceTimersByTimeAsync(sentAt + 4_999 - Date.now())
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(gets).toHaveLength(2)
})

test('calls on screen are read first', async () => {
  const { store, frame, gets } = setup()
  for (let n = 0; n < 20; n += 1) store.receiveEvent(event(RecordingAction.Start, id(n)))
  store.setVisible([callKey(UCC_A, id(17)), callKey(UCC_A, id(12))])
  frame()
  expect(gets.slice(0, 2).map((g) => g.correlationId)).toEqual([id(17), id(12)])
})

test('calls off screen are confirmed within a budget of GETs per second', async () => {
  const { store, frame, gets } = setup({ backgroundGetsPerSecond: 2 })
  for (let n = 0; n < 20; n += 1) store.receiveEvent(event(RecordingAction.Start, id(n)))
  frame()
  expect(gets).toHaveLength(2) // the bucket starts full
  for (const get of gets.slice()) get.resolve(state('Started'))
  await vi.advanceTimersByTimeAsync(1_000)
  expect(gets).toHaveLength(4)
  for (const get of gets.slice(2)) get.resolve(state('Started'))
  await vi.advanceTimersByTimeAsync(1_000)
  expect(gets).toHaveLength(6)
  // Oldest unconfirmed first.
  expect(gets.map((g) => g.correlationId)).toEqual([id(0), id(1), id(2), id(3), id(4), id(5)])
})

test('a confirmed call on screen is read again after 30 seconds; one off screen is not', async () => {
  const { store, frame, gets } = setup()
  store.receiveEvent(event(RecordingAction.Start, id(1)))
  store.receiveEvent(event(RecordingAction.Start, id(2)))
  store.setVisible([callKey(UCC_A, id(1))])
  frame()
  nthGet(gets, 0).resolve(state('Started'))
  nthGet(gets, 1).resolve(state('Started'))
  await settle()
  await vi.advanceTimersByTimeAsync(29_999)
  expect(gets).toHaveLength(2)
  await vi.advanceTimersByTimeAsync(1)
  expect(gets.map((g) => g.correlationId)).toEqual([id(1), id(2), id(1)])
})

// Ended calls

test('a call the service no longer knows is shown as ended, then removed after the linger time', async () => {
  const watchList = memoryWatchList([ID])
  const { store, frame, call, gets } = setup({ endedLingerMs: 10_000, watchList })
  nthGet(gets, 0).resolve(state('Started'))
  await settle()
  vi.advanceTimersByTime(5_000)
  store.receiveEvent(event(RecordingAction.Stop))
  frame()
  nthGet(gets, 1).reject(noSession())
  await settle()
  const endedAt = Date.now()
  frame()
  expect(call()).toMatchObject({
    endedAt,
    endedMessage: `No Audio session with correlation Id:'${ID}' was found.`,
    confirmed: false,
    recording: 'Stopped',
  })
  await vi.advanceTimersByTimeAsync(endedAt + 9_000 - Date.now())
  frame()
  expect(call()).toBeDefined()
  await vi.advanceTimersByTimeAsync(endedAt + 10_000 - Date.now())
  frame()
  expect(call()).toBeUndefined()
  expect(gets).toHaveLength(2) // an ended call is not read again
  expect(watchList.saved.at(-1)).toEqual([])
})

test('each ended call lingers for its own time', async () => {
  const { store, frame, call, gets } = setup({ endedLingerMs: 10_000 })
  store.receiveEvent(event(RecordingAction.Stop, id(1)))
  store.receiveEvent(event(RecordingAction.Stop, id(2)))
  frame()
  nthGet(gets, 0).reject(noSession(id(1)))
  await settle()
  const firstEndedAt = Date.now()
  await vi.advanceTimersByTimeAsync(5_000)
  nthGet(gets, 1).reject(noSession(id(2)))
  await settle()
  await vi.advanceTimersByTimeAsync(firstEndedAt + 10_000 - Date.now())
  frame()
  expect(call(callKey(UCC_A, id(1)))).toBeUndefined()
  expect(call(callKey(UCC_A, id(2)))).toMatchObject({ endedAt: expect.any(Number) })
  await vi.advanceTimersByTimeAsync(5_000)
  frame()
  expect(store.getSnapshot().calls).toEqual([])
})

test('an event for an ended call brings it back', async () => {
  const { store, frame, call, gets } = setup()
  store.receiveEvent(event(RecordingAction.Stop))
  frame()
  nthGet(gets, 0).reject(noSession())
  await settle()
  frame()
  expect(call()).toMatchObject({ endedAt: expect.any(Number) })
  store.receiveEvent(event(RecordingAction.Start))
  frame()
  expect(call()).toMatchObject({ endedAt: null, recording: 'Started', confirmed: false })
})

// Resync

test('a resync makes every call unconfirmed and reads them again at once, visible first', async () => {
  const { store, frame, call, gets } = setup()
  store.receiveEvent(event(RecordingAction.Pause, id(1)))
  store.receiveEvent(event(RecordingAction.Pause, id(2)))
  frame()
  nthGet(gets, 0).resolve(state('Paused'))
  nthGet(gets, 1).resolve(state('Paused'))
  await settle()
  frame()
  expect(store.getSnapshot().calls.every((c) => c.confirmed)).toBe(true)

  store.setVisible([callKey(UCC_A, id(2))])
  store.resync()
  frame()
  expect(store.getSnapshot().calls.every((c) => !c.confirmed)).toBe(true)
  expect(gets.slice(2).map((g) => g.correlationId)).toEqual([id(2), id(1)])
  nthGet(gets, 2).resolve(state('Started'))
  await settle()
  frame()
  expect(call(callKey(UCC_A, id(2)))).toMatchObject({ recording: 'Started', confirmed: true })
  expect(call(callKey(UCC_A, id(1)))).toMatchObject({ recording: 'Paused', confirmed: false })
})

test('a GET in flight during a resync is cancelled and not trusted', async () => {
  const { store, frame, call, gets } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  store.resync()
  expect(nthGet(gets, 0).signal?.aborted).toBe(true)
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  frame()
  expect(call()?.confirmed).toBe(false)
  expect(gets).toHaveLength(2)
})

// Ids added by hand or in the address

test('an added id is tried in each watched UCC until one knows it', async () => {
  const watchList = memoryWatchList()
  const { store, frame, call, gets } = setup({ watchList })
  store.addIds([ID])
  frame()
  expect(store.getSnapshot().lookups).toEqual([
    { correlationId: ID, status: 'checking', tried: [], error: null },
  ])
  expect(watchList.saved).toEqual([[ID]])
  expect(nthGet(gets, 0)).toMatchObject({ uccName: UCC_A, correlationId: ID })
  nthGet(gets, 0).reject(noSession())
  await settle()
  expect(nthGet(gets, 1)).toMatchObject({ uccName: UCC_B, correlationId: ID })
  nthGet(gets, 1).resolve(state('Paused', { uccName: UCC_B }))
  await settle()
  frame()
  expect(store.getSnapshot().lookups).toEqual([])
  expect(call(callKey(UCC_B, ID))).toMatchObject({
    uccName: UCC_B,
    recording: 'Paused',
    marking: 'None',
    confirmed: true,
    lastEvent: null,
  })
})

test('an added id no watched UCC knows is reported, and dropped from the saved list', async () => {
  const watchList = memoryWatchList()
  const { store, frame, gets } = setup({ watchList })
  store.addIds([ID])
  nthGet(gets, 0).reject(noSession())
  await settle()
  nthGet(gets, 1).reject(noSession())
  await settle()
  frame()
  expect(store.getSnapshot().lookups).toEqual([
    { correlationId: ID, status: 'not-found', tried: [UCC_A, UCC_B], error: null },
  ])
  expect(watchList.saved.at(-1)).toEqual([])
  expect(store.getSnapshot().calls).toEqual([])
  store.dismissLookup(ID)
  frame()
  expect(store.getSnapshot().lookups).toEqual([])
})

test('the saved watch list is looked up again on the next start', () => {
  const { gets } = setup({ watchList: memoryWatchList([ID, id(2)]) })
  expect(gets.map((g) => [g.uccName, g.correlationId])).toEqual([
    [UCC_A, ID],
    [UCC_A, id(2)],
  ])
})

test('an event for an id being looked up places it and ends the look-up', async () => {
  const { store, frame, gets, call } = setup()
  store.addIds([ID])
  store.receiveEvent(event(RecordingAction.Pause, ID, UCC_B))
  frame()
  expect(nthGet(gets, 0).signal?.aborted).toBe(true)
  expect(store.getSnapshot().lookups).toEqual([])
  expect(call(callKey(UCC_B, ID))).toMatchObject({ recording: 'Paused', confirmed: false })
})

// Actions from the board

test('a resume is sent as the supervisor; a full answer with no other event meanwhile is confirmed', async () => {
  const { store, frame, call, gets, posts } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  const sent = store.sendAction(callKey(UCC_A, ID), RecordingAction.Start, SUPERVISOR)
  frame()
  expect(call()?.actionInFlight).toBe(RecordingAction.Start)
  expect(posts[0]?.input).toEqual({
    uccName: UCC_A,
    correlationId: ID,
    action: RecordingAction.Start,
    requesterSipUri: SUPERVISOR,
  })
  // The service's own event for this action arrives before the answer.
  store.receiveEvent(event(RecordingAction.Start))
  frame()
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({ recording: 'Started', confirmed: true, actionInFlight: null })
})

test('an answer overtaken by an event for another action is not trusted: a GET decides at once', async () => {
  const { store, frame, call, gets, posts } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  const sent = store.sendAction(callKey(UCC_A, ID), RecordingAction.Start, SUPERVISOR)
  store.receiveEvent(event(RecordingAction.Stop))
  frame()
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({ recording: 'Stopped', confirmed: false })
  expect(gets).toHaveLength(2) // within the 5 s interval: an action's answer is always re-read
})

test('a failed action is not repeated: the error is passed on and the state read again at once', async () => {
  const { store, frame, call, gets, posts, api } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  frame()
  const sent = store.sendAction(callKey(UCC_A, ID), RecordingAction.Start, SUPERVISOR)
  const refused = new ApiError({
    kind: 'server',
    status: 200,
    errorType: 3,
    serverMessage: 'Recorder busy.',
  })
  posts[0]?.reject(refused)
  await expect(sent).rejects.toBe(refused)
  frame()
  expect(call()).toMatchObject({ recording: 'Paused', confirmed: false, actionInFlight: null })
  expect(gets).toHaveLength(2)
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

test('one action at a time per call', () => {
  const { store, frame, api } = setup()
  store.receiveEvent(event(RecordingAction.Pause))
  frame()
  void store.sendAction(callKey(UCC_A, ID), RecordingAction.Start, SUPERVISOR)
  void store.sendAction(callKey(UCC_A, ID), RecordingAction.Start, SUPERVISOR)
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

// Capabilities and metrics

test('capabilities are read once per watched UCC', async () => {
  const { store, api, frame } = setup()
  await settle()
  frame()
  expect(api.getCapabilities.mock.calls.map(([ucc]) => ucc)).toEqual([UCC_A, UCC_B])
  expect(store.getSnapshot().canEdit).toEqual(
    new Map([
      [UCC_A, true],
      [UCC_B, true],
    ]),
  )
})

test('the benchmark counters: events received and applied, GETs sent, event-to-commit times', () => {
  const { store, frame, metrics, setPerf } = setup()
  setPerf(100)
  store.receiveEvent(event(RecordingAction.Pause, id(1)))
  setPerf(104)
  store.receiveEvent(event(RecordingAction.Pause, id(2)))
  store.receiveEvent(event(RecordingAction.Pause, id(3), 'ucc-other'))
  frame()
  setPerf(120)
  store.noteCommitted()
  store.noteCommitted()
  expect(metrics).toEqual({
    eventsReceived: 3,
    eventsApplied: 2,
    getsSent: 2,
    eventToRowMs: [20, 16],
  })
})

test('an added id keeps its spelling in requests; an event in another case is the same call', async () => {
  const watchList = memoryWatchList()
  const { store, frame, gets, call } = setup({ watchList })
  const upper = ID.toUpperCase()
  store.addIds([upper])
  store.addIds([ID])
  expect(watchList.saved).toEqual([[upper]])
  expect(nthGet(gets, 0).correlationId).toBe(upper)
  nthGet(gets, 0).resolve(state('Started', { correlationId: upper }))
  await settle()
  store.receiveEvent(event(RecordingAction.Pause, ID))
  frame()
  expect(store.getSnapshot().calls).toHaveLength(1)
  expect(call()).toMatchObject({ correlationId: upper, recording: 'Paused' })
})
