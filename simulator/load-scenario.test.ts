import { afterEach, expect, test } from 'vitest'
import { RecordingState } from '../protocol/wire.ts'
import { createManualClock } from './clock.ts'
import type { Clock } from './clock.ts'
import { DEFAULT_CALL_ID, DEFAULT_UCC, LOCKED_CALL_ID, LOCKED_UCC } from './default-data.ts'
import { endCall } from './recorder.ts'
import { createRandom } from './random.ts'
import { startLoadScenario } from './scenarios.ts'
import type { Scenario } from './scenarios.ts'
import type { Simulator } from './server.ts'
import { AUDIT_LIMIT, createStore } from './store.ts'
import type { Call, Change } from './store.ts'
import { control, request, startTestSimulator } from './test-support.ts'

const running: Scenario[] = []
const simulators: Simulator[] = []
afterEach(async () => {
  for (const scenario of running.splice(0)) scenario.stop()
  await Promise.all(simulators.splice(0).map((sim) => sim.close()))
})

const LOAD_UCCS = [DEFAULT_UCC, 'ucc-sales', 'ucc-support']

const callState = (call: Call) =>
  `${call.uccName} ${call.correlationId} ${call.recordingState} ${call.markingState} ${call.savingState}`

function load(calls: number, eventsPerSecond: number, seed = 1) {
  return loadOn(createManualClock(), calls, eventsPerSecond, seed)
}

function loadOn<C extends Clock>(clock: C, calls: number, eventsPerSecond: number, seed = 1) {
  const store = createStore(clock)
  const changes: Change[] = []
  store.onChange((change) => changes.push(change))
  const scenario = startLoadScenario({
    store,
    clock,
    random: createRandom(seed),
    ratePerMinute: 5,
    loadCalls: calls,
    loadEventsPerSecond: eventsPerSecond,
  })
  running.push(scenario)
  const stateChanges = () => changes.filter((change) => change.action !== 'CallStarted')
  return { clock, store, scenario, changes, stateChanges }
}

test('the load starts with N recording calls spread evenly over three UCCs, each announced', () => {
  const { store, changes } = load(3000, 100)
  const loadCalls = store.calls().filter((call) => LOAD_UCCS.includes(call.uccName))
  expect(loadCalls.filter((call) => call.correlationId !== DEFAULT_CALL_ID)).toHaveLength(3000)
  for (const ucc of LOAD_UCCS) {
    expect(store.calls(ucc).filter((call) => call.correlationId !== DEFAULT_CALL_ID)).toHaveLength(
      1000,
    )
  }
  expect(loadCalls.every((call) => call.recordingState === RecordingState.Started)).toBe(true)
  expect(new Set(loadCalls.map((call) => call.correlationId)).size).toBe(loadCalls.length)
  expect(changes).toHaveLength(3000)
  expect(changes.every((change) => change.action === 'CallStarted' && change.event)).toBe(true)
  expect(changes.every((change) => change.stateAction === 1)).toBe(true)
  expect(store.audit()).toEqual([])
})

test('the rate is respected over simulated seconds, evenly, not once a second', () => {
  const { clock, stateChanges, scenario } = load(5000, 500)
  clock.advance(10_000)
  const changes = stateChanges()
  expect(changes).toHaveLength(5000)
  const perTenth = new Map<number, number>()
  const start = Date.parse(changes[0]?.time ?? '')
  for (const change of changes) {
    const tenth = Math.floor((Date.parse(change.time) - start) / 100)
    perTenth.set(tenth, (perTenth.get(tenth) ?? 0) + 1)
  }
  expect(perTenth.size).toBe(100)
  for (const count of perTenth.values()) expect(count).toBe(50)
  expect(scenario.load?.()).toEqual({
    calls: 5000,
    eventsPerSecond: 500,
    applied: 5000,
    skipped: 0,
  })
})

test('a low or fractional rate is spread too', () => {
  const { clock, stateChanges } = load(100, 2.5)
  clock.advance(4_000)
  const times = stateChanges().map((change) => Date.parse(change.time))
  expect(times).toHaveLength(10)
  const gaps = times.slice(1).map((time, index) => time - (times[index] ?? 0))
  for (const gap of gaps) {
    expect(gap).toBeGreaterThanOrEqual(390)
    expect(gap).toBeLessThanOrEqual(410)
  }
})

test('each change is a realistic action on a load call, audited and announced', () => {
  const { clock, store, stateChanges } = load(300, 200, 4)
  clock.advance(20_000)
  const changes = stateChanges()
  expect(changes).toHaveLength(4000)
  expect(new Set(changes.map((change) => change.action))).toEqual(
    new Set(['Pause', 'Start', 'Mark', 'UnMark', 'Save']),
  )
  expect(changes.every((change) => change.event && change.source === 'scenario')).toBe(true)
  expect(store.audit()).toHaveLength(4000)
  const previous = new Map<string, number>()
  for (const entry of store.audit()) {
    const before = previous.get(entry.correlationId) ?? RecordingState.Started
    if (entry.action === 'Start') expect(before).toBe(RecordingState.Paused)
    if (entry.action === 'Pause') expect(before).toBe(RecordingState.Started)
    previous.set(entry.correlationId, entry.recordingState)
  }
  const touched = new Set(changes.map((change) => change.correlationId))
  expect(touched.has(DEFAULT_CALL_ID)).toBe(false)
  expect(touched.has(LOCKED_CALL_ID)).toBe(false)
  expect(touched.size).toBeGreaterThan(250)
  const paused = store.calls().filter((call) => call.recordingState === RecordingState.Paused)
  expect(paused.length).toBeGreaterThan(30)
  expect(paused.length).toBeLessThan(150)
  expect(store.findCall(LOCKED_UCC, LOCKED_CALL_ID)?.recordingState).toBe(RecordingState.Started)
})

