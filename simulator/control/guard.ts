// Who may use the control API. A browser page on another origin can send a simple request
// (no-cors, text/plain, no preflight), and a page on a rebound DNS name reaches 127.0.0.1 with its
// own Host: so the control API answers only JSON requests, from no foreign Origin, naming a
// loopback or configured Host, with the control token when there is one. No CORS header is ever
// sent for it.
import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { isLoopback } from '../addresses.ts'
import { message } from '../http.ts'
import type { Reply } from '../http.ts'

export interface ControlAccess {
  /** Every control request must carry `Authorization: Bearer <token>`; undefined: none needed. */
  token: string | undefined
  /** Host names (lowercase, no port) requests may name besides loopback ones. */
  hosts: ReadonlySet<string>
  /** Origins (lowercase) that may send requests besides the simulator's own. */
  origins: ReadonlySet<string>
}

function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined
  try {
    return new URL(`http://${host}`).hostname.toLowerCase()
  } catch {
    return undefined
  }
}

function sameSecret(presented: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest()
  return timingSafeEqual(digest(presented), digest(expected))
}

/** The refusal for a request that may not use the control API, or undefined when it may. */
export function refuseControl(req: IncomingMessage, access: ControlAccess): Reply | undefined {
  const host = req.headers.host
  const name = hostName(host)
  if (!name || !(isLoopback(name) || access.hosts.has(name))) {
    return message(
      403,
      `The control API answers only requests whose Host is this machine's loopback address or a configured --allowed-host; '${host ?? ''}' is neither.`,
    )
  }
  const origin = req.headers.origin
  if (
    origin !== undefined &&
    origin.toLowerCase() !== `http://${host ?? ''}`.toLowerCase() &&
    !access.origins.has(origin.toLowerCase())
  ) {
    return message(
      403,
      `The control API does not answer pages of another Origin ('${origin}'); allow one with --control-origin.`,
    )
  }
  if (access.token !== undefined) {
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim()
    if (bearer === undefined || !sameSecret(bearer, access.token)) {
      return message(
        401,
        'The control API needs Authorization: Bearer <control token> (--control-token, or --auth-token when no control token is set).',
        { 'WWW-Authenticate': 'Bearer' },
      )
    }
  }
  return undefined
}

/** A request that may change something (any method but GET and HEAD) must say it sends JSON, even
 *  with no body: a browser cannot send that content type cross-origin without a preflight. */
export function refuseContentType(req: IncomingMessage): Reply | undefined {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase()
  if (type === 'application/json') return undefined
  return message(
    415,
    `Control requests other than GET must be sent with Content-Type: application/json (with or without a body); got '${req.headers['content-type'] ?? 'none'}'.`,
  )
}
