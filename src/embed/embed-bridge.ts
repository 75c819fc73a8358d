import * as v from 'valibot'
import {
  isEmbedEnvelope,
  panelMessage,
  readHostMessage,
  type HostMessage,
  type PanelMessage,
  type PanelState,
} from '../../protocol/embed.ts'
import { setAccessToken } from '../app/access-token.ts'
import type { PanelConfig } from '../app/config.ts'
import { parseRoute, type Route } from '../app/route.ts'
import { t } from '../i18n/messages.ts'
import { readKeys, reportConfigWarnings } from '../lib/config-read.ts'
import { EmbedFailure, panelLink } from './panel-link.ts'

// The panel's side of the embedding contract (protocol/embed.ts), loaded after the first paint:
// messages from the origins in config.json's `embedOrigins` (and the panel's own) are read, checked
// and answered to the origin that asked, never to '*'; others are ignored and counted. Same-origin
// hosts get the same requests as methods on window.recordingPanel.

/** At most this many origins in embedOrigins (each becomes a frame-ancestors source too). */
const MAX_ORIGINS = 20
/** At most this many host windows are told of every state change. */
const MAX_HOSTS = 16

/** An origin as a browser reports it: http(s), host and port, nothing after. */
export function isOrigin(value: string): boolean {
  try {
    const url = new URL(value)
    return /^https?:$/.test(url.protocol) && url.origin === value
  } catch {
    return false
  }
}

const EMBED_SCHEMAS = {
  // A list checked in plain code: v.array would join the first paint.
  embedOrigins: v.pipe(
    v.unknown(),
    v.check(
      (origins) =>
        Array.isArray(origins) &&
        origins.length <= MAX_ORIGINS &&
        origins.every((origin) => typeof origin === 'string' && isOrigin(origin)),
      () => t('configMustBeOrigins'),
    ),
  ),
}

/** config.json's embedding keys (raw, as PanelConfig.embed holds them), checked; problems reported. */
export function readEmbedOrigins(raw: Readonly<Record<string, unknown>>): string[] {
  const warnings: string[] = []
  const read = readKeys({ ...raw }, EMBED_SCHEMAS, '', warnings) as { embedOrigins?: string[] }
  reportConfigWarnings(warnings)
  return read.embedOrigins ?? []
}

export interface EmbedBridgeOptions {
  config: PanelConfig
  /** Shows a route (the app, rendered again: what is kept in memory, such as the token, stays). */
  show: (route: Route) => void
  /** The live connection's state, for a host when no call is open. */
  hubState: () => string
  /** The panel's window (tests give their own). */
  window?: Window
}

export interface RecordingPanelMethods {
  setAccessToken: (token: string | undefined) => void
  getState: () => PanelState
  pause: () => Promise<void>
  resume: () => Promise<void>
  togglePause: () => Promise<void>
  /** Throws when the call cannot be opened (why, in its message). */
  openCall: (call: { ucc: string; correlationId: string; agent?: string }) => void
  onStateChange: (listener: (state: PanelState) => void) => () => void
}

