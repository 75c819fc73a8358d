// `npm run soak`: every 1.5–5 s a random fault, through the simulator's control API: hub drops,
// Close with and without allowReconnect, negotiation refused, bad answers (for set also after the
// change took effect), latency spikes, hung requests, late and duplicate events, and slow answers
// (bench/soak/slow-answers.ts). Each is logged as it is injected.
import { between, chance, pick } from '../../simulator/random.ts'
import { round } from '../lib.ts'
import { bump, errorText, shortCall, weighted } from './common.ts'
import { FaultKind } from './fault-kind.ts'
import { SlowAnswers } from './slow-answers.ts'
import type { SoakCall, SoakState } from './state.ts'

/** How often each fault is drawn. */
const FAULT_WEIGHTS: readonly (readonly [FaultKind, number])[] = [
  [FaultKind.Drop, 2],
  [FaultKind.Close, 1],
  [FaultKind.CloseReconnect, 1],
  [FaultKind.RefuseNegotiation, 1],
  [FaultKind.Reply, 4],
  [FaultKind.Latency, 2],
  [FaultKind.Hang, 1],
  [FaultKind.OutOfOrder, 2],
  [FaultKind.Duplicate, 2],
  [FaultKind.SlowAnswer, 2],
]

const REPLY_VARIANTS: readonly {
  name: string
  status: number
  body?: string | object
  contentType?: string
}[] = [
  { name: '500', status: 500 },
  {
    name: '502 html',
    status: 502,
    body: '<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>',
    contentType: 'text/html',
  },
  { name: '503 text', status: 503, body: 'Service Unavailable', contentType: 'text/plain' },
  {
    name: '401',
    status: 401,
    body: { Message: 'Authorization has been denied for this request.' },
  },
  {
    name: '200 non-JSON',
    status: 200,
    body: '<!doctype html><title>Sign in</title><form action="/login"><input name="user"></form>',
    contentType: 'text/html',
  },
  {
    name: '200 malformed JSON',
    status: 200,
    body: '{"CorrelationId": "x", "RecordingState": 3, "MarkingState": ',
    contentType: 'application/json',
  },
  { name: '200 other shape', status: 200, body: { ok: true, queued: 1 } },
]

export class Faults {
  private readonly weights: readonly (readonly [FaultKind, number])[]
  private latencyReset: ReturnType<typeof setTimeout> | undefined
  /** The slow-answer fault, which works on the pages' requests (see `onRestRequest`). */
  readonly slow: SlowAnswers

  constructor(private readonly soak: SoakState) {
    this.weights = FAULT_WEIGHTS.filter(([kind]) => !soak.options.skip.includes(kind))
    this.slow = new SlowAnswers(soak, (detail) =>
      this.note(FaultKind.SlowAnswer, detail, 'outage behind a slow set'),
    )
  }

  private note(kind: FaultKind, detail: string, variant?: string, call?: SoakCall): void {
    const { counters, timeline } = this.soak
    const at = Date.now()
    counters.faults[kind] += 1
    if (variant) bump(counters.faultVariants, variant)
    this.soak.faultLog.push({ at, what: kind, detail, call: call?.key })
    console.log(`${timeline.stamp(at)} fault ${kind}${detail ? ` ${detail}` : ''}`)
  }

  async loop(): Promise<void> {
    const { soak } = this
    if (this.weights.length === 0) return
    while (soak.running()) {
      if (!(await soak.nextTurn(1500, 5000))) break
      try {
        await this.inject(weighted(soak.random, this.weights))
      } catch (error) {
        console.log(`${soak.timeline.stamp()} fault injection failed: ${errorText(error)}`)
      }
    }
  }

  /**
   * Whether the service may not take or answer a resume as it should now: a fault pending on set
   * or the state read (or on any endpoint), a hung request, a latency spike, or a slow answer
   * armed or on its way. Asked at every sample; each such fault is also noted when injected (one
   * used up between two samples is not missed).
   */
  disturbing(): boolean {
    const now = this.soak.sim.faults.snapshot()
    return (
      now.latencyMs > 0 ||
      now.hungRequests > 0 ||
      now.pending.some(
        (fault) => fault.endpoint !== 'capabilities' && fault.endpoint !== 'negotiate',
      ) ||
      this.slow.busy()
    )
  }