test('the same seed gives the same run; another seed another', () => {
  const describe = (seed: number) => {
    const { clock, changes } = load(500, 300, seed)
    clock.advance(3_000)
    return changes.map((change) => `${change.time} ${change.action} ${change.correlationId}`)
  }
  const run = describe(42)
  expect(run).toHaveLength(500 + 900)
  expect(describe(42)).toEqual(run)
  expect(describe(43)).not.toEqual(run)
})

test(`the audit log keeps the newest ${AUDIT_LIMIT} entries under load`, () => {
  const { clock, store } = load(1000, 500)
  clock.advance(30_000)
  const audit = store.audit()
  expect(audit).toHaveLength(AUDIT_LIMIT)
  expect(audit[0]?.id).toBe(15_000 - AUDIT_LIMIT + 1)
  expect(audit.at(-1)?.id).toBe(15_000)
  expect(store.audit({ afterId: 14_990 }).map((entry) => entry.id)).toEqual(
    Array.from({ length: 10 }, (_, index) => 14_991 + index),
  )
  clock.advance(50_000)
  expect(store.audit()).toHaveLength(AUDIT_LIMIT)
  expect(store.audit()[0]?.id).toBe(40_000 - AUDIT_LIMIT + 1)
})

test('a call ended from outside is dropped from the load; the rate holds', () => {
  const { clock, store, scenario, stateChanges } = load(30, 100)
  const ended = store.calls('ucc-sales').slice(0, 10)
  for (const call of ended) {
    endCall(store, { ...call, requester: 'test', source: 'control', silent: true })
  }
  const before = stateChanges().length
  clock.advance(5_000)
  const after = stateChanges().slice(before)
  expect(after).toHaveLength(500)
  const endedIds = new Set(ended.map((call) => call.correlationId))
  expect(after.some((change) => endedIds.has(change.correlationId))).toBe(false)
  expect(scenario.load?.().calls).toBe(20)
})

test('after a stall, at most a second is caught up and the rest is skipped, not burst', () => {
  let now = 0
  let tick: () => void = () => {}
  const clock: Clock = {
    now: () => now,
    every(_ms, fn) {
      tick = fn
      return () => {}
    },
  }
  const { scenario, stateChanges } = loadOn(clock, 200, 500)
  now += 5_000
  tick()
  expect(stateChanges()).toHaveLength(500)
  expect(scenario.load?.()).toMatchObject({ applied: 500, skipped: 2000 })
  now += 10
  tick()
  expect(stateChanges()).toHaveLength(505)
})

test('a rate of 0 creates the calls and changes nothing', () => {
  const { clock, stateChanges, store } = load(50, 0)
  clock.advance(10_000)
  expect(stateChanges()).toEqual([])
  expect(store.calls('ucc-support')).toHaveLength(16)
})

test('stop() stops the changes', () => {
  const stopped = load(100, 100)
  const going = load(100, 100)
  // going: the same run, never stopped, shows there was something left to stop.
  const states = () => stopped.store.calls().map((call) => callState(call))
  const initially = states()
  stopped.clock.advance(1_000)
  going.clock.advance(1_000)
  expect(stopped.stateChanges()).toHaveLength(100)
  expect(stopped.stateChanges().every((change) => change.event)).toBe(true)
  expect(states()).not.toEqual(initially)
  stopped.scenario.stop()
  const atStop = states()
  stopped.clock.advance(10_000)
  going.clock.advance(10_000)
  expect(going.stateChanges()).toHaveLength(1_100)
  expect(stopped.stateChanges()).toHaveLength(100)
  expect(states()).toEqual(atStop)
  expect(stopped.scenario.load?.()).toMatchObject({ applied: 100, skipped: 0 })
})

test('inside the simulator: events broadcast, health shows the load, a reset brings fresh calls', async () => {
  const clock = createManualClock()
  const sim = await startTestSimulator({
    scenario: 'load',
    clock,
    seed: 5,
    loadCalls: 600,
    loadEventsPerSecond: 250,
  })
  simulators.push(sim)
  const events: unknown[][] = []
  sim.hub.broadcast = (target, args) => events.push([target, ...args])
  clock.advance(2_000)
  expect(events).toHaveLength(500)
  expect(events[0]).toEqual([
    'RecordingStateChangedEvent',
    {
      UccName: expect.any(String),
      CorrelationId: expect.any(String),
      StateAction: expect.any(Number),
    },
  ])
  const health = await request<{ scenario: string; load: unknown }>(`${sim.controlUrl}/health`)
  expect(health.body).toMatchObject({
    scenario: 'load',
    load: { calls: 600, eventsPerSecond: 250, applied: 500, skipped: 0 },
  })
  const before = new Set(sim.store.calls().map((call) => call.correlationId))
  const reset = await control<{ uccs: { name: string; calls: { correlationId: string }[] }[] }>(
    `${sim.controlUrl}/reset`,
    { method: 'POST' },
  )
  const calls = reset.body.uccs.flatMap((ucc) => ucc.calls)
  expect(calls).toHaveLength(602)
  expect(calls.filter((call) => before.has(call.correlationId))).toHaveLength(2)
  expect(sim.store.audit()).toEqual([])
  events.length = 0
  clock.advance(1_000)
  expect(
    events.filter((event) => (event[1] as { StateAction: number }).StateAction !== 1).length,
  ).toBeGreaterThan(100)
  expect(sim.store.audit()).toHaveLength(250)
  await sim.close()
  const audited = sim.store.audit().length
  clock.advance(5_000)
  expect(sim.store.audit()).toHaveLength(audited)
})
