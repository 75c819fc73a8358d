// The host SDK: what a host page (an agent desktop, a payment page) uses to drive the recording
// panel in its iframe, over window.postMessage in the protocol of protocol/embed.ts. No framework;
// built on its own to dist/sdk/recording-panel.js (sdk/README.md).
//
// What it promises a host: every message goes to the panel's exact origin, never '*'; only
// messages from that iframe's window, from that origin, that pass the protocol's schema are read;
// pause() resolves only after the panel's ok AND a state saying the recorder is confirmed Paused
// (resume() likewise for Started); anything else (a refusal, no answer in time, a panel that
// reloaded, close()) rejects with a RecordingPanelError.
import {
  EMBED_PROTOCOL,
  EMBED_VERSION,
  type EmbedErrorType,
  type HostMessage,
  type PanelState,
} from '../protocol/embed.ts'
import { readPanelMessage } from '../protocol/embed-host-side.ts'

export type { EmbedErrorType, PanelState }

export interface RecordingPanelOptions {
  /** The panel's origin (scheme, host and port), such as "https://panel.example.com". Never "*". */
  origin: string
  /** How long a request (and the first handshake) may take, in ms. Default 15 000. */
  timeoutMs?: number
}

export interface RecordingPanelConnection {
  /** The last state the panel sent (null until it sends one). */
  readonly state: PanelState | null
  /**
   * Resolves once the panel has answered (its `ready`, or its first answer to the SDK's
   * handshake); rejects with a RecordingPanelError ('not-confirmed') if it does not answer within
   * the timeout, or on close(). Requests made before then wait for it (each within its own timeout).
   */
  readonly ready: Promise<void>
  /** Pauses the recorder; resolves only once the recorder is confirmed Paused. */
  pause(): Promise<PanelState>
  /** Resumes the recorder (Start); resolves only once it is confirmed Started. */
  resume(): Promise<PanelState>
  /** Pauses or resumes, whichever the panel offers now; resolves with the confirmed state. */
  togglePause(): Promise<PanelState>
  /** Asks the panel for its state. */
  getState(): Promise<PanelState>
  /** Hands the panel a bearer token (kept in its memory only); "" removes it. */
  setAccessToken(token: string): Promise<void>
  /** Switches the panel to another call, without reloading it. */
  openCall(call: { ucc: string; correlationId: string; agent?: string }): Promise<void>
  /** Calls `listener` with every state the panel sends; returns a function that stops it. */
  onStateChange(listener: (state: PanelState) => void): () => void
  /** Stops listening; requests still pending reject. */
  close(): void
}

/** Why a request did not succeed. `message`: the panel's (or the server's) own words. */
export class RecordingPanelError extends Error {
  /** The server's ErrorType (a number), or one of the protocol's error types. */
  readonly type: EmbedErrorType

  constructor(type: EmbedErrorType, message: string) {
    super(message)
    this.name = 'RecordingPanelError'
    this.type = type
  }
}

export const DEFAULT_TIMEOUT_MS = 15_000
/** How often the handshake asks again until the panel answers. */
export const HANDSHAKE_INTERVAL_MS = 250

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
type RequestBody = DistributiveOmit<HostMessage, 'protocol' | 'version' | 'id'>
type Kind = RequestBody['type']

/** What a request's ok must be followed by: the state it resolves with (or nothing). */
const EXPECTED: Partial<Record<Kind, (state: PanelState) => boolean>> = {
  pause: (state) => state.confirmed && state.recording === 'Paused',
  resume: (state) => state.confirmed && state.recording === 'Started',
  'toggle-pause': (state) =>
    state.confirmed && (state.recording === 'Paused' || state.recording === 'Started'),
}

const ACTIONS = new Set<Kind>(['pause', 'resume', 'toggle-pause'])

interface Pending {
  readonly id: string
  readonly body: RequestBody
  readonly timer: ReturnType<typeof setTimeout>
  readonly resolve: (value: PanelState | undefined) => void
  readonly reject: (error: RecordingPanelError) => void
  /** Posted to the panel (before the panel answers, requests wait). */
  sent: boolean
  /** How many states had arrived when it was posted: get-state resolves with a later one. */
  statesAtSend: number
  /** The panel said ok; it now waits for the state to show it. */
  okay: boolean
  /** The get-state asked after an ok whose state had not come yet. */
  checkId: string | null
  /** How many states had arrived when that get-state was asked; null until its ok. */
  checkStatesAt: number
  /** Its ok has come: the next state (or one already come since) decides. */
  checkAnswered: boolean
}

