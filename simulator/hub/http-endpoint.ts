import type { IncomingMessage, ServerResponse } from 'node:http'
import { withVerdict } from './access.ts'
import type { Access } from './access.ts'
import type { Connection } from './connection.ts'
import { answer, answerMethodNotAllowed, answerUnauthorized } from './http-answers.ts'
import { startLongPolling } from './long-polling-transport.ts'
import type { LongPollingTransport } from './long-polling-transport.ts'
import type { Registry } from './registry.ts'
import { startServerSentEvents } from './server-sent-events-transport.ts'
import { TransportKind } from './transport.ts'
import type { Transport } from './transport.ts'

const ENDPOINT_METHODS = 'GET, POST, DELETE'

/** What the hub's HTTP endpoint (event streams and long polling) needs from the hub around it. */
export interface EndpointContext {
  access: Access
  registry: Registry
  closed(): boolean
  longPollTimeoutMs: number
  /** The largest POST body (one batch of records). */
  maxMessageBytes: number
  log: (line: string) => void
}

/** The HTTP side of the hub's endpoint: GET opens an event stream or takes a long poll, POST carries
 *  the client's records, DELETE ends long polling. Upgrades to WebSockets go elsewhere. */
export function createHttpEndpoint(context: EndpointContext) {
  const { access, registry, log } = context
  /** Tokens with a POST being read: a concurrent one gets 409, as ASP.NET Core answers. */
  const posting = new Set<string>()

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
      registry.attach(connection, startServerSentEvents(req, res, connection.events))
    } else {
      registry.attach(
        connection,
        startLongPolling(res, context.longPollTimeoutMs, connection.events),
      )
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
      if (size > context.maxMessageBytes) tooLarge = true
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

  /** A promise when the token is being verified. */
  return function endpoint(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): void | Promise<void> {
    // Preflights are the composing server's; answer plainly if one gets here.
    if (req.method === 'OPTIONS') return answer(res, 204, '', { Allow: ENDPOINT_METHODS })
    if (req.method !== 'GET' && req.method !== 'POST' && req.method !== 'DELETE') {
      return answerMethodNotAllowed(res, ENDPOINT_METHODS)
    }
    if (context.closed()) return answer(res, 503, 'The hub is shutting down.')
    return withVerdict(access.check(req, url), (verdict) => {
      if (!verdict.ok) return answerUnauthorized(res, verdict.challenge)
      if (context.closed()) return answer(res, 503, 'The hub is shutting down.')

      const token = url.searchParams.get('id')
      if (!token) return answer(res, 400, 'Connection ID required')
      const connection = registry.get(token)
      if (!connection) return answer(res, 404, 'No Connection with that ID')

      if (req.method === 'GET') receiveGet(req, res, connection)
      else if (req.method === 'POST') receivePost(req, res, connection)
      else receiveDelete(req, res, connection)
    })
  }
}

function isLongPolling(transport: Transport | undefined): transport is LongPollingTransport {
  return transport?.kind === TransportKind.LongPolling
}

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
