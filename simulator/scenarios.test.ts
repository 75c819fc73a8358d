import { afterEach, expect, test } from 'vitest'
import { RecordingState } from '../protocol/wire.ts'
import { createManualClock } from './clock.ts'
import { DEFAULT_CALL_ID, DEFAULT_UCC } from './default-data.ts'
import { createRandom } from './random.ts'
import { startDemoScenario } from './scenarios.ts'
import type { Scenario } from './scenarios.ts'
import type { Simulator } from './server.ts'
import { createStore } from './store.ts'
import type { Call, Change } from './store.ts'
import { control, request, startTestSimulator } from './test-support.ts'

const running: Scenario[] = []
const simulators: Simulator[] = []
afterEach(async () => {
  for (const scenario of running.splice(0)) scenario.stop()
  await Promise.all(simulators.splice(0).map((sim) => sim.close()))
})

function demo(seed: number, ratePerMinute = 5) {
  const clock = createManualClock()
  const store = createStore(clock)
  const changes: Change[] = []
  store.onChange((change) => changes.push(change))
  const scenario = startDemoScenario({ store, clock, random: createRandom(seed), ratePerMinute })
  running.push(scenario)
  return { clock, store, scenario, changes }
}

const callState = (call: Call) =>
  `${call.uccName} ${call.correlationId} ${call.recordingState} ${call.markingState} ${call.savingState}`

const scenarioCalls = (changes: Change[]) => new Set(changes.map((change) => change.correlationId))

test('the demo starts with a dozen-ish calls across three UCCs', () => {
  const { store } = demo(1)
  const calls = store
    .calls()
    .filter((call) => call.correlationId !== DEFAULT_CALL_ID && call.uccName !== 'ucc-locked')
  expect(calls.length).toBeGreaterThanOrEqual(8)
  expect(calls.length).toBeLessThanOrEqual(16)
  expect(store.uccs().map((ucc) => ucc.name)).toEqual(
    expect.arrayContaining(['ucc-demo-name', 'ucc-sales', 'ucc-support']),
  )
})

test('calls come, pause for card entry, resume, get marked or saved, and end, all from source scenario', () => {
  const { clock, store, changes } = demo(7)
  const concurrency: number[] = []
  for (let minute = 0; minute < 20; minute += 1) {
    clock.advance(60_000)
    concurrency.push(store.calls().length)
  }
  const actions = new Set(changes.map((change) => change.action))
  for (const action of ['CallStarted', 'Start', 'Pause', 'Stop', 'CallEnded', 'Mark', 'Save'])
    expect(actions).toContain(action)
  expect(changes.every((change) => change.source === 'scenario')).toBe(true)
  expect(scenarioCalls(changes).size).toBeGreaterThan(60)
  expect(new Set(store.audit().map((entry) => entry.source))).toEqual(new Set(['scenario']))
  expect(Math.min(...concurrency)).toBeGreaterThanOrEqual(5)
  expect(Math.max(...concurrency)).toBeLessThanOrEqual(30)
  const ended = changes.find((change) => change.action === 'CallEnded')
  expect(store.findCall(ended?.uccName ?? '', ended?.correlationId ?? '')).toBeUndefined()
})

test('card-entry pauses last 20 to 60 seconds before the recording resumes', () => {
  const { clock, store, changes } = demo(3)
  const initialCalls = scenarioCalls(changes)
  clock.advance(15 * 60_000)
  const pausedAt = new Map<string, number>()
  const pauses: number[] = []
  for (const entry of store.audit().filter((entry) => !initialCalls.has(entry.correlationId))) {
    if (entry.action === 'Pause') pausedAt.set(entry.correlationId, Date.parse(entry.time))
    const since = pausedAt.get(entry.correlationId)
    if (entry.action === 'Start' && since !== undefined) {
      pauses.push(Date.parse(entry.time) - since)
      pausedAt.delete(entry.correlationId)
    }
  }
  expect(pauses.length).toBeGreaterThan(5)
  for (const pause of pauses) {
    expect(pause).toBeGreaterThanOrEqual(19_000)
    expect(pause).toBeLessThanOrEqual(61_000)
  }
})

test('the default demo call is never touched', () => {
  const { clock, store, changes } = demo(11)
  clock.advance(30 * 60_000)
  expect(changes.filter((change) => change.correlationId === DEFAULT_CALL_ID)).toEqual([])
  expect(store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)?.recordingState).toBe(RecordingState.Started)
})

test('the same seed gives the same run', () => {
  const describe = (seed: number) => {
    const { clock, changes } = demo(seed)
    clock.advance(5 * 60_000)
    return changes.map((change) => `${change.time} ${change.action} ${change.correlationId}`)
  }
  expect(describe(99)).toEqual(describe(99))
  expect(describe(99)).not.toEqual(describe(100))
})

test('a higher rate gives more calls', () => {
  const slow = demo(5, 2)
  const fast = demo(5, 20)
  slow.clock.advance(10 * 60_000)
  fast.clock.advance(10 * 60_000)
  expect(scenarioCalls(fast.changes).size).toBeGreaterThan(scenarioCalls(slow.changes).size * 3)
})

test('stop() stops the flow', () => {
  const stopped = demo(2)
  const going = demo(2)
  // going: the same run, never stopped, shows there was something left to stop.
  const states = () => stopped.store.calls().map((call) => callState(call))
  const populated = stopped.changes.length
  const initially = states()
  stopped.clock.advance(60_000)
  going.clock.advance(60_000)
  const whileRunning = stopped.changes.slice(populated)
  expect(whileRunning.filter((change) => change.event).length).toBeGreaterThan(0)
  expect(whileRunning.filter((change) => change.action === 'CallStarted').length).toBeGreaterThan(0)
  expect(states()).not.toEqual(initially)
  stopped.scenario.stop()
  const count = stopped.changes.length
  const atStop = states()
  stopped.clock.advance(10 * 60_000)
  going.clock.advance(10 * 60_000)
  expect(going.changes.length).toBeGreaterThan(count + 20)
  expect(stopped.changes).toHaveLength(count)
  expect(states()).toEqual(atStop)
})

test('the demo runs inside the simulator, keeps running after a reset and broadcasts its changes', async () => {
  const clock = createManualClock()
  const sim = await startTestSimulator({ scenario: 'demo', clock, seed: 8 })
  simulators.push(sim)
  const events: unknown[] = []
  sim.hub.broadcast = (target, args) => events.push([target, ...args])
  clock.advance(3 * 60_000)
  expect(events.length).toBeGreaterThan(5)
  const reset = await control<{ uccs: { name: string; calls: unknown[] }[] }>(
    `${sim.controlUrl}/reset`,
    { method: 'POST' },
  )
  expect(reset.body.uccs.map((ucc) => ucc.name)).toEqual([
    'ucc-demo-name',
    'ucc-locked',
    'ucc-sales',
    'ucc-support',
  ])
  expect(reset.body.uccs.flatMap((ucc) => ucc.calls).length).toBeGreaterThan(8)
  const auditAfterReset = sim.store.audit().length
  clock.advance(3 * 60_000)
  expect(sim.store.audit().length).toBeGreaterThan(auditAfterReset)
  const health = await request<{ scenario: string }>(`${sim.controlUrl}/health`)
  expect(health.body.scenario).toBe('demo')
})
