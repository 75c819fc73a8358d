// The simulator's control API (/__sim/), as the end-to-end tests use it.
import { randomUUID } from 'node:crypto'

export const DEMO_UCC = 'ucc-demo-name'
export const DEMO_CALL = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
export const LOCKED_UCC = 'ucc-locked'
export const AGENT = 'sip:agent@domain.com'

export type Endpoint = 'state' | 'set' | 'capabilities' | 'negotiate'

export class SimClient {
  constructor(readonly url: string) {}

  private async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.url}/__sim${path}`, {
      method,
      headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const text = await response.text()
    if (!response.ok) throw new Error(`${method} /__sim${path}: ${response.status} ${text}`)
    return (text ? JSON.parse(text) : undefined) as T
  }

  reset() {
    return this.call('POST', '/reset')
  }

  /** A fresh call (a new GUID), so that a test never depends on another's data. */
  async createCall(
    options: {
      ucc?: string
      recordingState?: number
      markingState?: number
      savingState?: number
    } = {},
  ) {
    const correlationId = randomUUID()
    await this.call('POST', '/calls', { ucc: options.ucc ?? DEMO_UCC, correlationId, ...options })
    return { uccName: options.ucc ?? DEMO_UCC, correlationId }
  }

  endCall(ucc: string, id: string) {
    return this.call('DELETE', `/calls/${encodeURIComponent(ucc)}/${id}`)
  }

  /** Another party (a payment system, a supervisor) applies an action: the event goes out. */
  actAs(ucc: string, id: string, action: number | string, requester = 'sip:payments@domain.com') {
    return this.call('POST', `/calls/${encodeURIComponent(ucc)}/${id}/action`, {
      action,
      requester,
      source: 'control',
    })
  }

  /** Changes state with no event, as when the hub loses one. */
  silent(
    ucc: string,
    id: string,
    states: { recordingState?: number; markingState?: number; savingState?: number },
  ) {
    return this.call('POST', `/calls/${encodeURIComponent(ucc)}/${id}/silent`, states)
  }

  emit(args: unknown[], target = 'RecordingStateChangedEvent') {
    return this.call('POST', '/events', { target, arguments: args })
  }

  failNext(fault: {
    endpoint: Endpoint
    count: number
    status: number
    body?: unknown
    contentType?: string
    delayMs?: number
    passThrough?: boolean
  }) {
    return this.call('POST', '/faults/next', fault)
  }

  /** The next `count` requests to the endpoint get no answer until the faults are cleared. */
  hang(endpoint: Endpoint, count = 1) {
    return this.call('POST', '/faults/hang', { endpoint, count })
  }

  /** Latency, pending and hung requests and negotiation refusal all cleared. */
  clearFaults() {
    return this.call('DELETE', '/faults')
  }

  /** A hub Close message to every client; without allowReconnect the client does not reconnect by itself. */
  closeConnections(options: { error?: string; allowReconnect?: boolean } = {}) {
    return this.call('POST', '/faults/close-connections', options)
  }

  addUcc(name: string, agents: string[] = [AGENT]) {
    return this.call('POST', '/uccs', { name, agents })
  }

  /** Handshaken hub connections by transport. */
  async connections() {
    const health = await this.call<{ connections: HubConnections }>('GET', '/health')
    return health.connections
  }

  latency(ms: number) {
    return this.call('POST', '/faults/latency', { ms })
  }

  dropConnections() {
    return this.call('POST', '/faults/drop-connections')
  }

  refuseNegotiation(seconds: number) {
    return this.call('POST', '/faults/refuse-negotiation', { seconds })
  }

  settings(settings: { eventCasing?: 'pascal' | 'camel'; errorStatus?: 'ok' | 'http' }) {
    return this.call('POST', '/settings', settings)
  }

  async audit(correlationId?: string) {
    const query = correlationId ? `?correlationId=${correlationId}` : ''
    const body = await this.call<unknown>('GET', `/audit${query}`)
    return (Array.isArray(body) ? body : (body as { entries: unknown[] }).entries) as AuditEntry[]
  }

  async recordingState(ucc: string, id: string): Promise<number> {
    const response = await fetch(
      `${this.url}/attendantservice/api/recording/${encodeURIComponent(ucc)}/${id}`,
    )
    const body = (await response.json()) as { RecordingState: number }
    return body.RecordingState
  }
}

export interface HubConnections {
  total: number
  webSockets: number
  serverSentEvents: number
  longPolling: number
}

export interface AuditEntry {
  time: string
  ucc: string
  correlationId: string
  action: number | string
  requester: string
  source: string
}
