// `--oidc`: a real OpenID Provider (oidc-provider, OpenID Certified) on its own loopback port, with
// one public client for the panel (Authorization Code + PKCE S256, rotating refresh tokens) and
// JWT access tokens for the attendant service's API (RFC 8707 resource indicators, RFC 9068). Its
// signing key is made at start, so tokens of an earlier run are refused. REST and the hub check
// tokens with the verifier it hands out, against its public keys, never over the network.
// Here: what the simulator holds of it, and its server; configuration.ts says how it behaves.
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import Provider from 'oidc-provider'
import { listeningHosts } from '../addresses.ts'
import type { TokenVerifier } from '../bearer.ts'
import type { Clock } from '../clock.ts'
import { sendReply } from '../http.ts'
import { closeServer, listen } from '../listen.ts'
import { createSigningKey, mintAccessToken } from './access-tokens.ts'
import { allowRedirectOrigins, providerConfiguration } from './configuration.ts'
import { handleInteraction, interactionRoute } from './interactions.ts'
import { API_SCOPE, SIGNING_ALGORITHM } from './options.ts'
import type { OidcInfo, OidcOptions } from './options.ts'
import { createOutage } from './outage.ts'
import type { OidcOutage } from './outage.ts'
import { providerSettings } from './settings.ts'
import { createStorage } from './storage.ts'
import type { Revoked } from './storage.ts'
import { TEST_USERS } from './users.ts'
import type { TestUser } from './users.ts'
import { createAccessTokenVerifier } from './verifier.ts'

export interface MintRequest {
  user: TestUser
  audience?: string
  ttlSeconds?: number
  issuer?: string
  scope?: string
}

export interface Minted {
  accessToken: string
  tokenType: 'Bearer'
  expiresIn: number
  expiresAt: string
  claims: Record<string, unknown>
}

export interface OidcProvider {
  info: OidcInfo
  /** For REST and the hub: a valid access token of this provider, at the simulator's clock. */
  verifyToken: TokenVerifier
  /** An access token for the user signed with the provider's key, as the token endpoint issues
   *  them; audience, lifetime, issuer and scope may be changed to make tokens that must fail. */
  mint(request: MintRequest): Promise<Minted>
  /** Ends the user's sessions and removes their grants, refresh tokens and codes: a refresh or a
   *  silent renewal then fails. Access tokens already issued stay valid until they expire. */
  revoke(user: TestUser): Revoked
  /** Every provider request answers 503 for `ms` (by the simulator's clock), or until ended. */
  startOutage(ms?: number): void
  endOutage(): void
  outage(): OidcOutage | undefined
  close(): Promise<void>
}

export interface ProviderContext {
  /** The simulator's --host; the provider listens there too (loopback only). */
  host: string
  /** The simulator's own origin, always a redirect origin. */
  simulatorOrigin: string
  clock: Clock
  log: (line: string) => void
}

/** Starts the provider's server; rejects (touching nothing) when the port is taken or an option is wrong. */
export async function startOidcProvider(
  options: OidcOptions,
  context: ProviderContext,
): Promise<OidcProvider> {
  const settings = providerSettings(options, context.simulatorOrigin)
  const { clientId, audience, accessTtl, refreshTtl, redirects, postLogout } = settings
  const { clock, log } = context

  const key = await createSigningKey()
  const server = createServer()
  const port = await listen(server, options.port ?? 0, context.host)
  const issuer = `http://${listeningHosts(context.host)[0] ?? '127.0.0.1'}:${port}`
  const storage = createStorage()

  let provider: Provider
  try {
    provider = new Provider(issuer, providerConfiguration(settings, storage, key.privateJwk))
  } catch (error) {
    server.close()
    throw error
  }
  provider.on('server_error', (_ctx: unknown, error: unknown) => log(`oidc: ${String(error)}`))
  allowRedirectOrigins(provider, redirects, postLogout)

  const outage = createOutage(clock, settings.corsOrigins)
  const callback = provider.callback()
  const interactionContext = { provider, clientId, log }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (outage.active()) {
      req.resume()
      // The panel's origin may read the 503, as it may read the token endpoint's answers.
      return sendReply(res, outage.reply(req.headers.origin))
    }
    const pathname = new URL(req.url ?? '/', issuer).pathname
    const route = interactionRoute(pathname)
    if (route) return handleInteraction(req, res, route, interactionContext)
    await callback(req, res)
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = Date.now()
    res.on('finish', () =>
      log(`oidc: ${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`),
    )
    onRequest(req, res).catch((error: unknown) => {
      log(`oidc: ${req.method} ${req.url} failed: ${String(error)}`)
      if (res.headersSent) res.destroy()
      else sendReply(res, { status: 500, body: { error: 'server_error' } })
    })
  })

  const verifyToken = createAccessTokenVerifier({
    jwks: { keys: [key.publicJwk] },
    issuer,
    audience,
    algorithm: SIGNING_ALGORITHM,
    clock,
  })
  const mintDefaults = { issuer, audience, clientId, ttlSeconds: accessTtl, clock }

  const info: OidcInfo = {
    issuer,
    port,
    clientId,
    audience,
    scope: API_SCOPE,
    accessTokenTtlSeconds: accessTtl,
    refreshTokenTtlSeconds: refreshTtl,
    redirectUris: [...redirects.uris, ...redirects.origins],
    postLogoutRedirectUris: [...postLogout.uris, ...postLogout.origins],
    users: TEST_USERS.map(({ username, password, sub }) => ({ username, password, sub })),
  }

  return {
    info,
    verifyToken,
    mint: (request) => mintAccessToken(key, mintDefaults, request),
    revoke: (user) => storage.revokeAccount(user.sub),
    startOutage: (ms) => outage.start(ms),
    endOutage: () => outage.end(),
    outage: () => outage.describe(),
    close: () => closeServer(server),
  }
}
