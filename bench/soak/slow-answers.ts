// `npm run soak`, the slow-answer fault: the server answers at once (an action takes effect), the
// page gets that same answer seconds later, as over a slow network; for set sometimes with a hub
// outage behind it in which another party reverses the action (so its event is lost).
import type { Route } from '@playwright/test'
import { RecordingState } from '../../protocol/wire.ts'
import { between } from '../../simulator/random.ts'
import { round, sleep } from '../lib.ts'
import { bump, errorText, shortCall } from './common.ts'
import { FaultKind } from './fault-kind.ts'
import { OTHER_PARTY } from './options.ts'
import type { SoakCall, SoakState } from './state.ts'

type RestEndpoint = 'state' | 'set' | 'capabilities'

export interface SlowAnswersArmed {
  endpoint: RestEndpoint
  remaining: number
  delayMs: number
  /** For set: right after the server applied it, a short hub outage in which another party reverses it. */
  outage: boolean
}

function restEndpoint(url: string): RestEndpoint {
  const path = new URL(url).pathname
  if (path.endsWith('/set')) return 'set'
  return path.includes('/capabilities/') ? 'capabilities' : 'state'
}

export class SlowAnswers {
  /** Armed by a slow-answer fault: the next answers of this endpoint reach the page late. */
  private armed: SlowAnswersArmed | undefined
  private readonly deliveries = new Set<Promise<void>>()

  /** `noteOutage`: logs and counts an outage behind a slow answer as a fault of its own. */
  constructor(
    private readonly soak: SoakState,
    private readonly noteOutage: (detail: string) => void,
  ) {}

  arm(slow: SlowAnswersArmed): void {
    this.armed = slow
  }

  /** Armed, or a late answer still on its way. */
  busy(): boolean {
    return this.armed !== undefined || this.deliveries.size > 0
  }

  /** Nothing armed any more, and every late answer delivered (or given up). */
  async disarm(): Promise<void> {
    this.armed = undefined
    await Promise.all([...this.deliveries])
  }

  /**
   * Every REST request of every page passes here. Unless a slow-answer fault is armed for its
   * endpoint it goes on untouched; if one is, the server answers at once (the action takes
   * effect) and the page gets that same answer `delayMs` later, as over a slow network.
   */
  async onRestRequest(route: Route): Promise<void> {
    const request = route.request()
    const endpoint = restEndpoint(request.url())
    const slow = this.armed
    if (!slow || slow.endpoint !== endpoint || slow.remaining <= 0) {
      await route.continue().catch(() => {})
      return
    }
    slow.remaining -= 1
    if (slow.remaining <= 0) this.armed = undefined
    const delivery = this.deliverLate(route, slow, endpoint)
    this.deliveries.add(delivery)
    await delivery.finally(() => this.deliveries.delete(delivery))
  }

  private async deliverLate(
    route: Route,
    slow: SlowAnswersArmed,
    endpoint: RestEndpoint,
  ): Promise<void> {
    const { soak } = this
    let response: Awaited<ReturnType<Route['fetch']>>
    try {
      response = await route.fetch({ timeout: 20_000 })
    } catch {
      await route.abort().catch(() => {})
      return
    }
    const answeredAt = Date.now()
    let call: SoakCall | undefined
    let action = ''
    if (endpoint === 'set') {
      try {
        const body = JSON.parse(route.request().postData() ?? '{}') as Record<string, unknown>
        const id = String(body.CorrelationId ?? '').toLowerCase()
        call = soak.calls.find((candidate) => candidate.correlationId.toLowerCase() === id)
        action = String(body.Action ?? '')
      } catch {
        // not one of ours
      }
    }
    soak.faultLog.push({
      at: answeredAt,
      what: FaultKind.SlowAnswer,
      detail: `${endpoint}${call ? ` ${shortCall(call)} action ${action}` : ''} answered ${response.status()} by the server; reaches the page in ${slow.delayMs} ms`,
      call: call?.key,
    })
    console.log(
      `${soak.timeline.stamp(answeredAt)} ${FaultKind.SlowAnswer}: ${soak.faultLog.at(-1)?.detail ?? ''}`,
    )
    if (slow.outage && call && response.status() === 200) void this.outageBehind(call)
    await sleep(slow.delayMs)
    try {
      await route.fulfill({ response })
      soak.counters.slowAnswersDelivered += 1
    } catch {
      // the page gave up on it (its timeout) or went away
    }
  }

  /** A short hub outage right after the server applied an action, in which another party reverses it. */
  private async outageBehind(call: SoakCall): Promise<void> {
    const { soak } = this
    try {
      const seconds = round(between(soak.random, 0.3, 1.5), 1) ?? 1
      await soak.client.refuseNegotiation(seconds)
      await soak.client.dropConnections()
      await sleep(50)
      const state = soak.sim.store.findCall(call.uccName, call.correlationId)
      const action =
        state?.recordingState === RecordingState.Paused
          ? 'Start'
          : state?.recordingState === RecordingState.Started
            ? 'Pause'
            : undefined
      let detail = `refuse-negotiation ${seconds} s + drop-connections`
      if (action) {
        const answer = await soak.client.tryActAs(
          call.uccName,
          call.correlationId,
          action,
          OTHER_PARTY,
        )
        bump(soak.counters.actions, action)
        soak.actionLog.push({
          at: Date.now(),
          what: 'other party (in the outage)',
          detail: `${action} → ${answer.status}`,
          call: call.key,
        })
        detail += `; meanwhile another party sends ${action} on ${shortCall(call)} (→ ${answer.status}, its event lost)`
      }
      this.noteOutage(`outage behind the slow answer: ${detail}`)
    } catch (error) {
      console.log(
        `${soak.timeline.stamp()} outage behind a slow answer failed: ${errorText(error)}`,
      )
    }
  }
}
