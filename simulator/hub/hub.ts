import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { WebSocketServer } from 'ws'
import { createAccess, newId } from './access.ts'
import { createConnection, EndKind } from './connection.ts'
import type { Connection, ConnectionSettings } from './connection.ts'
import {
  answer,
  answerJson,
  answerMethodNotAllowed,
  answerUnauthorized,
  rejectUpgrade,
} from './http-answers.ts'
import { startLongPolling } from './long-polling-transport.ts'
import type { LongPollingTransport } from './long-polling-transport.ts'
import { invocationRecord } from './messages.ts'
import { negotiateAnswer, negotiateVersionOf, publicHubUrl } from './negotiate.ts'
import { startServerSentEvents } from './server-sent-events-transport.ts'
import { TransportKind } from './transport.ts'
import type { Transport } from './transport.ts'
import { createWebSocketTransport } from './web-socket-transport.ts'

export interface HubOptions {
  /** e.g. '/attendantservice/hubs/recording' (no trailing slash) */
  path: string
  /** When set, negotiate and every transport request need `Authorization: Bearer <t>` or `access_token=<t>`; else 401. */
  authToken?: string
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
  connections(): {
    total: number
    webSockets: number
    serverSentEvents: number
    longPolling: number
  }
  close(): Promise<void>
}

const MAX_MESSAGE_BYTES = 1024 * 1024
const ENDPOINT_METHODS = 'GET, POST, DELETE'

const Route = { Negotiate: 'negotiate', Endpoint: 'endpoint' } as const
type Route = (typeof Route)[keyof typeof Route]

