import { createServer } from 'node:http'
import { DEFAULT_HUB_PATH, recordingApiRoot } from '../protocol/wire.ts'
import { describeListener, exposureProblem, isLoopback } from './addresses.ts'
import { feedChanges } from './change-feed.ts'
import { systemClock } from './clock.ts'
import type { Clock } from './clock.ts'
import { CONTROL_BASE } from './control-api.ts'
import { parseCorsOrigins } from './cors.ts'
import { ErrorStatusMode } from './errors.ts'
import { createFaults } from './faults.ts'
import type { Faults } from './faults.ts'
import { createHub } from './hub/hub.ts'
import type { Hub, HubOptions } from './hub/hub.ts'
import { closeServer, listen } from './listen.ts'
import { createRandom } from './random.ts'
import { createRouter } from './request-router.ts'
import { DEFAULT_DEMO_RATE, ScenarioName, startScenario } from './scenarios.ts'
import type { LoadStatus } from './scenarios.ts'
import { EventCasing } from './settings.ts'
import type { Settings } from './settings.ts'
import { deferredVerifier, startLazily } from './oidc/lazy-provider.ts'
import { oidcProblem } from './oidc/options.ts'
import type { OidcInfo, OidcOptions } from './oidc/options.ts'
import type { OidcProvider } from './oidc/provider.ts'
import { createStore } from './store.ts'
import type { Store } from './store.ts'

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
  /** REST and the hub need `Authorization: Bearer <authToken>`; so does the control API unless controlToken is set. */
  authToken?: string
  /** Runs an OpenID Provider on loopback (`{}`: its defaults); REST and the hub then need its
   *  access tokens. Not with authToken, nor beyond loopback. */
  oidc?: OidcOptions
  /** The control API needs `Authorization: Bearer <controlToken>`. Required beyond loopback. */
  controlToken?: string
  /** Host names (no port) the control API answers to besides loopback ones and the listening address. */
  allowedHosts?: readonly string[]
  /** Origins whose pages may use the control API besides the simulator's own. */
  controlOrigins?: readonly string[]
  /** REST and the hub only: the control API never sends CORS headers. */
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
  /** The base URL for clients on this machine (loopback when listening on every interface). */
  url: string
  /** Every base URL it listens on (each interface's address for 0.0.0.0 or ::). */
  addresses: string[]
  /** The address it was asked to listen on (`--host`). */
  host: string
  /** It listens beyond loopback. */
  exposed: boolean
  /** REST and the hub need the --auth-token, or (--oidc) an access token of the provider. */
  restNeedsToken: boolean
  /** The OpenID Provider (--oidc): its issuer, client id, audience, lifetimes and test users. */
  oidc: OidcInfo | undefined
  /** The control API needs a bearer token (--control-token, else the --auth-token). */
  controlNeedsToken: boolean
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

function normalizeHubPath(path: string): string {
  const trimmed = path.trim().replace(/\/+$/, '')
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const host = options.host ?? DEFAULT_HOST
  const controlToken = options.controlToken ?? options.authToken
  const problem =
    exposureProblem(host, options.controlToken) ??
    (options.oidc ? oidcProblem(host, options.authToken) : undefined)
  if (problem) throw new Error(problem)
  const log = options.log ?? (() => {})
  const clock = options.clock ?? systemClock
  const random = createRandom(options.seed)
  const hubPath = normalizeHubPath(options.hubPath ?? DEFAULT_HUB_PATH)
  const initialSettings: Settings = {
    eventCasing: options.eventCasing ?? EventCasing.Pascal,
    errorStatus: options.errorStatus ?? ErrorStatusMode.Ok,
  }
  const settings: Settings = { ...initialSettings }
  const store = createStore(clock)
  const faults = createFaults()
  const closing = new AbortController()
  // The provider starts once the simulator's port is known (its own origin is a redirect origin),
  // before any request can arrive: the verifier is bound then.
  let oidc: OidcProvider | undefined
  const verifyToken = options.oidc ? deferredVerifier(() => oidc) : undefined
  const hub = createHub({
    ...options.hubTimings,
    path: hubPath,
    ...(options.authToken === undefined ? {} : { authToken: options.authToken }),
    ...(verifyToken ? { verifyToken } : {}),
    negotiateRedirect: options.negotiateRedirect ?? false,
    log,
  })

  feedChanges({ store, hub, settings, log: options.log })

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
    oidc?.endOutage()
  }

  // The handlers are attached once the port is known (the CSP and the control API's hosts name
  // it). No request can come before: the listen callback's continuation runs first.
  const server = createServer()
  let port: number
  try {
    port = await listen(server, options.port ?? 0, host)
  } catch (error) {
    scenario.stop()
    await hub.close()
    throw error
  }
  const listener = describeListener(host, port, options.allowedHosts ?? [])
  if (options.oidc) {
    try {
      // Loaded only with --oidc: oidc-provider takes a while to load.
      oidc = await startLazily(options.oidc, {
        host,
        simulatorOrigin: listener.url,
        clock,
        log,
      })
    } catch (error) {
      scenario.stop()
      await hub.close()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      throw error
    }
  }
  const router = createRouter({
    control: {
      access: {
        token: controlToken,
        hosts: listener.controlHosts,
        origins: new Set((options.controlOrigins ?? []).map((origin) => origin.toLowerCase())),
      },
      store,
      settings,
      faults,
      hub,
      random,
      scenario: scenarioName,
      startedAt: Date.now(),
      reset,
      ...(scenario.load ? { load: scenario.load } : {}),
      ...(oidc ? { oidc } : {}),
    },
    rest: {
      store,
      settings,
      faults,
      latencyMs: options.latency ?? 0,
      authToken: options.authToken,
      ...(verifyToken ? { verifyToken } : {}),
      signal: closing.signal,
    },
    hub,
    faults,
    negotiatePath: `${hubPath}/negotiate`.toLowerCase(),
    corsOrigins: parseCorsOrigins(options.corsOrigin),
    staticDir: options.staticDir,
    // A served panel fetches the provider's token endpoint.
    connectSources: oidc ? [...listener.connectSources, oidc.info.issuer] : listener.connectSources,
    signal: closing.signal,
    log,
  })
  server.on('request', router.onRequest)
  server.on('upgrade', router.onUpgrade)
  const { url } = listener
  let closed: Promise<void> | undefined

  async function close(): Promise<void> {
    closing.abort()
    scenario.stop()
    faults.clear()
    await hub.close()
    await Promise.all([oidc?.close(), closeServer(server)])
  }

  return {
    url,
    addresses: listener.addresses,
    host,
    exposed: !isLoopback(host),
    restNeedsToken: options.authToken !== undefined || oidc !== undefined,
    oidc: oidc?.info,
    controlNeedsToken: controlToken !== undefined,
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
