import { RecordingAction } from '../protocol/wire.ts'
import type { Clock } from './clock.ts'
import { DEFAULT_UCC } from './default-data.ts'
import { DEFAULT_LOAD_CALLS, DEFAULT_LOAD_EVENTS_PER_SECOND, startLoad } from './load-scenario.ts'
import type { LoadStats } from './load-scenario.ts'
import { between, chance, pick } from './random.ts'
import type { Random } from './random.ts'
import { endCall, performAction, startCall } from './recorder.ts'
import { AuditSource } from './store.ts'
import type { Store, Ucc } from './store.ts'

export const ScenarioName = { Static: 'static', Demo: 'demo', Load: 'load' } as const
export type ScenarioName = (typeof ScenarioName)[keyof typeof ScenarioName]

/** What the load scenario was asked for and has done (`GET /__sim/health` shows it as `load`). */
export interface LoadStatus extends LoadStats {
  eventsPerSecond: number
}

export interface Scenario {
  name: ScenarioName
  /** Called after the store went back to its default data. */
  reset(): void
  stop(): void
  /** Only the load scenario has it. */
  load?: () => LoadStatus
}

export interface ScenarioContext {
  store: Store
  clock: Clock
  random: Random
  /** New calls per minute (demo). */
  ratePerMinute: number
  /** Calls the load scenario creates (default DEFAULT_LOAD_CALLS). */
  loadCalls?: number
  /** Changes a second the load scenario applies (default DEFAULT_LOAD_EVENTS_PER_SECOND). */
  loadEventsPerSecond?: number
}

export const DEFAULT_DEMO_RATE = 5
export const DEMO_TICK_MS = 1000
const MAX_DEMO_CALLS = 200
const PAYMENT_SYSTEM = 'sip:payment-system@domain.com'

export const demoUccs: readonly Ucc[] = [
  {
    name: 'ucc-sales',
    agentCanEditRecordings: true,
    agents: [
      'sip:carol@domain.com',
      'sip:dave@domain.com',
      'sip:agent@domain.com',
      'sip:supervisor@domain.com',
    ],
  },
  {
    name: 'ucc-support',
    agentCanEditRecordings: true,
    agents: [
      'sip:erin@domain.com',
      'sip:frank@domain.com',
      'sip:agent@domain.com',
      'sip:supervisor@domain.com',
    ],
  },
]

export function startStaticScenario(): Scenario {
  return { name: ScenarioName.Static, reset() {}, stop() {} }
}

interface Step {
  at: number
  run: () => void
  /** A pause's resume time: a pause over before the call came into view is skipped (its resume then fails quietly). */
  until?: number
}

interface DemoCall {
  uccName: string
  correlationId: string
  steps: Step[]
}

/** Calls arrive at the given rate, record, sometimes pause for card entry (20-60 s) and resume, get marked or
 *  saved, and end after 1.5-3.5 minutes. The default demo call is never touched. */