export function createHub(options: HubOptions): Hub {
  const path = options.path.replace(/\/+$/, '')
  const log = options.log ?? (() => {})
  const settings: ConnectionSettings = {
    keepAliveMs: options.keepAliveMs ?? 15_000,
    clientTimeoutMs: options.clientTimeoutMs ?? 30_000,
    handshakeTimeoutMs: options.handshakeTimeoutMs ?? 15_000,
    maxRecordBytes: MAX_MESSAGE_BYTES,
  }
  const connectionTokenTtlMs = options.connectionTokenTtlMs ?? 15_000
  const longPollTimeoutMs = options.longPollTimeoutMs ?? 90_000
  const access = createAccess(options)
  const webSockets = new WebSocketServer({
    noServer: true,
    clientTracking: false,
    maxPayload: MAX_MESSAGE_BYTES,
  })

  /** By connection token (the `?id=`); ended long-polling connections stay a while to answer 204. */
  const registry = new Map<string, Connection>()
  /** Token expiry and the removal of ended long-polling connections. */
  const housekeeping = new Map<string, NodeJS.Timeout>()
  /** Tokens whose WebSocket upgrade is under way, so a racing second socket gets 409. */
  const upgrading = new Set<string>()
  /** Tokens with a POST being read: a concurrent one gets 409, as ASP.NET Core answers. */
  const posting = new Set<string>()
  let refusingUntil = 0
  let closed = false

  function routeOf(pathname: string): Route | undefined {
    if (pathname === path || pathname === `${path}/`) return Route.Endpoint
    if (pathname === `${path}/negotiate`) return Route.Negotiate
    return undefined
  }

  function schedule(token: string, ms: number, fn: () => void) {
    clearTimeout(housekeeping.get(token))
    const timer = setTimeout(() => {
      housekeeping.delete(token)
      fn()
    }, ms)
    timer.unref()
    housekeeping.set(token, timer)
  }

  function cancelHousekeeping(token: string) {
    clearTimeout(housekeeping.get(token))
    housekeeping.delete(token)
  }

  function forget(connection: Connection) {
    cancelHousekeeping(connection.token)
    if (registry.get(connection.token) === connection) registry.delete(connection.token)
  }

  function onEnded(connection: Connection, how: EndKind) {
    if (connection.handshaken) log(`hub: ${connection.id} ${how}`)
    if (how === EndKind.Closed && connection.transport?.kind === TransportKind.LongPolling) {
      schedule(connection.token, settings.clientTimeoutMs, () => forget(connection))
    } else {
      forget(connection)
    }
  }

  function register(id: string, token: string): Connection {
    const connection = createConnection({ id, token, settings, log, onEnded })
    registry.set(token, connection)
    schedule(token, connectionTokenTtlMs, () => {
      if (connection.transport) return
      log(`hub: connection token for ${id} expired unused`)
      connection.stop()
    })
    return connection
  }

  function attach(connection: Connection, transport: Transport) {
    cancelHousekeeping(connection.token)
    connection.attach(transport)
  }

  function negotiate(req: IncomingMessage, res: ServerResponse, url: URL) {
    if (req.method !== 'POST') return answerMethodNotAllowed(res, 'POST')
    req.resume()
    if (closed) return answerJson(res, 503, { error: 'The hub is shutting down.' })
    if (Date.now() < refusingUntil) {
      return answerJson(res, 503, { error: 'The hub refuses new connections for now.' })
    }
    if (options.negotiateRedirect && !access.returnsFromRedirect(req, url)) {
      if (!access.holdsAuthToken(req, url)) return answerUnauthorized(res)
      const redirect = {
        url: publicHubUrl(req, url, path),
        accessToken: access.issueRedirectToken(),
      }
      return answerJson(res, 200, redirect)
    }
    if (!access.allows(req, url)) return answerUnauthorized(res)

    const version = negotiateVersionOf(url)
    const id = newId()
    const connection = register(id, version === 0 ? id : newId())
    answerJson(res, 200, negotiateAnswer(connection.id, connection.token, version))
  }

  function endpoint(req: IncomingMessage, res: ServerResponse, url: URL) {
    // Preflights are the composing server's; answer plainly if one gets here.
    if (req.method === 'OPTIONS') return answer(res, 204, '', { Allow: ENDPOINT_METHODS })
    if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'DELETE') {
      return answerMethodNotAllowed(res, ENDPOINT_METHODS)
    }
    if (closed) return answer(res, 503, 'The hub is shutting down.')
    if (!access.allows(req, url)) return answerUnauthorized(res)

    const token = url.searchParams.get('id')
    if (!token) return answer(res, 400, 'Connection ID required')
    const connection = registry.get(token)
    if (!connection) return answer(res, 404, 'No Connection with that ID')

    if (req.method === 'GET') receiveGet(req, res, connection)
    else if (req.method === 'POST') receivePost(req, res, connection)
    else receiveDelete(req, res, connection)
  }

  /** Opens an event stream, or takes a long poll. */
  function receiveGet(req: IncomingMessage, res: ServerResponse, connection: Connection) {
    const kind = (req.headers.accept ?? '').includes('text/event-stream')
      ? TransportKind.ServerSentEvents
      : TransportKind.LongPolling
    const { transport } = connection

    if (transport && transport.kind !== kind) {
      return answer(res, 400, 'Cannot change transports mid-connection.')
    }
    if (isLongPolling(transport)) {
      connection.touch()
      return transport.poll(req, res)
    }
    if (connection.ended) return answer(res, 404, 'No Connection with that ID')
    if (transport) return answer(res, 409, 'An event stream is already open for this connection.')

    if (kind === TransportKind.ServerSentEvents) {
      attach(connection, startServerSentEvents(req, res, connection.events))
    } else {
      attach(connection, startLongPolling(res, longPollTimeoutMs, connection.events))
    }
  }

  /** Client-to-server data for event streams and long polling. */
  function receivePost(req: IncomingMessage, res: ServerResponse, connection: Connection) {
    const { transport, token } = connection
    if (connection.ended) return answer(res, 404, 'No Connection with that ID')
    if (transport?.kind === TransportKind.WebSockets) {
      return answer(res, 405, 'POST requests are not allowed for WebSocket connections.')
    }
    if (!transport) return answer(res, 400, 'The connection has not started a transport.')
    if (posting.has(token)) return answer(res, 409, 'Another send request is in progress.')

    posting.add(token)
    const chunks: Buffer[] = []
    let size = 0
    let tooLarge = false
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_MESSAGE_BYTES) tooLarge = true
      else chunks.push(chunk)
    })
    req.on('error', () => res.destroy())
    req.on('close', () => posting.delete(token))
    req.on('end', () => {
      posting.delete(token)
      if (tooLarge) return answer(res, 413, 'The message is too large.')
      if (connection.ended) return answer(res, 404, 'No Connection with that ID')
      try {
        connection.events.onData(Buffer.concat(chunks))
        answer(res, 200)
      } catch (error) {
        log(`hub: POST for ${connection.id} failed: ${describe(error)}`)
        answer(res, 500)
      }
    })
  }

  /** The long-polling client's goodbye. */
  function receiveDelete(req: IncomingMessage, res: ServerResponse, connection: Connection) {
    req.resume()
    if (connection.transport?.kind !== TransportKind.LongPolling) {
      return answer(res, 400, 'Cannot terminate this connection using the DELETE endpoint.')
    }
    if (!connection.ended) log(`hub: ${connection.id} ended by DELETE`)
    connection.stop()
    answer(res, 202)
  }

  function upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) {
    if (closed) return rejectUpgrade(socket, 503, 'The hub is shutting down.')
    if (req.method !== 'GET') return rejectUpgrade(socket, 405, '', { Allow: 'GET' })
    if (!access.allows(req, url)) {
      return rejectUpgrade(socket, 401, '', { 'WWW-Authenticate': 'Bearer' })
    }

    const token = url.searchParams.get('id')
    if (token === null) return upgradeWithoutNegotiation(req, socket, head)
    const connection = registry.get(token)
    if (!connection || connection.ended) {
      return rejectUpgrade(socket, 404, 'No Connection with that ID')
    }
    if (connection.transport || upgrading.has(token)) {
      return connection.transport && connection.transport.kind !== TransportKind.WebSockets
        ? rejectUpgrade(socket, 400, 'Cannot change transports mid-connection.')
        : rejectUpgrade(socket, 409, 'A WebSocket is already open for this connection.')
    }

    upgrading.add(token)
    socket.once('close', () => upgrading.delete(token))
    webSockets.handleUpgrade(req, socket, head, (webSocket) => {
      upgrading.delete(token)
      if (connection.ended || closed) {
        webSocket.terminate()
        return
      }
      attach(connection, createWebSocketTransport(webSocket, connection.events))
    })
  }

  /** No id: the client skipped negotiation, and the socket gets a connection of its own once
   *  `ws` has accepted the upgrade (a malformed one leaves nothing behind). */
  function upgradeWithoutNegotiation(req: IncomingMessage, socket: Duplex, head: Buffer) {
    webSockets.handleUpgrade(req, socket, head, (webSocket) => {
      if (closed) {
        webSocket.terminate()
        return
      }
      const connection = register(newId(), newId())
      attach(connection, createWebSocketTransport(webSocket, connection.events))
    })
  }

  function live(): Connection[] {
    return [...registry.values()].filter((connection) => !connection.ended)
  }

  return {
    handleRequest(req, res, url) {
      const route = routeOf(url.pathname)
      if (!route) return false
      try {
        if (route === Route.Negotiate) negotiate(req, res, url)
        else endpoint(req, res, url)
      } catch (error) {
        log(`hub: ${req.method} ${url.pathname} failed: ${describe(error)}`)
        answer(res, 500)
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
      try {
        upgrade(req, socket, head, url)
      } catch (error) {
        log(`hub: upgrade failed: ${describe(error)}`)
        rejectUpgrade(socket, 500)
      }
      return true
    },

    broadcast(target, args) {
      let record: string
      try {
        record = invocationRecord(target, args)
      } catch (error) {
        log(`hub: cannot serialise '${target}': ${describe(error)}`)
        return
      }
      for (const connection of registry.values()) connection.send(record)
    },

    dropAll() {
      for (const connection of registry.values()) {
        connection.drop('dropAll')
        forget(connection)
      }
    },

    closeAll(error, allowReconnect) {
      for (const connection of live()) connection.close(error, allowReconnect)
    },

    refuseNegotiationFor(ms) {
      refusingUntil = ms > 0 ? Date.now() + ms : 0
    },

    connections() {
      const counts = { total: 0, webSockets: 0, serverSentEvents: 0, longPolling: 0 }
      for (const connection of live()) {
        if (!connection.handshaken) continue
        counts.total += 1
        if (connection.transport?.kind === TransportKind.WebSockets) counts.webSockets += 1
        if (connection.transport?.kind === TransportKind.ServerSentEvents)
          counts.serverSentEvents += 1
        if (connection.transport?.kind === TransportKind.LongPolling) counts.longPolling += 1
      }
      return counts
    },

    async close() {
      closed = true
      for (const connection of registry.values()) {
        connection.drop('hub closed')
        forget(connection)
      }
      for (const timer of housekeeping.values()) clearTimeout(timer)
      housekeeping.clear()
      await new Promise<void>((resolve) => webSockets.close(() => resolve()))
    },
  }
}

function isLongPolling(transport: Transport | undefined): transport is LongPollingTransport {
  return transport?.kind === TransportKind.LongPolling
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
