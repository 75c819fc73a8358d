// Starting and stopping a node:http server, for the simulator and its OpenID Provider alike.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * How long an idle kept-alive connection stays open. Node's default (5 s) is far below what the
 * attendant service's hosts keep (IIS 120 s, Kestrel 130 s), and a client that reuses a
 * connection just as the server closes it gets a reset instead of an answer: a read made about 5 s
 * after the last one (a pause guard's limit) then failed on a busy machine. Clients close idle
 * connections well before 120 s.
 */
export const KEEP_ALIVE_MS = 120_000

/** Listens on `port` (0: any free one) at `host` and resolves with the port; rejects (the port is
 *  taken, the address is not this machine's) with nothing left listening. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
  server.keepAliveTimeout = KEEP_ALIVE_MS
  // Node wants the headers' timeout above the keep-alive one, or it may end a reused connection early.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  return (server.address() as AddressInfo).port
}

/** Stops listening and ends every connection, kept-alive ones too; resolves once it is closed. */
export function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve())
    server.closeAllConnections()
  })
}