  private async inject(kind: FaultKind): Promise<void> {
    const { client, random, tracker } = this.soak
    switch (kind) {
      case FaultKind.Drop:
        await client.dropConnections()
        return this.note(kind, '')
      case FaultKind.Close:
        await client.closeConnections({ error: 'Soak: server closing' })
        return this.note(kind, '(no reconnect allowed)')
      case FaultKind.CloseReconnect:
        await client.closeConnections({ error: 'Soak: server restarting', allowReconnect: true })
        return this.note(kind, '(allowReconnect)')
      case FaultKind.RefuseNegotiation: {
        const seconds = round(between(random, 1, 5), 1) ?? 1
        await client.refuseNegotiation(seconds)
        await client.dropConnections()
        return this.note(kind, `for ${seconds} s, then drop-connections`)
      }
      case FaultKind.Reply: {
        const endpoint = weighted(random, [
          ['state', 50],
          ['set', 35],
          ['capabilities', 15],
        ] as const)
        const variant = pick(random, REPLY_VARIANTS)
        const count = 1 + Math.floor(random.next() * 3)
        const passThrough = endpoint === 'set' && chance(random, 0.4)
        await client.failNext({
          endpoint,
          count,
          status: variant.status,
          ...(variant.body === undefined ? {} : { body: variant.body }),
          ...(variant.contentType === undefined ? {} : { contentType: variant.contentType }),
          passThrough,
        })
        if (endpoint !== 'capabilities') this.soak.noteDisturbance()
        const name = `${endpoint} ${variant.name}${passThrough ? ' (took effect)' : ''}`
        return this.note(kind, `next ${count} ${name}`, name)
      }
      case FaultKind.Latency: {
        const ms = Math.round(between(random, 500, 3000))
        const holdMs = Math.round(between(random, 2000, 6000))
        clearTimeout(this.latencyReset)
        await client.latency(ms)
        this.soak.noteDisturbance()
        this.latencyReset = setTimeout(() => {
          this.latencyReset = undefined
          void client.latency(0).catch(() => {})
        }, holdMs)
        return this.note(kind, `${ms} ms for ${(holdMs / 1000).toFixed(1)} s`)
      }
      case FaultKind.Hang: {
        const endpoint = pick(random, ['state', 'set'] as const)
        const count = 1 + Math.floor(random.next() * 2)
        await client.hang(endpoint, count)
        this.soak.noteDisturbance()
        return this.note(kind, `next ${count} ${endpoint}`, `hang ${endpoint}`)
      }
      case FaultKind.SlowAnswer: {
        const endpoint = weighted(random, [
          ['set', 60],
          ['state', 40],
        ] as const)
        const delayMs = Math.round(between(random, 1000, 5000))
        const count = 1 + Math.floor(random.next() * 2)
        const outage = endpoint === 'set' && chance(random, 0.5)
        this.slow.arm({ endpoint, remaining: count, delayMs, outage })
        this.soak.noteDisturbance()
        const name = `slow ${endpoint}${outage ? ' + outage' : ''}`
        return this.note(
          kind,
          `next ${count} ${endpoint} answers reach the page ${delayMs} ms after the server sent them${outage ? ', with a hub outage behind the first' : ''}`,
          name,
        )
      }
      case FaultKind.OutOfOrder:
      case FaultKind.Duplicate: {
        const call = pick(random, this.soak.busyCalls)
        // An old event may make its page count a pause anew, from the read that follows.
        this.soak.restartedAt.set(call.key, Date.now())
        const events = tracker
          .history(call.key)
          .filter((change) => change.event && change.stateAction !== null)
        const last = events.at(-1)
        if (!last) return
        let event = last
        let what: FaultKind = FaultKind.Duplicate
        if (kind === FaultKind.OutOfOrder && events.length >= 2) {
          // An old event that contradicts the present: a Pause after the Start that followed it, or the reverse.
          const truth = tracker.get(call.key)?.recording
          const wanted = truth === 'Paused' ? 1 : 3
          const older = events.slice(0, -1).reverse()
          event = older.find((change) => change.stateAction === wanted) ?? older[0] ?? last
          what = FaultKind.OutOfOrder
        }
        await client.emit([
          {
            UccName: call.uccName,
            CorrelationId: call.correlationId,
            StateAction: event.stateAction,
          },
        ])
        this.soak.restartedAt.set(call.key, Date.now())
        const age = ((Date.now() - event.at) / 1000).toFixed(1)
        return this.note(
          what,
          `${shortCall(call)} StateAction ${event.stateAction} (${event.action}, from ${age} s ago; now ${tracker.get(call.key)?.recording})`,
          undefined,
          call,
        )
      }
    }
  }

  /** Every fault stopped and cleared: no latency, no slow answer pending, nothing armed. */
  async clear(): Promise<void> {
    clearTimeout(this.latencyReset)
    this.latencyReset = undefined
    await this.slow.disarm()
    await this.soak.client.clearFaults().catch(() => {})
  }
}
