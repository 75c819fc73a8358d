import { createConnection, EndKind } from './connection.ts'
import type { Connection, ConnectionSettings } from './connection.ts'
import { TransportKind } from './transport.ts'
import type { Transport } from './transport.ts'

/** The hub's connections by connection token (the `?id=`), with the timers that clean up after them. */
export interface Registry {
  /** A new connection awaiting its transport; its token expires if none comes in time. */
  register(id: string, token: string): Connection
  get(token: string): Connection | undefined
  /** Binds the transport, ending the token's expiry. */
  attach(connection: Connection, transport: Transport): void
  /** Every connection still held, ended long-polling ones included (they answer 204 a while). */
  all(): Connection[]
  /** Connections that have not ended. */
  live(): Connection[]
  /** Drops a connection from the registry at once. */
  forget(connection: Connection): void
  /** Stops every timer (the connections themselves are the caller's to end). */
  clearTimers(): void
}

export interface RegistryOptions {
  settings: ConnectionSettings
  /** A negotiated token never used expires after this. */
  connectionTokenTtlMs: number
  log: (line: string) => void
}

export function createRegistry(options: RegistryOptions): Registry {
  const { settings, connectionTokenTtlMs, log } = options
  const connections = new Map<string, Connection>()
  /** Token expiry and the removal of ended long-polling connections. */
  const housekeeping = new Map<string, NodeJS.Timeout>()

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
    if (connections.get(connection.token) === connection) connections.delete(connection.token)
  }

  function onEnded(connection: Connection, how: EndKind) {
    if (connection.handshaken) log(`hub: ${connection.id} ${how}`)
    if (how === EndKind.Closed && connection.transport?.kind === TransportKind.LongPolling) {
      schedule(connection.token, settings.clientTimeoutMs, () => forget(connection))
    } else {
      forget(connection)
    }
  }

  return {
    register(id, token) {
      const connection = createConnection({ id, token, settings, log, onEnded })
      connections.set(token, connection)
      schedule(token, connectionTokenTtlMs, () => {
        if (connection.transport) return
        log(`hub: connection token for ${id} expired unused`)
        connection.stop()
      })
      return connection
    },
    get: (token) => connections.get(token),
    attach(connection, transport) {
      cancelHousekeeping(connection.token)
      connection.attach(transport)
    },
    all: () => [...connections.values()],
    live: () => [...connections.values()].filter((connection) => !connection.ended),
    forget,
    clearTimers() {
      for (const timer of housekeeping.values()) clearTimeout(timer)
      housekeeping.clear()
    },
  }
}
