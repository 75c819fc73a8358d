import { STATUS_CODES } from 'node:http'
import type { OutgoingHttpHeaders, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'

/** Ends a response in one go. Headers the composing server already set (CORS) are kept. If the
 *  response is already under way or the client has gone, the socket is cut instead. */
export function answer(
  res: ServerResponse,
  status: number,
  body = '',
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent || res.destroyed) {
    res.destroy()
    return
  }
  res.writeHead(status, {
    ...(body ? { 'Content-Type': 'text/plain; charset=utf-8' } : {}),
    ...headers,
    // A 204 must not carry a length.
    ...(status === 204 ? {} : { 'Content-Length': Buffer.byteLength(body) }),
  })
  res.end(body)
}

export function answerJson(res: ServerResponse, status: number, body: unknown): void {
  answer(res, status, JSON.stringify(body), {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-cache',
  })
}

export function answerUnauthorized(res: ServerResponse, challenge = 'Bearer'): void {
  answer(res, 401, '', { 'WWW-Authenticate': challenge })
}

export function answerMethodNotAllowed(res: ServerResponse, allowed: string): void {
  answer(res, 405, `Method not allowed: use ${allowed}.`, { Allow: allowed })
}

/** Refuses an HTTP upgrade with a plain HTTP answer on the raw socket. */
export function rejectUpgrade(
  socket: Duplex,
  status: number,
  body = '',
  headers: Record<string, string> = {},
): void {
  const lines = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    'Connection: close',
    'Content-Type: text/plain; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
  ]
  socket.on('error', () => socket.destroy())
  // The server's sockets allow half-open: destroy once written rather than wait for the client.
  if (socket.writable) socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy())
  else socket.destroy()
}
