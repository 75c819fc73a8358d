import { expect, onTestFinished, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { SetRecordingInput } from '../../api/recording-api.ts'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import type { LiveSink } from '../../live/live-connection.ts'
import { deferred, type Deferred } from '../../testing/deferred.ts'
import { fakeBoardMemory } from '../../testing/fake-board-memory.ts'
import { callKey, type BoardCall } from './board-call.ts'
import type { BoardStoreOptions } from './board-snapshot.ts'
import { BoardStore } from './board-store.ts'
import type { WatchList } from './watch-list.ts'
import type { BoardCallRecord, Remembered } from '../../ledger/board-memory.ts'

// The store routes events, reads and actions to the core (src/recording-state) and its pieces:
// these tests check the whole through its inputs (the live connection, the API, the table's
// visible rows); the pieces' own rules are tested beside them (board-calls, call-requests,
// store-memory, read-scheduler, id-lookups, event-log-buffer, ended-sweep, frame-batch,
// watch-list).

const UCC_A = 'ucc-a'
const UCC_B = 'ucc-b'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const SUPERVISOR = 'sip:supervisor@example.com'
const { Start, Stop, Pause, Save, Mark } = RecordingAction

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

/** The live connection as the store sees it: sinks, and the current unbroken stretch. */
function fakeLive() {
  const sinks = new Set<LiveSink>()
  let stretch: number | null = 1
  return {
    sinks,
    attach: (sink: LiveSink) => {
      sinks.add(sink)
      return () => void sinks.delete(sink)
    },
    getStretch: () => stretch,
    /** The connection dropped (null) or came back on a new stretch (then it resyncs its sinks). */
    setStretch(value: number | null) {
      stretch = value
      if (value !== null) for (const sink of sinks) sink.resync()
    },
    emit(action: RecordingAction | undefined, correlationId = ID, uccName = UCC_A, arrivedAt = 0) {
      for (const sink of sinks) sink.event({ uccName, correlationId, action }, arrivedAt)
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
  }
  const live = fakeLive()
  const observer = { eventReceived: vi.fn(), eventsApplied: vi.fn(), getSent: vi.fn() }
  const store = new BoardStore({
    api,
    live,
    uccNames: [UCC_A, UCC_B],
    endedLingerMs: 30_000,
    observer,
    ...options,
  })
  store.start()
  return {
    store,
    api,
    live,
    emit: live.emit,
    gets,
    posts,
    observer,
    /** Events are applied on the next animation frame. */
    frame: () => vi.advanceTimersToNextFrame(),
    call: (key = callKey(UCC_A, ID)): BoardCall | undefined =>
      store.getSnapshot().calls.find((c) => c.key === key),
  }
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

/** A call confirmed Paused by its first read, as most action tests start. */
async function pausedCall(ctx: ReturnType<typeof setup>) {
  ctx.emit(Pause)
  ctx.frame()
  nthGet(ctx.gets, 0).resolve(state('Paused'))
  await settle()
  ctx.frame()
  expect(ctx.call()).toMatchObject({ confirmed: true })
}

// The live connection

test('the store listens to the live connection while started, and not after it stops', () => {
  const { store, live, emit, frame, call } = setup()
  expect(live.sinks.size).toBe(1)
  store.stop()
  expect(live.sinks.size).toBe(0)
  emit(Pause)
  store.start()
  frame()
  expect(call()).toBeUndefined()
  emit(Pause)
  frame()
  expect(call()).toBeDefined()
})

// Events: derived at once by the core, applied once per frame

test('an event adds the call on the next frame, derived from its action and not confirmed', () => {
  const { store, emit, frame, call } = setup()
  const before = store.getSnapshot()
  emit(Pause)
  expect(store.getSnapshot()).toBe(before)
  frame()
  expect(call()).toMatchObject({
    uccName: UCC_A,
    correlationId: ID,
    state: { recording: 'Paused', marking: 'Unknown', saving: 'Unknown' },
    confirmed: false,
    pausedSince: Date.now(),
    pausedSinceExact: true,
    lastEvent: { action: Pause, at: Date.now() },
    lastActivityAt: Date.now(),
  })
})

test('many events in one frame make one snapshot', () => {
  const { store, emit, frame } = setup()
  const listener = vi.fn()
  store.subscribe(listener)
  const version = store.getSnapshot().version
  for (let n = 0; n < 50; n += 1) emit(Start, id(n))
  frame()
  expect(listener).toHaveBeenCalledTimes(1)
  expect(store.getSnapshot().version).toBe(version + 1)
  expect(store.getSnapshot().calls).toHaveLength(50)
})

test('events for UCCs that are not watched are ignored; the UCC matches in any casing', () => {
  const { store, emit, frame } = setup()
  emit(Pause, id(1), 'ucc-other')
  emit(Pause, ID.toUpperCase(), 'UCC-A')
  frame()
  expect(store.getSnapshot().calls.map((c) => [c.key, c.uccName, c.correlationId])).toEqual([
    [`${UCC_A}|${ID}`, UCC_A, ID.toUpperCase()],
  ])
})

test('a repeated pause keeps when it started; a start ends it; marks and saves change their own state', () => {
  const { emit, frame, call } = setup()
  emit(Pause)
  frame()
  const pausedAt = call()?.pausedSince
  vi.advanceTimersByTime(3_000)
  emit(Pause)
  emit(Mark)
  emit(Save)
  frame()
  expect(call()).toMatchObject({
    state: { recording: 'Paused', marking: 'Mark', saving: 'Save' },
    pausedSince: pausedAt,
    eventSeq: 4,
  })
  emit(Start)
  frame()
  expect(call()).toMatchObject({
    state: { recording: 'Started', marking: 'Mark' },
    pausedSince: null,
  })
})

test('an event with an unknown action keeps the state but makes it unconfirmed, and it is read again', async () => {
  const { emit, frame, call, gets } = setup()
  emit(Stop)
  frame()
  nthGet(gets, 0).resolve(state('Stopped'))
  await settle()
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Stopped' }, confirmed: true })
  vi.advanceTimersByTime(5_000)
  emit(undefined)
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Stopped' }, confirmed: false })
  expect(gets).toHaveLength(2)
})

test('the events applied go to the log, newest first, with their UCC, id and action', () => {
  const { store, emit, frame } = setup({ eventLogSize: 3 })
  for (let n = 1; n <= 5; n += 1) emit(Mark, id(n))
  emit(Pause, id(6), 'ucc-other')
  frame()
  expect(store.getSnapshot().events.map((e) => [e.correlationId, e.uccName, e.action])).toEqual([
    [id(5), UCC_A, Mark],
    [id(4), UCC_A, Mark],
    [id(3), UCC_A, Mark],
  ])
  // Published at most four times a second (event-log-buffer.test.ts): the next line waits.
  emit(Pause, id(7), 'UCC-B')
  frame()
  expect(store.getSnapshot().calls).toHaveLength(6)
  expect(store.getSnapshot().events[0]?.correlationId).toBe(id(5))
  vi.advanceTimersByTime(250)
  frame()
  expect(store.getSnapshot().events[0]).toMatchObject({ correlationId: id(7), uccName: UCC_B })
})

// Reads

test('a GET replaces the derived state and confirms it', async () => {
  const { emit, frame, call, gets } = setup()
  emit(Pause)
  frame()
  expect(gets).toHaveLength(1)
  expect(nthGet(gets, 0)).toMatchObject({ uccName: UCC_A, correlationId: ID })
  // The recorder had already been resumed: the read is the truth.
  nthGet(gets, 0).resolve(state('Started', { marking: 'Mark' }))
  await settle()
  expect(call()).toMatchObject({ confirmed: false }) // published on the next frame
  frame()
  expect(call()).toMatchObject({
    state: { recording: 'Started', marking: 'Mark', saving: 'None' },
    confirmed: true,
    pausedSince: null,
  })
})

test('a GET that started before a newer event is not trusted; the call is read again later', async () => {
  const { emit, frame, call, gets } = setup()
  emit(Pause)
  frame()
  emit(Start)
  frame()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Started' }, confirmed: false })
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(5_000)
  expect(gets).toHaveLength(2)
  nthGet(gets, 1).resolve(state('Started'))
  await settle()
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Started' }, confirmed: true })
})

test('a pause found by a read is timed from then, and marked as not exact', async () => {
  const { store, gets, frame, call } = setup()
  store.addIds([ID])
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  const readAt = Date.now()
  frame()
  expect(call()).toMatchObject({
    state: { recording: 'Paused' },
    confirmed: true,
    pausedSince: readAt,
    pausedSinceExact: false,
  })
})

test('a failed read keeps the state, marks the read failed and tries again after the interval', async () => {
  const { emit, frame, call, gets } = setup()
  emit(Pause)
  frame()
  const sentAt = Date.now()
  nthGet(gets, 0).reject(new ApiError({ kind: 'http', status: 503 }))
  await settle()
  frame()
  expect(call()).toMatchObject({
    state: { recording: 'Paused' },
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

// The read budget, as events and the table drive it (its rules: read-scheduler.test.ts)

test('at most one GET per call every 5 seconds, however many events', async () => {
  const { emit, frame, gets } = setup()
  emit(Pause)
  frame()
  const sentAt = Date.now()
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  for (let n = 0; n < 10; n += 1) {
    await vi.advanceTimersByTimeAsync(400)
    emit(n % 2 ? Pause : Start)
  }
  frame()
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(sentAt + 4_999 - Date.now())
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(gets).toHaveLength(2)
})

test('no more than 4 GETs in flight; an answer lets the next one go', async () => {
  const { emit, frame, gets } = setup({ backgroundGetsPerSecond: 100 })
  for (let n = 0; n < 10; n += 1) emit(Start, id(n))
  frame()
  expect(gets).toHaveLength(4)
  nthGet(gets, 0).resolve(state('Started', { correlationId: id(0) }))
  await settle()
  expect(gets).toHaveLength(5)
  nthGet(gets, 1).reject(new ApiError({ kind: 'network' }))
  await settle()
  expect(gets).toHaveLength(6)
})

test('calls on screen are read first', () => {
  const { store, emit, frame, gets } = setup()
  for (let n = 0; n < 20; n += 1) emit(Start, id(n))
  store.setVisible([callKey(UCC_A, id(17)), callKey(UCC_A, id(12))])
  frame()
  expect(gets.slice(0, 2).map((g) => g.correlationId)).toEqual([id(17), id(12)])
})

// Ended calls

test('a call the service no longer knows is shown as ended, then removed after the linger time', async () => {
  const watchList = memoryWatchList([ID])
  const { emit, frame, call, gets } = setup({ endedLingerMs: 10_000, watchList })
  nthGet(gets, 0).resolve(state('Started'))
  await settle()
  vi.advanceTimersByTime(5_000)
  emit(Stop)
  frame()
  nthGet(gets, 1).reject(noSession())
  await settle()
  const endedAt = Date.now()
  frame()
  expect(call()).toMatchObject({
    endedAt,
    endedMessage: `No Audio session with correlation Id:'${ID}' was found.`,
    confirmed: false,
    state: { recording: 'Stopped' },
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

test('an ended call on screen is not read again', async () => {
  const { store, emit, frame, gets } = setup()
  store.setVisible([callKey(UCC_A, ID)])
  emit(Stop)
  frame()
  nthGet(gets, 0).reject(noSession())
  await settle()
  await vi.advanceTimersByTimeAsync(29_000)
  expect(gets).toHaveLength(1)
})

test('an event for an ended call brings it back', async () => {
  const { emit, frame, call, gets } = setup()
  emit(Stop)
  frame()
  nthGet(gets, 0).reject(noSession())
  await settle()
  frame()
  expect(call()).toMatchObject({ endedAt: expect.any(Number) })
  emit(Start)
  frame()
  expect(call()).toMatchObject({
    endedAt: null,
    endedMessage: null,
    state: { recording: 'Started' },
    confirmed: false,
  })
  await vi.advanceTimersByTimeAsync(60_000)
  expect(call()).toBeDefined() // no longer swept
})

// Resync

test('a resync makes every call unconfirmed and reads them again at once, visible first', async () => {
  const { store, live, emit, frame, call, gets } = setup()
  emit(Pause, id(1))
  emit(Pause, id(2))
  frame()
  nthGet(gets, 0).resolve(state('Paused'))
  nthGet(gets, 1).resolve(state('Paused'))
  await settle()
  frame()
  expect(store.getSnapshot().calls.every((c) => c.confirmed)).toBe(true)

  store.setVisible([callKey(UCC_A, id(2))])
  live.setStretch(2)
  frame()
  expect(store.getSnapshot().calls.every((c) => !c.confirmed)).toBe(true)
  expect(gets.slice(2).map((g) => g.correlationId)).toEqual([id(2), id(1)])
  nthGet(gets, 2).resolve(state('Started'))
  await settle()
  frame()
  expect(call(callKey(UCC_A, id(2)))).toMatchObject({
    state: { recording: 'Started' },
    confirmed: true,
  })
  expect(call(callKey(UCC_A, id(1)))).toMatchObject({
    state: { recording: 'Paused' },
    confirmed: false,
  })
})

test('a GET in flight during a resync is cancelled and not trusted', async () => {
  const { live, emit, frame, call, gets } = setup()
  emit(Pause)
  frame()
  live.setStretch(2)
  expect(nthGet(gets, 0).signal?.aborted).toBe(true)
  nthGet(gets, 0).resolve(state('Paused'))
  await settle()
  frame()
  expect(call()?.confirmed).toBe(false)
  expect(gets).toHaveLength(2)
})

// Ids added by hand or in the address (the look-up's rules: id-lookups.test.ts)

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
    state: { recording: 'Paused', marking: 'None' },
    confirmed: true,
    lastEvent: null,
  })
})

test('a call placed by a look-up is not read again within 5 seconds of that read', async () => {
  const { store, frame, gets } = setup()
  store.setVisible([callKey(UCC_A, ID)])
  store.addIds([ID])
  const sentAt = Date.now()
  nthGet(gets, 0).resolve(state('Started'))
  await settle()
  frame()
  await vi.advanceTimersByTimeAsync(sentAt + 29_999 - Date.now())
  expect(gets).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1) // a confirmed call on screen: read again after 30 s
  expect(gets).toHaveLength(2)
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

test('an event for an id being looked up places it and ends the look-up', () => {
  const { store, emit, frame, gets, call } = setup()
  store.addIds([ID])
  emit(Pause, ID, UCC_B)
  frame()
  expect(nthGet(gets, 0).signal?.aborted).toBe(true)
  expect(store.getSnapshot().lookups).toEqual([])
  expect(call(callKey(UCC_B, ID))).toMatchObject({
    state: { recording: 'Paused' },
    confirmed: false,
  })
})

test('an added id keeps its spelling in requests; an event in another case is the same call', async () => {
  const watchList = memoryWatchList()
  const { store, emit, frame, gets, call } = setup({ watchList })
  const upper = ID.toUpperCase()
  store.addIds([upper])
  store.addIds([ID])
  expect(watchList.saved).toEqual([[upper]])
  expect(nthGet(gets, 0).correlationId).toBe(upper)
  nthGet(gets, 0).resolve(state('Started', { correlationId: upper }))
  await settle()
  emit(Pause, ID)
  frame()
  expect(store.getSnapshot().calls).toHaveLength(1)
  expect(call()).toMatchObject({ correlationId: upper, state: { recording: 'Paused' } })
})

// Actions from the board (the trust rule: the core's, by the live connection's stretch)

test('a resume is sent as the supervisor; a full answer on one stretch is confirmed with no read', async () => {
  const ctx = setup()
  const { store, emit, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  frame()
  expect(call()).toMatchObject({ confirmed: false, flight: { action: Start } })
  expect(posts[0]?.input).toEqual({
    uccName: UCC_A,
    correlationId: ID,
    action: Start,
    requesterSipUri: SUPERVISOR,
  })
  // The service's own event for this action arrives before the answer.
  emit(Start)
  frame()
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({
    state: { recording: 'Started' },
    confirmed: true,
    flight: null,
    pausedSince: null,
  })
  expect(gets).toHaveLength(1)
})

test('the echo of the board’s own action is shown at once and needs no read: the answer decides', async () => {
  const ctx = setup()
  const { store, emit, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  store.setVisible([callKey(UCC_A, ID)])
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  emit(Start)
  frame()
  expect(call()).toMatchObject({
    state: { recording: 'Started' },
    confirmed: false,
    flight: { action: Start },
  })
  // The answer is slow; the echo asked for no read meanwhile, even for a row on screen.
  await vi.advanceTimersByTimeAsync(9_000)
  expect(gets).toHaveLength(1)
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({ confirmed: true, flight: null })
  expect(gets).toHaveLength(1)
})

test('events that arrived before the answer are applied before it: an echo still waiting for its frame needs no read', async () => {
  const ctx = setup()
  const { store, emit, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  store.setVisible([callKey(UCC_A, ID)])
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  emit(Start) // queued for the next frame; the answer comes first
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Started' }, confirmed: true, flight: null })
  await vi.advanceTimersByTimeAsync(9_000)
  expect(gets).toHaveLength(1)
})

test('an event for another action that arrived before the answer, still waiting for its frame, is weighed against it', async () => {
  const ctx = setup()
  const { store, emit, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  emit(Stop)
  posts[0]?.resolve(state('Started'))
  await sent
  expect(gets).toHaveLength(2) // not trusted: read at once
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Stopped' }, confirmed: false })
})

test('an answer overtaken by an event for another action is not trusted: a GET decides at once', async () => {
  const ctx = setup()
  const { store, emit, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  emit(Stop)
  frame()
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Stopped' }, confirmed: false, flight: null })
  expect(gets).toHaveLength(2) // within the 5 s interval: an untrusted answer is re-read at once
})

test('an answer after a reconnect (another stretch) is not trusted: a GET decides at once', async () => {
  const ctx = setup()
  const { store, live, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  live.setStretch(null)
  live.setStretch(2)
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Paused' }, confirmed: false })
  expect(gets).toHaveLength(2)
})

test('an action sent while the hub is down is never trusted: a GET decides', async () => {
  const ctx = setup()
  const { store, live, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  live.setStretch(null)
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  posts[0]?.resolve(state('Started'))
  await sent
  frame()
  expect(call()).toMatchObject({ confirmed: false, flight: null })
  expect(gets).toHaveLength(2)
})

test('an answer without the call’s state is not trusted: a GET decides', async () => {
  const ctx = setup()
  const { store, frame, call, gets, posts } = ctx
  await pausedCall(ctx)
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  posts[0]?.resolve(undefined)
  await sent
  frame()
  expect(call()).toMatchObject({ confirmed: false, flight: null })
  expect(gets).toHaveLength(2)
})

test('a failed action is not repeated: the error is passed on and the state read again at once', async () => {
  const ctx = setup()
  const { store, frame, call, gets, posts, api } = ctx
  await pausedCall(ctx)
  const sent = store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  const refused = new ApiError({
    kind: 'server',
    status: 200,
    errorType: 3,
    serverMessage: 'Recorder busy.',
  })
  posts[0]?.reject(refused)
  await expect(sent).rejects.toBe(refused)
  frame()
  expect(call()).toMatchObject({ state: { recording: 'Paused' }, confirmed: false, flight: null })
  expect(gets).toHaveLength(2)
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

test('one action at a time per call', () => {
  const { store, emit, frame, api } = setup()
  emit(Pause)
  frame()
  void store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  void store.sendAction(callKey(UCC_A, ID), Start, SUPERVISOR)
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

// The observer (the benchmark's; board-metrics.test.ts)

test('the observer hears of every event received, the events applied per frame, and every GET', async () => {
  const { store, emit, frame, gets, observer } = setup()
  emit(Pause, id(1), UCC_A, 100)
  emit(Pause, id(2), UCC_A, 104)
  emit(Pause, id(3), 'ucc-other', 105)
  expect(observer.eventReceived).toHaveBeenCalledTimes(3)
  expect(observer.eventsApplied).not.toHaveBeenCalled()
  frame()
  expect(observer.eventsApplied.mock.calls).toEqual([[[100, 104]]])
  expect(observer.getSent).toHaveBeenCalledTimes(2)
  store.addIds([id(9)])
  expect(gets).toHaveLength(3)
  expect(observer.getSent).toHaveBeenCalledTimes(3) // look-ups count too
  frame()
  expect(observer.eventsApplied).toHaveBeenCalledTimes(1) // frames without events: nothing applied
})

// Hostile input

test.each(['..', 'javascript:alert(1)', 'x'.repeat(60_000), 'not-a-guid'])(
  'an event whose id could never be looked up (%#) makes no row and no GET, and is counted',
  async (badId) => {
    const { store, emit, frame, gets, call } = setup()
    emit(Pause, badId)
    frame()
    await vi.advanceTimersByTimeAsync(10_000)
    expect(store.getSnapshot().calls).toHaveLength(0)
    expect(call(callKey(UCC_A, badId))).toBeUndefined()
    expect(gets).toHaveLength(0)
    expect(store.getSnapshot()).toMatchObject({ eventsIgnored: 1, events: [] })
  },
)

test('a flood of distinct ids stays within maxCalls: ended and longest-quiet calls go first, paused ones last', () => {
  const { store, emit, frame } = setup({ maxCalls: 100 })
  emit(Pause, id(0))
  frame()
  vi.advanceTimersByTime(1_000)
  for (let n = 1; n <= 500; n += 1) {
    emit(Start, id(n))
    if (n % 50 === 0) {
      frame()
      vi.advanceTimersByTime(1_000)
    }
  }
  frame()
  const { calls, callsDropped } = store.getSnapshot()
  expect(calls.length).toBeLessThanOrEqual(100)
  expect(callsDropped).toBe(501 - calls.length)
  // The paused call, the quietest of all, is kept; the newest calls are kept over older ones.
  expect(calls.some((c) => c.correlationId === id(0))).toBe(true)
  expect(calls.some((c) => c.correlationId === id(500))).toBe(true)
  expect(calls.some((c) => c.correlationId === id(1))).toBe(false)
})

// What this browser remembers (src/ledger/board-memory.ts)

/** A memory as the store sees it: what it gives back (when `answer` is called), and what it was given. */
function fakeMemory(remembered: Partial<Remembered> = {}) {
  const { memory, saves, loaded } = fakeBoardMemory()
  return {
    saves,
    open: vi.fn(() => Promise.resolve(memory)),
    answer: async () => {
      loaded.resolve({ calls: [], lines: [], ...remembered })
      await settle()
    },
  }
}

function remembered(n: number, fields: Partial<BoardCallRecord> = {}): BoardCallRecord {
  return {
    key: callKey(UCC_A, id(n)),
    uccName: 'UCC-A',
    correlationId: id(n),
    recording: 'Paused',
    marking: 'Mark',
    saving: 'None',
    pausedSince: 1_000,
    pausedSinceExact: true,
    lastEvent: { action: Pause, at: 1_000 },
    lastActivityAt: 1_000,
    learntAt: 500,
    endedAt: null,
    endedMessage: null,
    ...fields,
  }
}

test('remembered calls come back as last known, never confirmed, and are read again (an ended one is not)', async () => {
  const memory = fakeMemory({
    calls: [remembered(1), remembered(2, { recording: 'Stopped', endedAt: Date.now() })],
  })
  const { store, gets, frame } = setup({ memory: memory.open })
  expect(memory.open).toHaveBeenCalledTimes(1)
  expect(store.getSnapshot().memory).toEqual({ kept: 'opening' })
  await memory.answer()
  frame()
  const { calls, memory: state } = store.getSnapshot()
  expect(state).toEqual({ kept: 'calls' })
  const paused = calls.find((c) => c.correlationId === id(1))
  expect(paused).toMatchObject({
    uccName: UCC_A,
    state: { recording: 'Paused', marking: 'Mark', saving: 'None' },
    confirmed: false,
    remembered: true,
    pausedSince: 1_000,
    pausedSinceExact: true,
    lastEvent: { action: Pause, at: 1_000 },
    learntAt: 500,
  })
  expect(calls.find((c) => c.correlationId === id(2))).toMatchObject({ confirmed: false })
  expect(gets.map((get) => get.correlationId)).toEqual([id(1)])
  // Nothing given back is written back.
  await vi.advanceTimersByTimeAsync(2_000)
  expect(memory.saves).toEqual([])

  nthGet(gets, 0).resolve(state_('Paused', id(1)))
  await settle()
  frame()
  expect(store.getSnapshot().calls.find((c) => c.correlationId === id(1))).toMatchObject({
    confirmed: true,
    remembered: false,
    pausedSince: 1_000,
  })
})

function state_(recording: RecordingStateName, correlationId: string): CallState {
  return state(recording, { correlationId })
}

test('a remembered pause keeps its start through the first resync; after that a resync counts from then', async () => {
  const memory = fakeMemory({ calls: [remembered(1)] })
  const { store, live, frame, gets } = setup({ memory: memory.open })
  await memory.answer()
  live.setStretch(2)
  frame()
  expect(store.getSnapshot().calls[0]).toMatchObject({ pausedSince: 1_000, pausedSinceExact: true })
  nthGet(gets, gets.length - 1).resolve(state_('Paused', id(1)))
  await settle()
  vi.setSystemTime(50_000)
  live.setStretch(3)
  frame()
  expect(store.getSnapshot().calls[0]).toMatchObject({
    pausedSince: 50_000,
    pausedSinceExact: false,
  })
})

test('a remembered call that ended longer ago than the linger time is let go of, and forgotten', async () => {
  vi.setSystemTime(100_000)
  const memory = fakeMemory({ calls: [remembered(1, { endedAt: 100_000 - 30_000 })] })
  const { store, frame } = setup({ memory: memory.open, saveEveryMs: 1_000 })
  await memory.answer()
  frame()
  expect(store.getSnapshot().calls).toEqual([])
  await vi.advanceTimersByTimeAsync(1_000)
  expect(memory.saves).toEqual([{ put: [], remove: [callKey(UCC_A, id(1))], lines: null }])
})

test('a call learned while the memory was read is newer than the remembered one, and stays', async () => {
  const memory = fakeMemory({ calls: [remembered(1)] })
  const { store, emit, frame } = setup({ memory: memory.open })
  emit(Start, id(1))
  frame()
  await memory.answer()
  frame()
  expect(store.getSnapshot().calls).toHaveLength(1)
  expect(store.getSnapshot().calls[0]).toMatchObject({
    state: { recording: 'Started' },
    remembered: false,
  })
})

test('ids added while the memory is read are looked up after it, unless it remembered their call', async () => {
  const memory = fakeMemory({ calls: [remembered(1)] })
  const { store, gets, frame } = setup({
    memory: memory.open,
    watchList: memoryWatchList([id(3)]),
  })
  store.addIds([id(1), id(2)])
  frame()
  expect(gets).toEqual([])
  expect(store.getSnapshot().lookups).toEqual([])
  await memory.answer()
  frame()
  expect(
    store
      .getSnapshot()
      .lookups.map((lookup) => lookup.correlationId)
      .sort(),
  ).toEqual([id(2), id(3)])
  expect(gets.map((get) => get.correlationId).sort()).toEqual([id(1), id(2), id(3)])
})

test('changes are written together about once a second: the calls that changed, those let go of, and the log', async () => {
  const memory = fakeMemory({
    lines: [{ at: 1, uccName: 'UCC-A', correlationId: id(9), action: 3 }],
  })
  const { store, emit, frame } = setup({ memory: memory.open, saveEveryMs: 1_000 })
  await memory.answer()
  frame()
  expect(store.getSnapshot().events).toMatchObject([{ uccName: UCC_A, correlationId: id(9) }])
  emit(Pause, id(1))
  emit(Start, id(2))
  frame()
  emit(Mark, id(1))
  frame()
  expect(memory.saves).toEqual([])
  await vi.advanceTimersByTimeAsync(1_000)
  expect(memory.saves).toHaveLength(1)
  const [saved] = memory.saves
  expect(
    saved!.put.map((record) => [record.correlationId, record.recording, record.marking]),
  ).toEqual([
    [id(1), 'Paused', 'Mark'],
    [id(2), 'Started', 'Unknown'],
  ])
  expect(saved!.remove).toEqual([])
  expect(saved!.lines?.map((line) => [line.correlationId, line.action])).toEqual([
    [id(1), Mark],
    [id(2), Start],
    [id(1), Pause],
    [id(9), 3],
  ])
  // A read that confirms what is kept changes nothing to write.
  await vi.advanceTimersByTimeAsync(5_000)
  expect(memory.saves).toHaveLength(1)
  // Stopping writes at once what waits.
  emit(Stop, id(2))
  frame()
  store.stop()
  await settle()
  expect(memory.saves).toHaveLength(2)
})

test('where the memory cannot be kept the store says so and keeps the watch list only', async () => {
  const watchList = memoryWatchList()
  const { store, frame } = setup({
    memory: () =>
      Promise.resolve({
        available: false,
        unavailableReason: 'open-failed',
        load: () => Promise.resolve({ calls: [], lines: [] }),
        save: () => Promise.reject(new Error('never called')),
        close: () => undefined,
      }),
    watchList,
  })
  await settle()
  frame()
  expect(store.getSnapshot().memory).toEqual({ kept: 'ids', reason: 'open-failed' })
  store.addIds([id(1)])
  expect(watchList.saved).toEqual([[id(1)]])
})
