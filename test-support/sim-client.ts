// The simulator's control API (/__sim/), as the end-to-end tests, the benchmarks and the soak use it.
import { randomUUID } from 'node:crypto'
import { RECORDING_STATE_CHANGED_EVENT, recordingApiRoot } from '../protocol/wire.ts'
import type { OidcInfo } from '../simulator/oidc/options.ts'
import type { Minted } from '../simulator/oidc/provider.ts'

export const DEMO_UCC = 'ucc-demo-name'
export const DEMO_CALL = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
export const LOCKED_UCC = 'ucc-locked'
export const AGENT = 'sip:agent@domain.com'

export type Endpoint = 'state' | 'set' | 'capabilities' | 'negotiate'

/** A control request's answer, whatever its status; a body that is not JSON is kept as text. */
export interface SimAnswer<T = unknown> {
  status: number
  body: T
}

/** GET /__sim/state: every UCC and the calls it holds (other fields left out). */
export interface SimState {
  uccs: { name: string; calls: { correlationId: string }[] }[]
}

/** The longest refusal the control API takes (a day): for the test's purposes, until accepted. */
const MAX_REFUSAL_SECONDS = 86_400

/** A control request that gets no answer in this time fails, rather than the test or run that waits on it. */
const REQUEST_TIMEOUT_MS = 10_000

export class SimClient {
  /** `url`: the simulator's root (its `url`), not the control API's. `controlToken`: sent as a
   *  bearer token, for a simulator started with one (default: SIMULATOR_CONTROL_TOKEN). */
  constructor(
    readonly url: string,
    private readonly controlToken = process.env.SIMULATOR_CONTROL_TOKEN,
  ) {}

  /** Any control request, its answer as it came: a refusal (4xx) is an answer, not an error. */
  async send<T = unknown>(method: string, path: string, body?: unknown): Promise<SimAnswer<T>> {
    const response = await fetch(`${this.url}/__sim${path}`, {
      method,
      // The control API takes JSON requests only, bodiless ones included.
      headers: {
        'Content-Type': 'application/json',
        ...(this.controlToken ? { Authorization: `Bearer ${this.controlToken}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    })
    const text = await response.text()
    let parsed: unknown = text
    try {
      parsed = text ? JSON.parse(text) : undefined
    } catch {
      // kept as text
    }
    return { status: response.status, body: parsed as T }
  }

  /** A control request that must succeed: its body, or an error naming the request and the answer. */
  private async call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const answer = await this.send<T>(method, path, body)
    if (answer.status >= 300) {
      const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)
      throw new Error(`${method} /__sim${path}: ${answer.status} ${text ?? ''}`)
    }
    return answer.body
  }

  reset() {
    return this.call('POST', '/reset')
  }

  /** What the simulator holds now. */
  state() {
    return this.call<SimState>('GET', '/state')
  }

  /**
   * A call, by default a fresh one (a new GUID), so that a test never depends on another's data.
   * `silent`: no event announces it.
   */
  async createCall(
    options: {
      ucc?: string
      correlationId?: string
      recordingState?: number
      markingState?: number
      savingState?: number
      silent?: boolean
    } = {},
  ) {
    const correlationId = options.correlationId ?? randomUUID()
    await this.call('POST', '/calls', { ...options, ucc: options.ucc ?? DEMO_UCC, correlationId })
    return { uccName: options.ucc ?? DEMO_UCC, correlationId }
  }

  endCall(ucc: string, id: string) {
    return this.call('DELETE', `/calls/${encodeURIComponent(ucc)}/${id}`)
  }

  /** The call ends with no event at all (not even the Stop a running recorder gets): only a read tells. */
  endCallSilently(ucc: string, id: string) {
    return this.call('DELETE', `/calls/${encodeURIComponent(ucc)}/${id}?silent=true`)
  }

  /** Another party (a payment system, a supervisor) applies an action: the event goes out. */
  actAs(ucc: string, id: string, action: number | string, requester = 'sip:payments@domain.com') {
    return this.call('POST', actionPath(ucc, id), { action, requester, source: 'control' })
  }

  /** As actAs, but a refused action is an answer (its status says so), not an error. */
  tryActAs(ucc: string, id: string, action: number | string, requester: string) {
    return this.send('POST', actionPath(ucc, id), { action, requester, source: 'control' })
  }

  /** Changes state with no event, as when the hub loses one. */
  silent(
    ucc: string,
    id: string,
    states: { recordingState?: number; markingState?: number; savingState?: number },
  ) {
    return this.call('POST', `/calls/${encodeURIComponent(ucc)}/${id}/silent`, states)
  }

  emit(args: unknown[], target = RECORDING_STATE_CHANGED_EVENT) {
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

  /**
   * Every hub negotiation refused until `acceptNegotiation()` (or a reset): an outage that lasts
   * exactly as long as the test needs, however slowly the machine runs it.
   */
  refuseNegotiationUntilAccepted() {
    return this.refuseNegotiation(MAX_REFUSAL_SECONDS)
  }

  /** Ends a negotiation refusal: the clients' next attempt connects. */
  acceptNegotiation() {
    return this.refuseNegotiation(0)
  }

  settings(settings: { eventCasing?: 'pascal' | 'camel'; errorStatus?: 'ok' | 'http' }) {
    return this.call('POST', '/settings', settings)
  }

  /** --oidc: the provider (issuer, client id, audience, scope, lifetimes, test users) and any outage. */
  oidc() {
    return this.call<OidcInfo & { outage: { until: string | null } | null }>('GET', '/oidc')
  }

  /** --oidc: an access token for a test user (`agent`, `supervisor`), signed by the provider.
   *  Another audience or issuer, or a short lifetime, makes one that REST and the hub refuse. */
  mintToken(
    user: string,
    options: { audience?: string; issuer?: string; ttlSeconds?: number; scope?: string } = {},
  ) {
    return this.call<Minted>('POST', '/oidc/token', { user, ...options })
  }

  /** --oidc: ends the user's sessions and removes their refresh tokens: the next refresh fails. */
  revokeSignIns(user: string) {
    return this.call<Record<string, unknown>>('POST', '/oidc/revoke', { user })
  }

  /** --oidc: the provider answers 503 for `seconds`, or until endOidcOutage (or clearFaults). */
  oidcOutage(seconds?: number) {
    return this.call('POST', '/oidc/outage', seconds === undefined ? {} : { seconds })
  }

  endOidcOutage() {
    return this.call('DELETE', '/oidc/outage')
  }

  async audit(correlationId?: string) {
    const query = correlationId ? `?correlationId=${correlationId}` : ''
    const body = await this.call<unknown>('GET', `/audit${query}`)
    return (Array.isArray(body) ? body : (body as { entries: unknown[] }).entries) as AuditEntry[]
  }

  /** The call's recorder state through REST; `accessToken` for a simulator with --oidc. */
  async recordingState(ucc: string, id: string, accessToken?: string): Promise<number> {
    const response = await fetch(
      `${this.url}${recordingApiRoot('v1')}/${encodeURIComponent(ucc)}/${id}`,
      accessToken ? { headers: { Authorization: `Bearer ${accessToken}` } } : {},
    )
    const body = (await response.json()) as { RecordingState: number }
    return body.RecordingState
  }
}

function actionPath(ucc: string, id: string): string {
  return `/calls/${encodeURIComponent(ucc)}/${id}/action`
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
