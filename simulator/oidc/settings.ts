// The provider's settings from --oidc's options, checked before anything starts (a wrong one
// throws with the reason): the client id, the API's audience, the lifetimes, and where sign-in
// and sign-out may send the browser, the simulator's own origin always among them.
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_OIDC_AUDIENCE,
  DEFAULT_OIDC_CLIENT_ID,
  DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
  audienceProblem,
  secondsIn,
} from './options.ts'
import type { OidcOptions } from './options.ts'
import { originsOf, parseRedirects } from './redirects.ts'
import type { Redirects } from './redirects.ts'

export interface ProviderSettings {
  clientId: string
  audience: string
  /** Access (and ID) token lifetime, in seconds. */
  accessTtl: number
  /** Refresh token, grant and session lifetime, in seconds. */
  refreshTtl: number
  redirects: Redirects
  postLogout: Redirects
  /** Lower-case origins of both lists: the token endpoint answers them with CORS. */
  corsOrigins: ReadonlySet<string>
}

export function providerSettings(options: OidcOptions, simulatorOrigin: string): ProviderSettings {
  const clientId = (options.clientId ?? DEFAULT_OIDC_CLIENT_ID).trim()
  if (clientId === '') throw new Error('The OIDC client id may not be empty.')
  const audience = options.audience ?? DEFAULT_OIDC_AUDIENCE
  const badAudience = audienceProblem(audience)
  if (badAudience) throw new Error(badAudience)
  const accessTtl = secondsIn(
    options.accessTokenTtlSeconds,
    DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
    'The access token lifetime',
  )
  const refreshTtl = secondsIn(
    options.refreshTokenTtlSeconds,
    DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
    'The refresh token lifetime',
  )
  const own = [simulatorOrigin]
  const redirects = parseRedirects([...own, ...(options.redirectUris ?? [])])
  // Without a list of its own, sign-out may return to wherever sign-in may.
  const postLogout = parseRedirects([
    ...own,
    ...(options.postLogoutRedirectUris ?? originsOf(redirects)),
  ])
  const corsOrigins = new Set([...originsOf(redirects), ...originsOf(postLogout)])
  return { clientId, audience, accessTtl, refreshTtl, redirects, postLogout, corsOrigins }
}
