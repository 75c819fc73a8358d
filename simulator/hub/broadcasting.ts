import { invocationRecord } from './messages.ts'
import type { Registry } from './registry.ts'
import { TransportKind } from './transport.ts'

export interface ConnectionCounts {
  total: number
  webSockets: number
  serverSentEvents: number
  longPolling: number
}

/** Sends an Invocation {type:1,target,arguments} with no invocationId to every handshaken client
 *  (the connection drops it for one that is not). A value that cannot be serialised is logged. */
export function broadcast(
  registry: Registry,
  target: string,
  args: unknown[],
  log: (line: string) => void,
): void {
  let record: string
  try {
    record = invocationRecord(target, args)
  } catch (error) {
    log(
      `hub: cannot serialise '${target}': ${error instanceof Error ? error.message : String(error)}`,
    )
    return
  }
  for (const connection of registry.all()) connection.send(record)
}

/** Cuts every transport abruptly (no Close message). */
export function dropAll(registry: Registry, reason: string): void {
  for (const connection of registry.all()) {
    connection.drop(reason)
    registry.forget(connection)
  }
}

/** A Close message {type:7,error,allowReconnect}, then the end, for every live connection. */
export function closeAll(registry: Registry, error?: string, allowReconnect?: boolean): void {
  for (const connection of registry.live()) connection.close(error, allowReconnect)
}

/** Handshaken connections now, by transport. */
export function countConnections(registry: Registry): ConnectionCounts {
  const counts = { total: 0, webSockets: 0, serverSentEvents: 0, longPolling: 0 }
  for (const connection of registry.live()) {
    if (!connection.handshaken) continue
    counts.total += 1
    if (connection.transport?.kind === TransportKind.WebSockets) counts.webSockets += 1
    if (connection.transport?.kind === TransportKind.ServerSentEvents) counts.serverSentEvents += 1
    if (connection.transport?.kind === TransportKind.LongPolling) counts.longPolling += 1
  }
  return counts
}
