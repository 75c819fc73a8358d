import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { RECORDING_STATE_CHANGED_EVENT, RecordingAction } from '../../protocol/wire.ts'
import { FakeHubConnection } from '../testing/fake-hub-connection.ts'
import {
  LiveConnection,
  MAX_RECONNECT_DELAY_MS,
  reconnectDelayMs,
  type HubState,
} from './live-connection.ts'
import type { RecordingEvent } from './parse-event.ts'

const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

beforeEach(() => {
  vi.useFakeTimers()
  // No jitter: the default backoff is then exactly 0, 1, 2, 4, 8, 15, 15, ... seconds.
  vi.spyOn(Math, 'random').mockReturnValue(0.5)
})

afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

function setup() {
  const hub = new FakeHubConnection()
  const live = new LiveConnection({
    hubUrl: '/attendantservice/hubs/recording',
    createConnection: () => hub.asHubConnection(),
  })
  const states: HubState[] = []
  live.subscribeState((state) => states.push(state))
  return { hub, live, states }
}

/** Lets pending promise callbacks run without moving the clock. */
async function settle() {
  await vi.advanceTimersByTimeAsync(0)
}

test('starts Disconnected, then goes Connecting and Connected', async () => {
  const { live, states, hub } = setup()
  expect(live.getState()).toBe('Disconnected')
  live.start()
  expect(live.getState()).toBe('Connecting')
  await settle()
  expect(live.getState()).toBe('Connected')
  expect(states).toEqual(['Connecting', 'Connected'])
  expect(hub.startCalls).toBe(1)
})

test('start() twice starts once', async () => {
  const { live, hub } = setup()
  live.start()
  live.start()
  await settle()
  expect(hub.startCalls).toBe(1)
})