/** The panel's origin as given, or a clear error: an http(s) origin only, never '*'. */
function checkedOrigin(origin: unknown): string {
  const problem = (hint: string) =>
    new TypeError(
      `connectRecordingPanel: options.origin must be the panel's http(s) origin, such as "https://panel.example.com" (scheme, host and port only; never "*"); got ${JSON.stringify(origin)}${hint}.`,
    )
  if (typeof origin !== 'string' || origin === '*') throw problem('')
  let url: URL
  try {
    url = new URL(origin)
  } catch {
    throw problem('')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw problem('')
  if (url.origin !== origin) throw problem(` (did you mean "${url.origin}"?)`)
  return origin
}

function randomPrefix(): string {
  const crypto = globalThis.crypto as Crypto | undefined
  return typeof crypto?.randomUUID === 'function'
    ? crypto.randomUUID()
    : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`
}

function describeState(state: PanelState | null): string {
  if (!state) return 'no state'
  return state.confirmed ? state.recording : `${state.recording} (not confirmed)`
}

/**
 * Connects to the recording panel shown in `iframe`, served from `options.origin`. Starts at once:
 * asks the panel for its state until it answers (it may have said `ready` before this was called).
 */
export function connectRecordingPanel(
  iframe: HTMLIFrameElement,
  options: RecordingPanelOptions,
): RecordingPanelConnection {
  if (typeof iframe !== 'object' || iframe === null || !('contentWindow' in iframe))
    throw new TypeError("connectRecordingPanel: the first argument must be the panel's <iframe>.")
  const origin = checkedOrigin(options?.origin)
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)
    throw new TypeError('connectRecordingPanel: options.timeoutMs must be a positive number of ms.')

  const prefix = randomPrefix()
  let counter = 0
  const nextId = () => `${prefix}-${(counter += 1)}`

  let closed = false
  /** Whether any valid message of the panel's has arrived (through this connection's life). */
  let answered = false
  let latest: PanelState | null = null
  let statesReceived = 0
  const pending = new Map<string, Pending>()
  const listeners = new Set<(state: PanelState) => void>()

  let readyPending = true
  let resolveReady = () => {}
  let rejectReady: (error: RecordingPanelError) => void = () => {}
  const ready = new Promise<void>((resolve, reject) => {
    resolveReady = resolve
    rejectReady = reject
  })
  // A host that never awaits `ready` must not see an unhandled rejection.
  ready.catch(() => {})
  const readyTimer = setTimeout(() => {
    if (!readyPending) return
    readyPending = false
    rejectReady(
      new RecordingPanelError(
        'not-confirmed',
        `The recording panel did not answer within ${Math.round(timeoutMs / 100) / 10} s.`,
      ),
    )
  }, timeoutMs)

  function post(message: RequestBody & { id: string }): boolean {
    const target = iframe.contentWindow
    if (!target) return false
    target.postMessage({ protocol: EMBED_PROTOCOL, version: EMBED_VERSION, ...message }, origin)
    return true
  }

  // The handshake: get-state every HANDSHAKE_INTERVAL_MS while someone waits for the panel's
  // first answer (`ready`, or a request made before it); each waiter's own timeout bounds it.
  let handshake: ReturnType<typeof setInterval> | undefined
  const waitingForPanel = () =>
    readyPending || [...pending.values()].some((request) => !request.sent)
  function stopHandshake() {
    if (handshake !== undefined) clearInterval(handshake)
    handshake = undefined
  }
  function startHandshake() {
    if (answered || closed || handshake !== undefined) return
    post({ type: 'get-state', id: nextId() })
    handshake = setInterval(() => {
      if (answered || closed || !waitingForPanel()) stopHandshake()
      else post({ type: 'get-state', id: nextId() })
    }, HANDSHAKE_INTERVAL_MS)
  }

  function settle(request: Pending, outcome: { state?: PanelState; error?: RecordingPanelError }) {
    if (pending.get(request.id) !== request) return
    pending.delete(request.id)
    clearTimeout(request.timer)
    if (outcome.error) request.reject(outcome.error)
    else request.resolve(outcome.state)
  }

  function send(request: Pending) {
    request.statesAtSend = statesReceived
    request.sent = post({ ...request.body, id: request.id })
  }

  /** After the panel's ok: resolves with the state that shows it, once there is one. */
  function checkOkay(request: Pending) {
    const kind = request.body.type
    if (kind === 'set-access-token' || kind === 'open-call') return settle(request, {})
    const expected = EXPECTED[kind]
    const fresh = statesReceived > request.statesAtSend
    if (latest && (expected ? expected(latest) : fresh)) return settle(request, { state: latest })
    // The state has not come yet (or no longer shows it): ask for it, once.
    if (request.checkId === null && expected) {
      request.checkId = nextId()
      request.checkStatesAt = statesReceived
      post({ type: 'get-state', id: request.checkId })
    } else if (request.checkAnswered && statesReceived > request.checkStatesAt) {
      const verb = kind === 'pause' ? 'paused' : kind === 'resume' ? 'resumed' : 'changed'
      settle(request, {
        error: new RecordingPanelError(
          'not-confirmed',
          `The panel said the recorder ${verb}, but its state now shows ${describeState(latest)}.`,
        ),
      })
    }
  }

  function onState(state: PanelState) {
    latest = state
    statesReceived += 1
    for (const request of [...pending.values()]) if (request.okay) checkOkay(request)
    for (const listener of [...listeners]) {
      try {
        listener(state)
      } catch (error) {
        // One host listener's failure neither stops the others nor the SDK: reported as uncaught.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  function onResult(id: string, error: RecordingPanelError | null) {
    const request = pending.get(id)
    if (request) {
      if (error) return settle(request, { error })
      request.okay = true
      return checkOkay(request)
    }
    // The answer to the get-state asked after an ok: the state has come, or it does not show it.
    const checked = [...pending.values()].find((item) => item.checkId === id)
    if (!checked) return
    if (error) return settle(checked, { error })
    checked.checkAnswered = true
    checkOkay(checked)
  }

  function onAnswered() {
    answered = true
    stopHandshake()
    if (readyPending) {
      readyPending = false
      clearTimeout(readyTimer)
      resolveReady()
    }
    for (const request of [...pending.values()]) if (!request.sent) send(request)
  }

  /** The panel said `ready` again: its page reloaded, and what it was asked is lost. */
  function onReloaded() {
    for (const request of [...pending.values()]) {
      if (!request.sent) continue
      settle(request, {
        error: new RecordingPanelError(
          'not-confirmed',
          'The recording panel reloaded before it answered: ask again.',
        ),
      })
    }
  }

  function onMessage(event: MessageEvent) {
    const panel = iframe.contentWindow
    if (closed || !panel || event.source !== panel || event.origin !== origin) return
    const message = readPanelMessage(event.data)
    if (!message) return
    if (message.type === 'ready' && answered) onReloaded()
    if (!answered) onAnswered()
    if (message.type === 'state') onState(message.state)
    else if (message.type === 'result')
      onResult(
        message.id,
        message.ok
          ? null
          : new RecordingPanelError(
              message.error.type,
              message.error.message || `The panel refused the request (${message.error.type}).`,
            ),
      )
  }

  function request(body: RequestBody): Promise<PanelState | undefined> {
    if (closed)
      return Promise.reject(
        new RecordingPanelError('not-confirmed', 'The connection to the panel is closed.'),
      )
    return new Promise<PanelState | undefined>((resolve, reject) => {
      const id = nextId()
      const timer = setTimeout(() => {
        const item = pending.get(id)
        if (!item) return
        const what = ACTIONS.has(body.type)
          ? 'The recorder was not confirmed in time'
          : 'The panel did not answer in time'
        const why = answered ? '.' : ': the recording panel did not answer.'
        settle(item, { error: new RecordingPanelError('not-confirmed', `${what}${why}`) })
      }, timeoutMs)
      const item: Pending = {
        id,
        body,
        timer,
        resolve,
        reject,
        sent: false,
        statesAtSend: statesReceived,
        okay: false,
        checkId: null,
        checkStatesAt: 0,
        checkAnswered: false,
      }
      pending.set(id, item)
      if (answered) send(item)
      else startHandshake()
    })
  }

  const stateRequest = (body: RequestBody) => request(body) as Promise<PanelState>
  const voidRequest = async (body: RequestBody) => {
    await request(body)
  }

  window.addEventListener('message', onMessage)
  startHandshake()

  return {
    get state() {
      return latest
    },
    ready,
    pause: () => stateRequest({ type: 'pause' }),
    resume: () => stateRequest({ type: 'resume' }),
    togglePause: () => stateRequest({ type: 'toggle-pause' }),
    getState: () => stateRequest({ type: 'get-state' }),
    setAccessToken: (token) => voidRequest({ type: 'set-access-token', token }),
    openCall: (call) =>
      voidRequest({
        type: 'open-call',
        ucc: call.ucc,
        correlationId: call.correlationId,
        ...(call.agent === undefined ? {} : { agent: call.agent }),
      }),
    onStateChange(listener) {
      if (closed) return () => {}
      const wrapped = (state: PanelState) => listener(state)
      listeners.add(wrapped)
      return () => listeners.delete(wrapped)
    },
    close() {
      if (closed) return
      closed = true
      window.removeEventListener('message', onMessage)
      stopHandshake()
      clearTimeout(readyTimer)
      listeners.clear()
      const error = new RecordingPanelError(
        'not-confirmed',
        'The connection to the panel was closed.',
      )
      if (readyPending) {
        readyPending = false
        rejectReady(error)
      }
      for (const item of [...pending.values()]) settle(item, { error })
    },
  }
}
