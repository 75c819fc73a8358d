import type { IncomingMessage, ServerResponse } from 'node:http'
import { TransportKind } from './transport.ts'
import type { Transport, TransportEvents } from './transport.ts'

/** Opens the event stream on `res`. Client-to-server data arrives by POST, not through here. */
export function startServerSentEvents(
  req: IncomingMessage,
  res: ServerResponse,
  events: Pick<TransportEvents, 'onEnded'>,
): Transport {
  let ended = false
  function end() {
    if (ended) return
    ended = true
    events.onEnded()
  }
  req.on('error', () => res.destroy())
  res.on('error', () => res.destroy())
  res.on('close', end)

  req.socket.setNoDelay(true)
  res.writeHead(200, {
    'Content-Type': 'text/event-stream',
    'Cache-Control': 'no-cache',
    // Compression or proxy buffering would hold events back.
    'Content-Encoding': 'identity',
    'X-Accel-Buffering': 'no',
  })
  // A comment line at once, as ASP.NET Core does: some EventSources open only on the first bytes.
  res.write(':\r\n')

  return {
    kind: TransportKind.ServerSentEvents,
    send(frame) {
      if (!res.writableEnded && !res.destroyed) res.write(toEvent(frame))
    },
    close() {
      if (!res.writableEnded) res.end()
    },
    abort() {
      res.destroy()
    },
    isHoldingRequest: () => false,
  }
}

/** One unnamed event: a `data:` line per line of the payload, then a blank line. */
function toEvent(payload: string): string {
  const lines = payload.split(/\r\n|\r|\n/).map((line) => `data: ${line}\r\n`)
  return `${lines.join('')}\r\n`
}
