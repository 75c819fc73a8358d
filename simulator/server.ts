import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import {
  DEFAULT_HUB_PATH,
  RECORDING_STATE_CHANGED_EVENT,
  recordingApiRoot,
} from '../protocol/wire.ts'
import { systemClock } from './clock.ts'
import type { Clock } from './clock.ts'
import { CONTROL_BASE, handleControl } from './control-api.ts'
import type { ControlContext } from './control/context.ts'
import { applyCors, parseCorsOrigins } from './cors.ts'
import { ErrorStatusMode } from './errors.ts'
import { recordingEventArgument } from './events.ts'
import { createFaults, faultReply } from './faults.ts'
import type { Faults } from './faults.ts'
import { message, notFound, segmentsAfter, sendReply } from './http.ts'
import { createHub } from './hub/hub.ts'
import type { Hub, HubOptions } from './hub/hub.ts'
import { pause } from './pause.ts'
import { createRandom } from './random.ts'
import { handleRest, restSegments } from './rest-api.ts'
import { DEFAULT_DEMO_RATE, ScenarioName, startScenario } from './scenarios.ts'
import type { LoadStatus } from './scenarios.ts'
import { EventCasing } from './settings.ts'
import type { Settings } from './settings.ts'
import { serveStatic } from './static-files.ts'
import { createStore } from './store.ts'
import type { Change, Store } from './store.ts'

export const DEFAULT_HOST = '127.0.0.1'

/** The CLI's options (`--latency` is `latency`, `--static` is `staticDir`), all optional; port 0 picks a free port. */
export interface SimulatorOptions {
  port?: number
  host?: string
  scenario?: ScenarioName
  hubPath?: string
  eventCasing?: EventCasing
  /** Milliseconds added to every REST answer. */
  latency?: number
  authToken?: string
  corsOrigin?: string
  negotiateRedirect?: boolean
  errorStatus?: ErrorStatusMode
  staticDir?: string
  demoRate?: number
  /** Load scenario: calls created at start (and after a reset), default 1000. */
  loadCalls?: number
  /** Load scenario: state changes a second, spread evenly (0: none), default 100. */
  loadEventsPerSecond?: number
  seed?: number
  /** Drives timestamps and the scenarios' timers; a manual clock makes them advance on demand. */
  clock?: Clock
  /** Hub timings (keep-alive, timeouts) for tests. */
  hubTimings?: Pick<
    HubOptions,
    | 'keepAliveMs'
    | 'clientTimeoutMs'
    | 'handshakeTimeoutMs'
    | 'connectionTokenTtlMs'
    | 'longPollTimeoutMs'
  >
  log?: (line: string) => void
}

export interface Simulator {
  url: string
  hubUrl: string
  controlUrl: string
  /** v1 REST base; v2 is the same with `/api/v2/`. */
  restUrl: string
  port: number
  store: Store
  hub: Hub
  faults: Faults
  settings: Settings
  scenario: ScenarioName
  /** The load scenario's rate, calls and counts of changes applied and skipped; undefined for other scenarios. */
  load(): LoadStatus | undefined
  reset(): void
  close(): Promise<void>
}

function urlHost(host: string): string {
  if (host === '0.0.0.0' || host === '') return '127.0.0.1'
  if (host === '::') return '[::1]'
  return host.includes(':') ? `[${host}]` : host
}

function normalizeHubPath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '')
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

function describeChange(change: Change): string {
  const event = change.event ? ` -> event ${change.stateAction}` : ''
  const states = `R${change.recordingState} M${change.markingState} S${change.savingState}`
  return `[${change.source}] ${change.action} ${change.uccName}/${change.correlationId} by ${change.requester} => ${states}${event}`
}

function parseRequestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(`http://simulator.invalid${req.url ?? '/'}`)
  } catch {
    return undefined
  }
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const log = options.log ?? (() => {})
  const clock = options.clock ?? systemClock
  const random = createRandom(options.seed)
  const hubPath = normalizeHubPath(options.hubPath ?? DEFAULT_HUB_PATH)
  const negotiatePath = `${hubPath}/negotiate`.toLowerCase()
  const corsOrigins = parseCorsOrigins(options.corsOrigin)
  const initialSettings: Settings = {
    eventCasing: options.eventCasing ?? EventCasing.Pascal,
    errorStatus: options.errorStatus ?? ErrorStatusMode.Ok,
  }
  const settings: Settings = { ...initialSettings }
  const store = createStore(clock)
  const faults = createFaults()
  const closing = new AbortController()
  const hub = createHub({
    ...options.hubTimings,
    path: hubPath,
    ...(options.authToken === undefined ? {} : { authToken: options.authToken }),
    negotiateRedirect: options.negotiateRedirect ?? false,
    log,
  })

  store.onChange((change) => {
    if (options.log) log(describeChange(change))
    if (!change.event || change.stateAction === null) return
    try {
      hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [
        recordingEventArgument(
          { ...change, stateAction: change.stateAction },
          settings.eventCasing,
        ),
      ])
    } catch (error) {
      log(`broadcast failed: ${String(error)}`)
    }
  })

  const scenarioName = options.scenario ?? ScenarioName.Static
  const scenario = startScenario(scenarioName, {
    store,
    clock,
    random,
    ratePerMinute: options.demoRate ?? DEFAULT_DEMO_RATE,
    ...(options.loadCalls === undefined ? {} : { loadCalls: options.loadCalls }),
    ...(options.loadEventsPerSecond === undefined
      ? {}
      : { loadEventsPerSecond: options.loadEventsPerSecond }),
  })

  function reset(): void {
    store.reset()
    faults.clear()
    hub.refuseNegotiationFor(0)
    Object.assign(settings, initialSettings)
    scenario.reset()
  }

  const controlContext: ControlContext = {
    store,
    settings,
    faults,
    hub,
    random,
    scenario: scenarioName,
    startedAt: Date.now(),
    reset,
    ...(scenario.load ? { load: scenario.load } : {}),
  }

  async function negotiateFault(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<boolean> {
    if (req.method !== 'POST' || url.pathname.toLowerCase() !== negotiatePath) return false
    const fault = faults.take('negotiate')
    if (!fault) return false
    if (fault.kind === 'hang') faults.hold(res)
    else if (await pause(fault.delayMs, closing.signal)) sendReply(res, faultReply(fault))
    return true
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestUrl(req)
    if (!url) return sendReply(res, message(400, 'The request URL is not valid.'))
    applyCors(req, res, corsOrigins)
    if (req.method === 'OPTIONS') return sendReply(res, { status: 204 })
    const control = segmentsAfter(url.pathname, CONTROL_BASE)
    if (control) return handleControl(req, res, control, url, controlContext)
    if (await negotiateFault(req, res, url)) return
    if (hub.handleRequest(req, res, url)) return
    const rest = restSegments(url.pathname)
    if (rest) {
      return handleRest(req, res, rest, {
        store,
        settings,
        faults,
        latencyMs: options.latency ?? 0,
        authToken: options.authToken,
        signal: closing.signal,
      })
    }
    const apiPath = /^\/attendantservice(\/|$)/i.test(url.pathname)
    if (options.staticDir && !apiPath && (await serveStatic(req, res, url, options.staticDir)))
      return
    sendReply(res, notFound())
  }

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    const started = Date.now()
    res.on('finish', () =>
      log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`),
    )
    route(req, res).catch((error: unknown) => {
      log(
        `error in ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      )
      if (res.headersSent) res.destroy()
      else sendReply(res, message(500, 'An error has occurred.'))
    })
  }

  function onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy())
    try {
      if (!hub.handleUpgrade(req, socket, head))
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
    } catch (error) {
      log(`upgrade failed: ${String(error)}`)
      socket.destroy()
    }
  }

  const server = createServer(onRequest)
  server.on('upgrade', onUpgrade)
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(options.port ?? 0, options.host ?? DEFAULT_HOST, () => {
        server.off('error', reject)
        resolve()
      })
    })
  } catch (error) {
    scenario.stop()
    await hub.close()
    throw error
  }

  const port = (server.address() as AddressInfo).port
  const url = `http://${urlHost(options.host ?? DEFAULT_HOST)}:${port}`
  let closed: Promise<void> | undefined

  async function close(): Promise<void> {
    closing.abort()
    scenario.stop()
    faults.clear()
    await hub.close()
    await new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  }

  return {
    url,
    hubUrl: `${url}${hubPath}`,
    controlUrl: `${url}${CONTROL_BASE}`,
    restUrl: `${url}${recordingApiRoot('v1')}`,
    port,
    store,
    hub,
    faults,
    settings,
    scenario: scenarioName,
    load: () => scenario.load?.(),
    reset,
    close: () => (closed ??= close()),
  }
}
