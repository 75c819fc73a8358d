// Where the simulator listens, and whether that is beyond this machine: the addresses it prints,
// the Host names its control API answers to, and the WebSocket sources of its CSP.
import { isIP } from 'node:net'
import { networkInterfaces } from 'node:os'
import { webSocketSources } from '../deploy/content-security-policy.ts'

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]', ''])

/** A name or address that only this machine reaches: localhost, 127.0.0.0/8, ::1. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1')
  if (name === 'localhost' || name === '::1') return true
  return isIP(name) === 4 && name.startsWith('127.')
}

export function isWildcard(host: string): boolean {
  return WILDCARDS.has(host)
}

/** A host as it is written in a URL (IPv6 in brackets). */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host
}

/** The addresses a listener on `host` answers on, as URL hosts: every interface's address for a
 *  wildcard (IPv4 only for 0.0.0.0; link-local IPv6 left out), else the host itself. */
export function listeningHosts(host: string): string[] {
  if (!isWildcard(host)) return [urlHost(host.replace(/^\[(.*)\]$/, '$1'))]
  const ipv4Only = host === '0.0.0.0' || host === ''
  const hosts = Object.values(networkInterfaces())
    .flatMap((addresses) => addresses ?? [])
    .filter((address) => address.family === 'IPv4' || (!ipv4Only && address.scopeid === 0))
    .map((address) => urlHost(address.address))
  return [...new Set(hosts)]
}

/** Why the simulator may not listen on `host` with these options, or undefined when it may. */
export function exposureProblem(
  host: string,
  controlToken: string | undefined,
): string | undefined {
  if (isLoopback(host) || controlToken !== undefined) return undefined
  return (
    `listening on ${host || 'every interface'} reaches beyond this machine, and then the control ` +
    `API (/__sim/), which can change any call, needs a token: give --control-token <secret> ` +
    `(or SIMULATOR_CONTROL_TOKEN), or listen on 127.0.0.1.`
  )
}

export interface Listener {
  /** The base URL for clients on this machine (loopback for a wildcard). */
  url: string
  /** Every base URL it answers on. */
  addresses: string[]
  /** Host names (lowercase) the control API answers to besides loopback ones: the listening
   *  names (an IP literal cannot be DNS-rebound; a name was chosen by whoever started it) and the
   *  configured ones. */
  controlHosts: Set<string>
  /** The CSP's connect-src additions: WebSockets to each of those names, loopback included. */
  connectSources: string[]
}

export function describeListener(
  host: string,
  port: number,
  allowedHosts: readonly string[],
): Listener {
  const hosts = listeningHosts(host)
  const addresses = hosts.map((name) => `http://${name}:${port}`)
  const local = host === '::' || host === '[::]' ? '[::1]' : '127.0.0.1'
  const url = isWildcard(host) ? `http://${local}:${port}` : (addresses[0] ?? '')
  const controlHosts = [...hosts, ...allowedHosts].map((name) => name.toLowerCase())
  const loopbackNames = isLoopback(host) || isWildcard(host) ? ['127.0.0.1', 'localhost'] : []
  const connectSources = webSocketSources(
    [...new Set([...loopbackNames, ...controlHosts])]
      // CSP host sources have no syntax for IPv6 literals.
      .filter((name) => !name.startsWith('['))
      .map((name) => `${name}:${port}`),
  )
  return { url, addresses, controlHosts: new Set(controlHosts), connectSources }
}
