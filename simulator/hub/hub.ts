import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import type { TokenVerifier } from '../bearer.ts'
import { createAccess } from './access.ts'
import { broadcast, closeAll, countConnections, dropAll } from './broadcasting.ts'
import type { ConnectionCounts } from './broadcasting.ts'
import type { ConnectionSettings } from './connection.ts'
import { answer, rejectUpgrade } from './http-answers.ts'
import { createHttpEndpoint, describe } from './http-endpoint.ts'
import { negotiate } from './negotiate-request.ts'
import type { NegotiateContext } from './negotiate-request.ts'
import { createRegistry } from './registry.ts'
import { createUpgrade } from './upgrade.ts'

export interface HubOptions {
  /** e.g. '/attendantservice/hubs/recording' (no trailing slash) */
  path: string
  /** When set, negotiate and every transport request need `Authorization: Bearer <t>` or `access_token=<t>`; else 401. */
  authToken?: string
  /** When set, negotiate and every transport request need a bearer token (header or `access_token=`)
   *  this accepts; else 401 with the reason in WWW-Authenticate. */
  verifyToken?: TokenVerifier
  /** Azure SignalR Service style: the first negotiate answers {url, accessToken}; the client negotiates
   *  again at url with that bearer token, which the hub then accepts (on the transports too). */
  negotiateRedirect?: boolean
  /** Default 15000: a {"type":6} ping when nothing was sent for this long (not on long polling). */
  keepAliveMs?: number
  /** Default 30000: drop a client that sent nothing for this long. */
  clientTimeoutMs?: number
  /** Default 15000. */
  handshakeTimeoutMs?: number
  /** Default 15000: a negotiated token never used expires. */
  connectionTokenTtlMs?: number
  /** Default 90000: how long a poll is held. */
  longPollTimeoutMs?: number
  log?: (line: string) => void
}

export interface Hub {
  /** Handles negotiate / SSE / long polling requests for the hub path; returns false (touching nothing) when the URL is not the hub's. */
  handleRequest(req: IncomingMessage, res: ServerResponse, url: URL): boolean
  /** Handles an HTTP upgrade for the hub path; returns false (touching nothing) when it is not the hub's. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean
  /** Sends an Invocation {type:1,target,arguments} with no invocationId to every connected, handshaken client. */
  broadcast(target: string, args: unknown[]): void
  /** Cuts every transport abruptly (no Close message): clients see a dropped connection and reconnect. */
  dropAll(): void
  /** Sends {type:7,error,allowReconnect} then closes every connection. */
  closeAll(error?: string, allowReconnect?: boolean): void
  /** Negotiate answers 503 (with a JSON body {"error": "..."}) until `ms` from now. 0 ends it. */
  refuseNegotiationFor(ms: number): void
  /** Handshaken connections now, by transport. */
  connections(): ConnectionCounts
  close(): Promise<void>
}

const MAX_MESSAGE_BYTES = 1024 * 1024

const Route = { Negotiate: 'negotiate', Endpoint: 'endpoint' } as const
type Route = (typeof Route)[keyof typeof Route]

/** The hub: routes its requests to negotiate, the HTTP endpoint or the WebSocket upgrade, which
 *  share one registry of connections. */
export function createHub(options: HubOptions): Hub {
  const path = options.path.replace(/\/+$/, '')
  const log = options.log ?? (() => {})
  const settings: ConnectionSettings = {
    keepAliveMs: options.keepAliveMs ?? 15_000,
    clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
    maxRecordBytes: MAX_MESSAGE_BYTES,
  }
  const access = createAccess(options)
  const registry = createRegistry({
    settings,
    connectionTokenTtlMs: options.connectionTokenTtlMs ?? 15_000,
    log,
  })
  const webSockets = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: MAX_MESSAGE_BYTES,
  })
  let refusingUntil = 0
  let closed = false
  const isClosed = () => closed

  const negotiateContext: NegotiateContext = {
    path,
    negotiateRedirect: options.negotiateRedirect ?? false,
    access,
    registry,
    closed: isClosed,
    refusing: () => Date.now() < refusingUntil,
  }
  const endpoint = createHttpEndpoint({
    access,
    registry,
    closed: isClosed,
    longPollTimeoutMs: options.longPollTimeoutMs ?? 90_000,
    maxMessageBytes: MAX_MESSAGE_BYTES,
    log,
  })
  const upgrade = createUpgrade({ access, registry, webSockets, closed: isClosed })

  function routeOf(pathname: string): Route | undefined {
    if (pathname === path || pathname === `${path}/`) return Route.Endpoint
    if (pathname === `${path}/negotiate`) return Route.Negotiate
    return undefined
  }

  return {
    handleRequest(req, res, url) {
      const route = routeOf(url.pathname)
      if (!route) return false
      const fail = (error: unknown) => {
        log(`hub: ${req.method} ${url.pathname} failed: ${describe(error)}`)
        answer(res, 500)
      }
      try {
        const handled =
          route === Route.Negotiate
            ? negotiate(negotiateContext, req, res, url)
            : endpoint(req, res, url)
        handled?.catch(fail)
      } catch (error) {
        fail(error)
      }
      return true
    },

    handleUpgrade(req, socket, head) {
      let url: URL
      try {
        url = new URL(req.url ?? '/', 'http://hub.invalid')
      } catch {
        return false
      }
      if (routeOf(url.pathname) !== Route.Endpoint) return false
      const fail = (error: unknown) => {
        log(`hub: upgrade failed: ${describe(error)}`)
        rejectUpgrade(socket, 500)
      }
      try {
        upgrade(req, socket, head, url)?.catch(fail)
      } catch (error) {
        fail(error)
      }
      return true
    },

    broadcast: (target, args) => broadcast(registry, target, args, log),
    dropAll: () => dropAll(registry, 'dropAll'),
    closeAll: (error, allowReconnect) => closeAll(registry, error, allowReconnect),

    refuseNegotiationFor(ms) {
      refusingUntil = ms > 0 ? Date.now() + ms : 0
    },

    connections: () => countConnections(registry),

    async close() {
      closed = true
      dropAll(registry, 'hub closed')
      registry.clearTimers()
      await new Promise<void>((resolve) => webSockets.close(() => resolve()))
    },
  }
}
