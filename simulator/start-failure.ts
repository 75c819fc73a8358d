// Why the simulator could not start, in words that name what to change.

/** The ports asked for: the simulator's (--port) and its OpenID Provider's (--oidc-port), if any. */
export interface AskedPorts {
  port: number | undefined
  oidcPort: number | undefined
}

/**
 * One line for `error: cannot start the simulator: <line>`. A taken port names the port the
 * system refused (the provider's is said to be the provider's, with its option), not the one the
 * user may have in mind; an address that is not this machine's names the address.
 */
export function describeStartFailure(error: unknown, asked: AskedPorts): string {
  const failure = error as (NodeJS.ErrnoException & { port?: number; address?: string }) | null
  const port = failure?.port
  if (failure?.code === 'EADDRINUSE') {
    if (port !== undefined && port === asked.oidcPort && port !== asked.port)
      return `port ${port} (the OpenID Provider's, --oidc-port) is already in use`
    return `port ${port ?? asked.port} is already in use (--port)`
  }
  if (failure?.code === 'EADDRNOTAVAIL')
    return `${failure.address ?? 'the address'} is not an address of this machine (--host)`
  return String(error)
}
