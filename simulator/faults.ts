import type { ServerResponse } from 'node:http'
import type { Reply } from './http.ts'

export const FaultEndpoint = {
  State: 'state',
  Set: 'set',
  Capabilities: 'capabilities',
  Negotiate: 'negotiate',
} as const
export type FaultEndpoint = (typeof FaultEndpoint)[keyof typeof FaultEndpoint]

export interface ReplyFault {
  kind: 'reply'
  /** null: any REST endpoint (state, set, capabilities), never negotiate. */
  endpoint: FaultEndpoint | null
  remaining: number
  status: number
  body?: string | object
  contentType?: string
  delayMs: number
  /** Run the real handler (the change happens) and still send the fault's answer. */
  passThrough: boolean
}

export interface HangFault {
  kind: 'hang'
  endpoint: FaultEndpoint | null
  remaining: number
}

export type Fault = ReplyFault | HangFault

export interface FaultsSnapshot {
  latencyMs: number
  pending: Fault[]
  hungRequests: number
}

export interface Faults {
  latencyMs(): number
  setLatency(ms: number): void
  add(fault: Fault): void
  /** The first pending fault for this endpoint, with one use taken off it. */
  take(endpoint: FaultEndpoint): Fault | undefined
  /** Keep a response unanswered until the faults are cleared (then its connection is cut) or the client leaves. */
  hold(res: ServerResponse): void
  snapshot(): FaultsSnapshot
  clear(): void
}

function appliesTo(fault: Fault, endpoint: FaultEndpoint): boolean {
  return fault.endpoint === null
    ? endpoint !== FaultEndpoint.Negotiate
    : fault.endpoint === endpoint
}

export function faultReply(fault: ReplyFault): Reply {
  if (typeof fault.body === 'string') {
    return {
      status: fault.status,
      raw: fault.body,
      contentType: fault.contentType ?? 'text/plain; charset=utf-8',
    }
  }
  const body = fault.body ?? { Message: `Simulated fault (status ${fault.status}).` }
  return fault.contentType
    ? { status: fault.status, body, contentType: fault.contentType }
    : { status: fault.status, body }
}

export function createFaults(): Faults {
  let latencyMs = 0
  let pending: Fault[] = []
  const hung = new Set<ServerResponse>()

  return {
    latencyMs: () => latencyMs,
    setLatency(ms) {
      latencyMs = ms
    },
    add(fault) {
      pending.push(fault)
    },
    take(endpoint) {
      const fault = pending.find((candidate) => appliesTo(candidate, endpoint))
      if (!fault) return undefined
      fault.remaining -= 1
      pending = pending.filter((candidate) => candidate.remaining > 0)
      return { ...fault }
    },
    hold(res) {
      hung.add(res)
      res.on('close', () => hung.delete(res))
    },
    snapshot: () => ({
      latencyMs,
      pending: pending.map((fault) => ({ ...fault })),
      hungRequests: hung.size,
    }),
    clear() {
      latencyMs = 0
      pending = []
      for (const res of hung) res.destroy()
      hung.clear()
    },
  }
}
