// A simulated outage of the OpenID Provider (the control API's POST /__sim/oidc/outage): while it
// lasts, by the simulator's clock, every provider request answers 503 temporarily_unavailable,
// readable by the panel's origins as the token endpoint's answers are, with a Retry-After when
// it has an end.
import type { Clock } from '../clock.ts'
import type { Reply } from '../http.ts'

export interface OidcOutage {
  /** ISO time it ends, or null: until it is ended. */
  until: string | null
}

export interface Outage {
  /** For `ms` from now, or (undefined) until ended. */
  start(ms?: number): void
  end(): void
  /** It is on now; once over, it is forgotten. */
  active(): boolean
  /** What the control API says about it; undefined when there is none. */
  describe(): OidcOutage | undefined
  /** The 503 for a request from `origin` (its Origin header), during the outage. */
  reply(origin: string | undefined): Reply
}

export function createOutage(clock: Clock, corsOrigins: ReadonlySet<string>): Outage {
  let until: number | undefined

  function active(): boolean {
    if (until === undefined) return false
    if (clock.now() < until) return true
    until = undefined
    return false
  }

  return {
    start(ms) {
      until = ms === undefined ? Number.POSITIVE_INFINITY : clock.now() + ms
    },
    end() {
      until = undefined
    },
    active,
    describe() {
      if (!active() || until === undefined) return undefined
      return { until: Number.isFinite(until) ? new Date(until).toISOString() : null }
    },
    reply(origin) {
      const headers: Record<string, string> = { Vary: 'Origin' }
      if (origin && corsOrigins.has(origin.toLowerCase())) {
        headers['Access-Control-Allow-Origin'] = origin
      }
      if (until !== undefined && Number.isFinite(until)) {
        const seconds = Math.ceil((until - clock.now()) / 1000)
        headers['Retry-After'] = String(Math.max(1, seconds))
      }
      return {
        status: 503,
        body: {
          error: 'temporarily_unavailable',
          error_description: 'The OpenID Provider is down (a simulated outage).',
        },
        headers,
      }
    },
  }
}
