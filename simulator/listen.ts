// Starting and stopping a node:http server, for the simulator and its OpenID Provider alike.
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** Listens on `port` (0: any free one) at `host` and resolves with the port; rejects (the port is
 *  taken, the address is not this machine's) with nothing left listening. */
export async function listen(server: Server, port: number, host: string): Promise<number> {
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
