import type { RawData, WebSocket } from 'ws'
import { TransportKind } from './transport.ts'
import type { Transport, TransportEvents } from './transport.ts'

const NORMAL_CLOSURE = 1000

export function createWebSocketTransport(socket: WebSocket, events: TransportEvents): Transport {
  let ended = false
  function end() {
    if (ended) return
    ended = true
    events.onEnded()
  }

  // Text and binary frames alike carry UTF-8 JSON records.
  socket.on('message', (data) => events.onData(toBuffer(data)))
  socket.on('close', end)
  socket.on('error', () => socket.terminate())

  return {
    kind: TransportKind.WebSockets,
    send(frame) {
      if (socket.readyState !== socket.OPEN) return
      socket.send(frame, (error) => {
        if (error) socket.terminate()
      })
    },
    close() {
      if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) {
        socket.close(NORMAL_CLOSURE)
      }
    },
    abort() {
      socket.terminate()
    },
    isHoldingRequest: () => false,
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data
  if (Array.isArray(data)) return Buffer.concat(data)
  return Buffer.from(data)
}
