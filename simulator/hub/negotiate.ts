import type { IncomingMessage } from 'node:http'
import { TransportKind } from './transport.ts'

/** Offered in the client's order of preference. `useStatefulReconnect` is never offered. */
export const availableTransports = [
  { transport: TransportKind.WebSockets, transferFormats: ['Text', 'Binary'] },
  { transport: TransportKind.ServerSentEvents, transferFormats: ['Text'] },
  { transport: TransportKind.LongPolling, transferFormats: ['Text', 'Binary'] },
] as const

export type NegotiateVersion = 0 | 1

/** No `negotiateVersion` means 0; anything above what we speak is answered with 1. */
export function negotiateVersionOf(url: URL): NegotiateVersion {
  const requested = Number.parseInt(url.searchParams.get('negotiateVersion') ?? '', 10)
  return requested >= 1 ? 1 : 0
}

export function negotiateAnswer(
  connectionId: string,
  connectionToken: string,
  version: NegotiateVersion,
) {
  // Version 0 has no separate token: the client sends the connectionId back as `?id=`.
  return version === 0
    ? { connectionId, negotiateVersion: 0, availableTransports }
    : { connectionId, connectionToken, negotiateVersion: 1, availableTransports }
}

/** The hub's absolute URL as this client reached it (the redirect must be absolute: the client
 *  parses it with `new URL`). Behind a proxy, X-Forwarded-Proto/Host tell the outside view. */
export function publicHubUrl(req: IncomingMessage, url: URL, path: string): string {
  const forwardedProto = firstValue(req.headers['x-forwarded-proto'])
  const forwardedHost = firstValue(req.headers['x-forwarded-host'])
  const encrypted = 'encrypted' in req.socket && req.socket.encrypted === true
  const protocol = forwardedProto ?? (encrypted ? 'https' : url.protocol.replace(/:$/, ''))
  const host = forwardedHost ?? req.headers.host ?? url.host
  return `${protocol}://${host}${path}`
}

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header
  return value?.split(',')[0]?.trim() || undefined
}
