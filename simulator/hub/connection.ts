import {
  CLOSED_WITH_AN_ERROR,
  closeRecord,
  completionErrorRecord,
  handshakeAcceptedRecord,
  handshakeRejectedRecord,
  methodDoesNotExist,
  parseClientMessage,
  parseHandshake,
  pingRecord,
} from './messages.ts'
import { createRecordReader } from './records.ts'
import { TransportKind } from './transport.ts'
import type { Transport, TransportEvents } from './transport.ts'

export interface ConnectionSettings {
  keepAliveMs: number
  clientTimeoutMs: number
  handshakeTimeoutMs: number
  maxRecordBytes: number
}

/** How a connection ended: `closed` in good order, `dropped` cut short. */
export const EndKind = { Closed: 'closed', Dropped: 'dropped' } as const
export type EndKind = (typeof EndKind)[keyof typeof EndKind]

export interface ConnectionInit {
  id: string
  /** What the client sends back as `?id=`; equals `id` under negotiate version 0. */
  token: string
  settings: ConnectionSettings
  log: (line: string) => void
  onEnded: (connection: Connection, how: EndKind) => void
}

/** One logical SignalR connection: handshake, records in and out, keep-alive and timeouts. */
export interface Connection {
  readonly id: string
  readonly token: string
  readonly transport: Transport | undefined
  readonly handshaken: boolean
  readonly ended: boolean
  /** Bind these to the transport before handing it to attach(). */
  readonly events: TransportEvents
  attach(transport: Transport): void
  /** Proof of life that carries no data (a long poll arriving). */
  touch(): void
  /** Sends whole records to a handshaken client; dropped silently otherwise. */
  send(records: string): void
  /** Sends a Close message, then ends the transport in good order. */
  close(error?: string, allowReconnect?: boolean): void
  /** Ends the transport in good order without a Close message. */
  stop(): void
  /** Cuts the transport. */
  drop(reason: string): void
}

export function createConnection(init: ConnectionInit): Connection {
  const { id, token, settings, log } = init
  const reader = createRecordReader(settings.maxRecordBytes)
  let transport: Transport | undefined
  let handshaken = false
  let ended = false
  let handshakeTimer: NodeJS.Timeout | undefined
  let clientTimer: NodeJS.Timeout | undefined
  let keepAliveTimer: NodeJS.Timeout | undefined

  function write(records: string) {
    try {
      transport?.send(records)
      keepAliveTimer?.refresh()
    } catch (error) {
      // One broken transport must not stop a broadcast from reaching the others.
      drop(`send failed: ${error instanceof Error ? error.message : String(error)}`)
    }
  }

  function end(how: EndKind) {
    if (ended) return
    ended = true
    clearTimeout(handshakeTimer)
    clearTimeout(clientTimer)
    clearTimeout(keepAliveTimer)
    init.onEnded(connection, how)
  }

  function close(error?: string, allowReconnect?: boolean) {
    if (ended) return
    if (handshaken) write(closeRecord(error, allowReconnect))
    end(EndKind.Closed)
    transport?.close()
  }

  function stop() {
    if (ended) return
    end(EndKind.Closed)
    transport?.close()
  }

  function drop(reason: string) {
    if (ended) return
    log(`hub: dropping ${id} (${reason})`)
    end(EndKind.Dropped)
    transport?.abort()
  }

  function startTimers() {
    handshakeTimer = unrefTimer(settings.handshakeTimeoutMs, () => {
      log(`hub: ${id} sent no handshake within ${settings.handshakeTimeoutMs} ms`)
      stop()
    })
    clientTimer = unrefTimer(settings.clientTimeoutMs, onClientSilent)
  }

  function onClientSilent() {
    if (transport?.isHoldingRequest()) {
      clientTimer?.refresh()
      return
    }
    log(`hub: ${id} was silent for ${settings.clientTimeoutMs} ms`)
    close(undefined, true)
  }

  function completeHandshake() {
    handshaken = true
    clearTimeout(handshakeTimer)
    // Long polling answers every poll within its timeout: no pings there, as in ASP.NET Core.
    if (transport?.kind !== TransportKind.LongPolling) {
      keepAliveTimer = unrefTimer(settings.keepAliveMs, () => write(pingRecord))
    }
    write(handshakeAcceptedRecord)
    log(`hub: ${id} connected over ${transport?.kind}`)
  }

  function onHandshake(record: string) {
    const result = parseHandshake(record)
    if (result.ok) {
      completeHandshake()
      return
    }
    log(`hub: ${id} handshake refused: ${result.error}`)
    transport?.send(handshakeRejectedRecord(result.error))
    stop()
  }

  function onMessage(record: string) {
    const message = parseClientMessage(record)
    switch (message.kind) {
      case 'invocation':
        log(`hub: ${id} invoked unknown method '${message.target}'`)
        if (message.invocationId !== undefined) {
          write(completionErrorRecord(message.invocationId, methodDoesNotExist(message.target)))
        }
        return
      case 'close':
        log(`hub: ${id} closed by the client${message.error ? `: ${message.error}` : ''}`)
        stop()
        return
      case 'invalid':
        log(`hub: ${id} sent an invalid message (${message.reason})`)
        close(CLOSED_WITH_AN_ERROR)
        return
      case 'ping':
      case 'ignored':
        return
    }
  }

  function onData(data: Buffer) {
    if (ended) return
    clientTimer?.refresh()
    try {
      for (const record of reader.push(data)) {
        if (ended) return
        if (handshaken) onMessage(record)
        else onHandshake(record)
      }
    } catch (error) {
      log(`hub: ${id} input failed: ${error instanceof Error ? error.message : String(error)}`)
      if (handshaken) close(CLOSED_WITH_AN_ERROR)
      else stop()
    }
  }

  const connection: Connection = {
    id,
    token,
    get transport() {
      return transport
    },
    get handshaken() {
      return handshaken
    },
    get ended() {
      return ended
    },
    events: {
      onData,
      onEnded: () => {
        if (!ended) log(`hub: ${id} went away`)
        end(EndKind.Dropped)
      },
    },
    attach(next) {
      transport = next
      startTimers()
    },
    touch() {
      clientTimer?.refresh()
    },
    send(records) {
      if (handshaken && !ended) write(records)
    },
    close,
    stop,
    drop,
  }
  return connection
}

function unrefTimer(ms: number, fn: () => void): NodeJS.Timeout {
  const timer = setTimeout(fn, ms)
  timer.unref()
  return timer
}