export function startDemoScenario(context: ScenarioContext): Scenario {
  const { store, clock, random } = context
  const meanGapMs = 60_000 / context.ratePerMinute
  let calls: DemoCall[] = []
  let nextArrivalAt = 0

  const act = (call: DemoCall, action: RecordingAction, requester: string) => () => {
    performAction(store, {
      ...call,
      action,
      requester,
      source: AuditSource.Scenario,
      asAgent: false,
    })
  }

  function ensureUccs(): void {
    for (const ucc of demoUccs) if (!store.findUcc(ucc.name)) store.addUcc(ucc)
  }

  function plan(call: DemoCall, agent: string, start: number): Step[] {
    const steps: Step[] = [{ at: start + 2_000, run: act(call, RecordingAction.Start, agent) }]
    let end = start + between(random, 90_000, 210_000)
    if (chance(random, 0.45)) {
      const pauseAt = start + between(random, 0.15, 0.5) * (end - start)
      const pauser = chance(random, 0.5) ? agent : PAYMENT_SYSTEM
      const pause: Step = { at: pauseAt, run: act(call, RecordingAction.Pause, pauser) }
      steps.push(pause)
      if (chance(random, 0.85)) {
        pause.until = pauseAt + between(random, 20_000, 60_000)
        steps.push({ at: pause.until, run: act(call, RecordingAction.Start, pauser) })
        end = Math.max(end, pause.until + between(random, 10_000, 40_000))
      }
    }
    if (chance(random, 0.3)) {
      const markAt = start + between(random, 0.2, 0.7) * (end - start)
      steps.push({ at: markAt, run: act(call, RecordingAction.Mark, agent) })
      if (chance(random, 0.25))
        steps.push({ at: markAt + 10_000, run: act(call, RecordingAction.UnMark, agent) })
    }
    if (chance(random, 0.25)) {
      const decision = chance(random, 0.8) ? RecordingAction.Save : RecordingAction.Delete
      steps.push({
        at: start + between(random, 0.75, 0.95) * (end - start),
        run: act(call, decision, agent),
      })
    }
    steps.push({ at: end, run: () => endDemoCall(call) })
    return steps.sort((a, b) => a.at - b.at)
  }

  function endDemoCall(call: DemoCall): void {
    endCall(store, { ...call, requester: 'scenario', source: AuditSource.Scenario, silent: false })
    calls = calls.filter((other) => other !== call)
  }

  /** elapsedMs > 0 places the call that far into its life, its past steps run at once. */
  function spawn(elapsedMs: number): void {
    const ucc = pick(random, [DEFAULT_UCC, ...demoUccs.map((demo) => demo.name)])
    const agents = store.findUcc(ucc)?.agents.filter((agent) => !agent.includes('supervisor')) ?? []
    if (agents.length === 0) return
    const call: DemoCall = { uccName: ucc, correlationId: random.uuid(), steps: [] }
    const started = startCall(store, {
      ...call,
      state: {},
      requester: 'scenario',
      source: AuditSource.Scenario,
      silent: false,
    })
    if (!started) return
    call.steps = plan(call, pick(random, agents), clock.now() - elapsedMs)
    calls.push(call)
    runDueSteps(call, clock.now())
  }

  function runDueSteps(call: DemoCall, now: number): void {
    for (let step = call.steps[0]; step && step.at <= now; step = call.steps[0]) {
      call.steps.shift()
      if (step.until === undefined || step.until > now) step.run()
    }
  }

  function tick(): void {
    const now = clock.now()
    calls = calls.filter((call) => store.findCall(call.uccName, call.correlationId))
    for (const call of [...calls]) runDueSteps(call, now)
    while (nextArrivalAt <= now) {
      if (calls.length < MAX_DEMO_CALLS) spawn(0)
      nextArrivalAt += meanGapMs * between(random, 0.5, 1.5)
    }
  }

  function populate(): void {
    calls = []
    ensureUccs()
    const initial = Math.round((context.ratePerMinute * 150) / 60)
    for (let index = 0; index < Math.min(initial, MAX_DEMO_CALLS); index += 1)
      spawn(between(random, 0, 80_000))
    nextArrivalAt = clock.now() + meanGapMs * between(random, 0.5, 1.5)
  }

  populate()
  const stopTicking = clock.every(DEMO_TICK_MS, tick)
  return { name: ScenarioName.Demo, reset: populate, stop: stopTicking }
}

/** `calls` calls recording across ucc-demo-name, ucc-sales and ucc-support, and a steady stream of
 *  changes on them (see load-scenario.ts). The default calls are never touched. */
export function startLoadScenario(context: ScenarioContext): Scenario {
  const eventsPerSecond = context.loadEventsPerSecond ?? DEFAULT_LOAD_EVENTS_PER_SECOND
  const defaultUcc = context.store.findUcc(DEFAULT_UCC)
  const run = startLoad({
    store: context.store,
    clock: context.clock,
    random: context.random,
    uccs: [...(defaultUcc ? [defaultUcc] : []), ...demoUccs],
    calls: context.loadCalls ?? DEFAULT_LOAD_CALLS,
    eventsPerSecond,
  })
  return {
    name: ScenarioName.Load,
    reset: run.reset,
    stop: run.stop,
    load: () => ({ ...run.stats(), eventsPerSecond }),
  }
}

export function startScenario(name: ScenarioName, context: ScenarioContext): Scenario {
  if (name === ScenarioName.Demo) return startDemoScenario(context)
  if (name === ScenarioName.Load) return startLoadScenario(context)
  return startStaticScenario()
}
