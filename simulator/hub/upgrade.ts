import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { WebSocketServer } from 'ws'
import type { Access } from './access.ts'
import { newId, withVerdict } from './access.ts'
import { rejectUpgrade } from './http-answers.ts'
import type { Registry } from './registry.ts'
import { TransportKind } from './transport.ts'
import { createWebSocketTransport } from './web-socket-transport.ts'

/** What the WebSocket upgrade needs from the hub around it. */
export interface UpgradeContext {
  access: Access
  registry: Registry
  webSockets: WebSocketServer
  closed(): boolean
}

/** The WebSocket transport's start: an upgrade for a negotiated connection, or (no `?id=`) for a
 *  client that skipped negotiation. */
export function createUpgrade(context: UpgradeContext) {
  const { access, registry, webSockets } = context
  /** Tokens whose WebSocket upgrade is under way, so a racing second socket gets 409. */
  const upgrading = new Set<string>()

  /** No id: the client skipped negotiation, and the socket gets a connection of its own once
   *  `ws` has accepted the upgrade (a malformed one leaves nothing behind). */
  function upgradeWithoutNegotiation(req: IncomingMessage, socket: Duplex, head: Buffer) {
    webSockets.handleUpgrade(req, socket, head, (webSocket) => {
      if (context.closed()) {
        webSocket.terminate()
        return
      }
      const connection = registry.register(newId(), newId())
      registry.attach(connection, createWebSocketTransport(webSocket, connection.events))
    })
  }

  /** A promise when the token is being verified. */
  return function upgrade(
    req: IncomingMessage,
    socket: Duplex,
    head: Buffer,
    url: URL,
  ): void | Promise<void> {
    if (context.closed()) return rejectUpgrade(socket, 503, 'The hub is shutting down.')
    if (req.method !== 'GET') return rejectUpgrade(socket, 405, '', { Allow: 'GET' })
    return withVerdict(access.check(req, url), (verdict) => {
      if (socket.destroyed) return
      if (!verdict.ok) {
        return rejectUpgrade(socket, 401, '', { 'WWW-Authenticate': verdict.challenge })
      }
      if (context.closed()) return rejectUpgrade(socket, 503, 'The hub is shutting down.')
      upgradeAllowed(req, socket, head, url)
    })
  }

  function upgradeAllowed(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
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
      if (connection.ended || context.closed()) {
        webSocket.terminate()
        return
      }
      registry.attach(connection, createWebSocketTransport(webSocket, connection.events))
    })
  }
}