/** Starts listening; returns a function that stops. Sends `ready` to the embedding page. */
export function startEmbedBridge(options: EmbedBridgeOptions): () => void {
  const win = options.window ?? window
  const allowed = new Set([...readEmbedOrigins(options.config.embed), win.location.origin])

  /** Switches to another call without a reload; returns why it cannot (null: done). */
  const openCall = (call: { ucc: string; correlationId: string; agent?: string }) => {
    const current = new URLSearchParams(win.location.search)
    const params = new URLSearchParams({ ucc: call.ucc, correlationId: call.correlationId })
    const agent = call.agent ?? current.get('agent')
    if (agent) params.set('agent', agent)
    const route = parseRoute(`?${params}`, options.config)
    if (route.view !== 'agent') return route.problems.join(' ') || t('hostNoCall')
    win.history.replaceState(win.history.state, '', `?${params}`)
    options.show(route)
    return null
  }
  const hosts = new Map<MessageEventSource, string>()
  let ignored = 0
  let lastSent = ''

  const state = (): PanelState =>
    panelLink.get()?.state() ?? {
      recording: 'Unknown',
      marking: 'Unknown',
      saving: 'Unknown',
      confirmed: false,
      hub: options.hubState(),
      pausedSince: null,
      secondsLeft: null,
      callKnown: false,
      call: null,
    }

  const act = (action: 'pause' | 'resume' | 'toggle-pause') => {
    const link = panelLink.get()
    return link
      ? link.act(action)
      : Promise.reject(new EmbedFailure('unknown-call', t('hostNoCall')))
  }

  const post = (target: MessageEventSource, origin: string, message: PanelMessage) =>
    (target as Window).postMessage(message, origin)

  /** Every host that asked, and the embedding page for each allowed origin (the browser delivers
   * only to the one whose origin it is). */
  const broadcast = (message: PanelMessage) => {
    for (const [target, origin] of hosts) post(target, origin, message)
    if (win.parent !== win) {
      for (const origin of allowed) {
        if (hosts.get(win.parent) !== origin) post(win.parent, origin, message)
      }
    }
  }

  const sendStateIfChanged = () => {
    const now = state()
    // The countdown alone is no change: a host counts it down itself.
    const key = JSON.stringify({ ...now, secondsLeft: now.secondsLeft === null })
    if (key === lastSent) return
    lastSent = key
    broadcast(panelMessage({ type: 'state', state: now }))
  }

  const handle = async (message: HostMessage, reply: (message: PanelMessage) => void) => {
    const ok = () => reply(panelMessage({ type: 'result', id: message.id, ok: true }))
    try {
      switch (message.type) {
        case 'get-state':
          reply(panelMessage({ type: 'state', state: state() }))
          return ok()
        case 'set-access-token':
          setAccessToken(message.token || undefined)
          return ok()
        case 'open-call': {
          const problem = openCall(message)
          if (problem) throw new EmbedFailure('invalid-message', problem)
          return ok()
        }
        default:
          await act(message.type)
          return ok()
      }
    } catch (error) {
      const failure =
        error instanceof EmbedFailure
          ? error
          : new EmbedFailure(
              'not-confirmed',
              error instanceof Error ? error.message : String(error),
            )
      reply(
        panelMessage({
          type: 'result',
          id: message.id,
          ok: false,
          error: { type: failure.type, message: failure.message },
        }),
      )
    }
  }

  const onMessage = (event: MessageEvent) => {
    if (!isEmbedEnvelope(event.data) || !event.source) return
    if (!allowed.has(event.origin)) {
      ignored += 1
      // Counted; said at 1, 2, 4, 8, … so that a flood cannot flood the console.
      if ((ignored & (ignored - 1)) === 0) console.warn(t('hostIgnored', ignored, event.origin))
      return
    }
    const source = event.source
    if (!hosts.has(source) && hosts.size < MAX_HOSTS) hosts.set(source, event.origin)
    const reply = (message: PanelMessage) => post(source, event.origin, message)
    const read = readHostMessage(event.data)
    if (read.ok) void handle(read.message, reply)
    else if (read.id)
      reply(
        panelMessage({
          type: 'result',
          id: read.id,
          ok: false,
          error: { type: 'invalid-message', message: read.problem },
        }),
      )
  }

  win.addEventListener('message', onMessage)
  const unsubscribe = panelLink.subscribe(sendStateIfChanged)

  const methods: RecordingPanelMethods = {
    setAccessToken,
    getState: state,
    pause: () => act('pause'),
    resume: () => act('resume'),
    togglePause: () => act('toggle-pause'),
    openCall(call) {
      const problem = openCall(call)
      if (problem) throw new EmbedFailure('invalid-message', problem)
    },
    onStateChange(listener) {
      return panelLink.subscribe(() => listener(state()))
    },
  }
  win.recordingPanel = Object.assign(win.recordingPanel ?? {}, methods)

  broadcast(panelMessage({ type: 'ready' }))
  sendStateIfChanged()
  return () => {
    win.removeEventListener('message', onMessage)
    unsubscribe()
  }
}