test('a failed first start is retried with the backoff, Disconnected between attempts', async () => {
  const { live, states, hub } = setup()
  hub.startOutcomes.push('fail', 'fail', 'fail')
  live.start()
  await settle()
  expect(live.getState()).toBe('Disconnected')
  expect(hub.startCalls).toBe(1)

  await vi.advanceTimersByTimeAsync(999)
  expect(hub.startCalls).toBe(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(hub.startCalls).toBe(2)
  expect(live.getState()).toBe('Disconnected')

  await vi.advanceTimersByTimeAsync(1_999)
  expect(hub.startCalls).toBe(2)
  await vi.advanceTimersByTimeAsync(1)
  expect(hub.startCalls).toBe(3)

  await vi.advanceTimersByTimeAsync(3_999)
  expect(hub.startCalls).toBe(3)
  await vi.advanceTimersByTimeAsync(1)
  expect(hub.startCalls).toBe(4)
  expect(live.getState()).toBe('Connected')
  expect(states).toEqual([
    'Connecting',
    'Disconnected',
    'Connecting',
    'Disconnected',
    'Connecting',
    'Disconnected',
    'Connecting',
    'Connected',
  ])
})

test('a long shift: 200 failed starts in a row, retried for ever with delays capped at the maximum', async () => {
  const { live, hub } = setup()
  hub.startOutcomes.push(...Array.from({ length: 200 }, () => 'fail' as const))
  live.start()
  await settle()
  for (let attempt = 1; attempt <= 200; attempt += 1) {
    expect(live.getState()).toBe('Disconnected')
    expect(vi.getTimerCount()).toBe(1)
    await vi.advanceTimersToNextTimerAsync()
    expect(hub.startCalls).toBe(attempt + 1)
  }
  expect(live.getState()).toBe('Connected')
  const gaps = hub.startTimes.slice(1).map((time, index) => time - (hub.startTimes[index] ?? 0))
  expect(gaps.slice(0, 6)).toEqual([1_000, 2_000, 4_000, 8_000, 15_000, 15_000])
  expect(Math.max(...gaps)).toBe(MAX_RECONNECT_DELAY_MS)
  expect(gaps.slice(4).every((gap) => gap === MAX_RECONNECT_DELAY_MS)).toBe(true)
  expect(gaps).toHaveLength(200)
})

test('onreconnecting makes the state Reconnecting', async () => {
  const { live, hub } = setup()
  live.start()
  await settle()
  hub.dropAndReconnect()
  expect(live.getState()).toBe('Reconnecting')
})

test('onreconnected calls the resync listeners before state listeners see Connected', async () => {
  const { live, hub } = setup()
  live.start()
  await settle()
  const log: string[] = []
  live.attach({ event: () => {}, resync: () => log.push(`resync while ${live.getState()}`) })
  live.subscribeState((state) => log.push(`state ${state}`))
  hub.dropAndReconnect()
  hub.reconnected()
  expect(log).toEqual(['state Reconnecting', 'resync while Reconnecting', 'state Connected'])
  expect(live.stats.reconnects).toBe(1)
})

test('the first connection also resyncs before Connected', async () => {
  const { live } = setup()
  const log: string[] = []
  live.attach({ event: () => {}, resync: () => log.push(`resync while ${live.getState()}`) })
  live.subscribeState((state) => log.push(`state ${state}`))
  live.start()
  await settle()
  expect(log).toEqual(['state Connecting', 'resync while Connecting', 'state Connected'])
})

test('a detached sink is not called for resyncs', async () => {
  const { live, hub } = setup()
  const resync = vi.fn()
  const off = live.attach({ event: () => {}, resync })
  live.start()
  await settle()
  off()
  hub.dropAndReconnect()
  hub.reconnected()
  expect(resync).toHaveBeenCalledTimes(1)
})

test('a close not caused by stop() schedules a new start', async () => {
  const { live, hub } = setup()
  live.start()
  await settle()
  hub.closeFromServer()
  expect(live.getState()).toBe('Disconnected')
  await vi.advanceTimersByTimeAsync(999)
  expect(hub.startCalls).toBe(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(hub.startCalls).toBe(2)
  expect(live.getState()).toBe('Connected')
})

test('stop() ends it: Disconnected, and no start is ever tried again', async () => {
  const { live, hub } = setup()
  live.start()
  await settle()
  await live.stop()
  expect(hub.stopCalls).toBe(1)
  expect(live.getState()).toBe('Disconnected')
  await vi.advanceTimersByTimeAsync(10 * 60_000)
  expect(hub.startCalls).toBe(1)
  expect(live.getState()).toBe('Disconnected')
})

test('stop() during the wait before a retry cancels the retry', async () => {
  const { live, hub } = setup()
  hub.startOutcomes.push('fail')
  live.start()
  await settle()
  await live.stop()
  await vi.advanceTimersByTimeAsync(10 * 60_000)
  expect(hub.startCalls).toBe(1)
  expect(live.getState()).toBe('Disconnected')
})

test('a start that fails after stop() is not retried', async () => {
  const { live, hub } = setup()
  hub.startOutcomes.push('pending')
  live.start()
  await live.stop()
  await vi.advanceTimersByTimeAsync(10 * 60_000)
  expect(hub.startCalls).toBe(1)
  expect(live.getState()).toBe('Disconnected')
})

test('events are parsed and delivered; malformed ones are counted as ignored', async () => {
  const { live, hub } = setup()
  const events: RecordingEvent[] = []
  live.attach({ event: (event) => events.push(event), resync: () => {} })
  live.start()
  await settle()
  hub.emit(RECORDING_STATE_CHANGED_EVENT, { uccName: UCC, correlationId: ID, stateAction: 3 })
  hub.emit(RECORDING_STATE_CHANGED_EVENT, UCC, ID, 'Start')
  hub.emit(RECORDING_STATE_CHANGED_EVENT, { uccName: UCC, stateAction: 3 })
  hub.emit(RECORDING_STATE_CHANGED_EVENT, null)
  hub.emit(RECORDING_STATE_CHANGED_EVENT, UCC, ID)
  expect(events).toEqual([
    { uccName: UCC, correlationId: ID, action: RecordingAction.Pause },
    { uccName: UCC, correlationId: ID, action: RecordingAction.Start },
  ])
  expect(live.stats).toEqual({ eventsReceived: 2, eventsIgnored: 3, reconnects: 0 })
})

test('every attached sink gets each event once, parsed once', async () => {
  const { live, hub } = setup()
  const a: RecordingEvent[] = []
  const b: RecordingEvent[] = []
  live.attach({ event: (event) => a.push(event), resync: () => {} })
  live.attach({ event: (event) => b.push(event), resync: () => {} })
  live.start()
  await settle()
  hub.emit(RECORDING_STATE_CHANGED_EVENT, UCC, ID, 3)
  expect(a).toHaveLength(1)
  expect(b).toHaveLength(1)
  expect(a[0]).toBe(b[0])
})

test('the stretch is null until Connected and changes with every reconnect', async () => {
  const { live, hub } = setup()
  expect(live.getStretch()).toBeNull()
  live.start()
  await settle()
  const first = live.getStretch()
  expect(first).not.toBeNull()
  hub.dropAndReconnect()
  expect(live.getStretch()).toBeNull()
  hub.reconnected()
  expect(live.getStretch()).not.toBeNull()
  expect(live.getStretch()).not.toBe(first)
})

test('a detached sink is not called for events', () => {
  const { live, hub } = setup()
  const listener = vi.fn()
  const off = live.attach({ event: listener, resync: () => {} })
  off()
  hub.emit(RECORDING_STATE_CHANGED_EVENT, UCC, ID, 3)
  expect(listener).not.toHaveBeenCalled()
  expect(live.stats.eventsReceived).toBe(1)
})

test('a custom retryDelayMs is used for start retries', async () => {
  const hub = new FakeHubConnection()
  hub.startOutcomes.push('fail')
  const retryDelayMs = vi.fn(() => 50)
  const live = new LiveConnection({
    hubUrl: '/hub',
    retryDelayMs,
    createConnection: () => hub.asHubConnection(),
  })
  live.start()
  await settle()
  expect(retryDelayMs).toHaveBeenCalledWith(1)
  await vi.advanceTimersByTimeAsync(50)
  expect(hub.startCalls).toBe(2)
  expect(live.getState()).toBe('Connected')
})

test('reconnectDelayMs: 0 at first, then doubling from 1 s up to the maximum', () => {
  const half = () => 0.5
  expect([0, 1, 2, 3, 4, 5, 6, 50].map((attempt) => reconnectDelayMs(attempt, half))).toEqual([
    0, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000,
  ])
  expect(reconnectDelayMs(-3, half)).toBe(0)
})

test('reconnectDelayMs jitters each delay by at most 20 %', () => {
  expect(reconnectDelayMs(1, () => 0)).toBe(800)
  expect(reconnectDelayMs(1, () => 1)).toBe(1_200)
  expect(reconnectDelayMs(9, () => 0)).toBe(MAX_RECONNECT_DELAY_MS * 0.8)
  expect(reconnectDelayMs(9, () => 1)).toBe(MAX_RECONNECT_DELAY_MS * 1.2)
})

test('reconnectDelayMs never gives up: attempts 0 to 1000 all give a finite, non-negative, bounded delay', () => {
  for (const random of [() => 0, () => 1]) {
    let previous = 0
    for (let attempt = 0; attempt <= 1000; attempt += 1) {
      const delay = reconnectDelayMs(attempt, random)
      expect(Number.isFinite(delay)).toBe(true)
      expect(delay).toBeGreaterThanOrEqual(previous)
      expect(delay).toBeLessThanOrEqual(MAX_RECONNECT_DELAY_MS * 1.2)
      previous = delay
    }
    expect(previous).toBeGreaterThanOrEqual(MAX_RECONNECT_DELAY_MS * 0.8)
  }
})
