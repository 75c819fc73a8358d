import { MarkingState, RecordingAction, RecordingState } from '../protocol/wire.ts'
import type { Clock } from './clock.ts'
import type { Random } from './random.ts'
import { performAction, startCall } from './recorder.ts'
import { AuditSource } from './store.ts'
import type { Store, Ucc } from './store.ts'

export const DEFAULT_LOAD_CALLS = 1000
export const DEFAULT_LOAD_EVENTS_PER_SECOND = 100
export const MAX_LOAD_CALLS = 100_000
export const MAX_LOAD_EVENTS_PER_SECOND = 10_000
/** How often the load scenario applies the changes that have fallen due: small, so the rate is smooth. */
export const LOAD_TICK_MS = 10
/** At most this much of the schedule is caught up in one tick: timer jitter is made good, but after a
 *  longer stall (a blocked event loop) the rest is dropped and counted as skipped, not sent as a burst. */
const MAX_CATCH_UP_MS = 1000
/** Tries per change to find a call that still exists (a call may have been ended through the control API). */
const MAX_TRIES = 8
const PAYMENT_SYSTEM = 'sip:payment-system@domain.com'

export interface LoadOptions {
  store: Store
  clock: Clock
  random: Random
  /** The UCCs the calls are spread over (round robin); created when missing. */
  uccs: readonly Ucc[]
  calls: number
  eventsPerSecond: number
}

export interface LoadStats {
  /** Load calls now: those created at start (or the last reset), less any ended from outside. */
  calls: number
  /** Changes applied (each one audited and broadcast), since start. */
  applied: number
  /** Changes due but dropped because the timer fell more than MAX_CATCH_UP_MS behind. */
  skipped: number
}

export interface LoadRun {
  /** Back to N fresh calls (after the store went back to its default data); the rate starts over. */
  reset(): void
  stop(): void
  stats(): LoadStats
}

interface LoadCall {
  uccName: string
  correlationId: string
  agent: string
}

/** N calls, all recording, spread over the given UCCs; then `eventsPerSecond` changes a second,
 *  spread evenly over ticks of LOAD_TICK_MS, each on a call chosen at random: Pause a Started call,
 *  resume (Start) a Paused one, Mark or UnMark, Save. Every change goes through the store (audit,
 *  event). Per change the work is O(1): an array pick and a map lookup, never a scan of the calls. */
export function startLoad(options: LoadOptions): LoadRun {
  const { store, clock, random } = options
  let calls: LoadCall[] = []
  let origin = clock.now()
  let applied = 0
  let skipped = 0
  /** Changes scheduled since origin that are done or skipped. */
  let settled = 0
  let stopped = false

  function populate(): void {
    calls = []
    for (const ucc of options.uccs) if (!store.findUcc(ucc.name)) store.addUcc(ucc)
    const agents = options.uccs.map((ucc) => {
      const stored = store.findUcc(ucc.name)?.agents ?? ucc.agents
      const nonSupervisors = stored.filter((agent) => !agent.includes('supervisor'))
      return nonSupervisors.length > 0 ? nonSupervisors : [PAYMENT_SYSTEM]
    })
    for (let index = 0; index < options.calls; index += 1) {
      const slot = index % options.uccs.length
      const ucc = options.uccs[slot]
      const uccAgents = agents[slot]
      if (!ucc || !uccAgents) continue
      const call: LoadCall = {
        uccName: ucc.name,
        correlationId: random.uuid(),
        agent: uccAgents[Math.floor(random.next() * uccAgents.length)] ?? PAYMENT_SYSTEM,
      }
      const started = startCall(store, {
        ...call,
        state: { recordingState: RecordingState.Started },
        requester: 'scenario',
        source: AuditSource.Scenario,
        silent: false,
      })
      if (started) calls.push(call)
    }
    origin = clock.now()
    settled = 0
  }

  /** A call ended from outside leaves the list: swap with the last and pop, O(1). */
  function forget(index: number): void {
    const last = calls.pop()
    if (last && index < calls.length) calls[index] = last
  }

  /** A plausible next action for the call as it is now. */
  function nextAction(recordingState: number, markingState: number): RecordingAction {
    if (recordingState === RecordingState.Paused) return RecordingAction.Start
    if (recordingState !== RecordingState.Started) return RecordingAction.Start
    const roll = random.next()
    if (roll < 0.3) return RecordingAction.Pause
    if (roll < 0.75)
      return markingState === MarkingState.Mark ? RecordingAction.UnMark : RecordingAction.Mark
    return RecordingAction.Save
  }

  function applyOne(): void {
    for (let attempt = 0; attempt < MAX_TRIES && calls.length > 0; attempt += 1) {
      const index = Math.floor(random.next() * calls.length)
      const call = calls[index]
      if (!call) continue
      const current = store.findCall(call.uccName, call.correlationId)
      if (!current) {
        forget(index)
        continue
      }
      const action = nextAction(current.recordingState, current.markingState)
      const requester =
        (action === RecordingAction.Pause || action === RecordingAction.Start) &&
        random.next() < 0.5
          ? PAYMENT_SYSTEM
          : call.agent
      const result = performAction(store, {
        uccName: call.uccName,
        correlationId: call.correlationId,
        action,
        requester,
        source: AuditSource.Scenario,
        asAgent: false,
      })
      if (result.ok) {
        applied += 1
        return
      }
    }
  }

  function tick(): void {
    if (stopped) return
    const due = Math.floor(((clock.now() - origin) * options.eventsPerSecond) / 1000)
    let owed = due - settled
    const limit = Math.max(1, Math.ceil((MAX_CATCH_UP_MS * options.eventsPerSecond) / 1000))
    if (owed > limit) {
      skipped += owed - limit
      owed = limit
    }
    settled = due
    for (let index = 0; index < owed; index += 1) applyOne()
  }

  populate()
  const stopTicking = options.eventsPerSecond > 0 ? clock.every(LOAD_TICK_MS, tick) : () => {}

  return {
    reset: populate,
    stop() {
      stopped = true
      stopTicking()
    },
    stats: () => ({ calls: calls.length, applied, skipped }),
  }
}
