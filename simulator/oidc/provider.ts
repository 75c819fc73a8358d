// `--oidc`: a real OpenID Provider (oidc-provider, OpenID Certified) on its own loopback port, with
// one public client for the panel (Authorization Code + PKCE S256, rotating refresh tokens) and
// JWT access tokens for the attendant service's API (RFC 8707 resource indicators, RFC 9068). Its
// signing key is made at start, so tokens of an earlier run are refused. REST and the hub check
// tokens with the verifier it hands out, against its public keys, never over the network.
import { randomBytes, randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose'
import type { JWK } from 'jose'
import Provider, { errors } from 'oidc-provider'
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider'
import { listeningHosts } from '../addresses.ts'
import type { TokenVerifier } from '../bearer.ts'
import type { Clock } from '../clock.ts'
import { sendReply } from '../http.ts'
import { handleInteraction, interactionRoute } from './interactions.ts'
import {
  API_SCOPE,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_OIDC_AUDIENCE,
  DEFAULT_OIDC_CLIENT_ID,
  DEFAULT_REFRESH_TOKEN_TTL_SECONDS,
  SIGNING_ALGORITHM,
  audienceProblem,
  secondsIn,
} from './options.ts'
import type { OidcInfo, OidcOptions } from './options.ts'
import { PAGE_CSP, errorPage, signOutPage, signedOutPage } from './pages.ts'
import { onAllowedOrigin, originsOf, parseRedirects, registeredUris } from './redirects.ts'
import type { Redirects } from './redirects.ts'
import { createStorage } from './storage.ts'
import type { Revoked } from './storage.ts'
import { TEST_USERS } from './users.ts'
import type { TestUser } from './users.ts'
import { createAccessTokenVerifier } from './verifier.ts'

const SCOPES_GRANTED = 'openid profile email offline_access'

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

export interface OidcOutage {
  /** ISO time it ends, or null: until it is ended. */
  until: string | null
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

async function signingKey() {
  const { privateKey, publicKey } = await generateKeyPair(SIGNING_ALGORITHM, { extractable: true })
  const publicJwk = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(publicJwk)
  const described = { kid, alg: SIGNING_ALGORITHM, use: 'sig' }
  return {
    privateKey,
    kid,
    privateJwk: { ...(await exportJWK(privateKey)), ...described } as JWK,
    publicJwk: { ...publicJwk, ...described } as JWK,
  }
}

/** Starts the provider's server; rejects (touching nothing) when the port is taken or an option is wrong. */
export async function startOidcProvider(
  options: OidcOptions,
  context: ProviderContext,
): Promise<OidcProvider> {
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
  const own = [context.simulatorOrigin]
  const redirects = parseRedirects([...own, ...(options.redirectUris ?? [])])
  // Without a list of its own, sign-out may return to wherever sign-in may.
  const postLogout = parseRedirects([
    ...own,
    ...(options.postLogoutRedirectUris ?? originsOf(redirects)),
  ])
  const corsOrigins = new Set([...originsOf(redirects), ...originsOf(postLogout)])
  const { clock, log } = context

  const key = await signingKey()
  const server = createServer()
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, context.host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const issuer = `http://${listeningHosts(context.host)[0] ?? '127.0.0.1'}:${port}`
  const storage = createStorage()

  let provider: Provider
  try {
    provider = new Provider(
      issuer,
      configuration({
        clientId,
        audience,
        accessTtl,
        refreshTtl,
        redirects,
        postLogout,
        corsOrigins,
      }),
    )
  } catch (error) {
    server.close()
    throw error
  }
  provider.on('server_error', (_ctx: unknown, error: unknown) => log(`oidc: ${String(error)}`))
  allowRedirectOrigins(provider, redirects, postLogout)

  function configuration(settings: {
    clientId: string
    audience: string
    accessTtl: number
    refreshTtl: number
    redirects: Redirects
    postLogout: Redirects
    corsOrigins: ReadonlySet<string>
  }): Configuration {
    return {
      adapter: (model: string) => storage.adapterFor(model),
      clients: [
        {
          client_id: settings.clientId,
          token_endpoint_auth_method: 'none',
          application_type: 'web',
          grant_types: ['authorization_code', 'refresh_token'],
          response_types: ['code'],
          redirect_uris: registeredUris(settings.redirects),
          post_logout_redirect_uris: registeredUris(settings.postLogout),
          id_token_signed_response_alg: SIGNING_ALGORITHM,
        },
      ],
      jwks: { keys: [key.privateJwk] },
      cookies: {
        keys: [randomBytes(32).toString('base64url')],
        // Lax, not oidc-provider 8's None: browsers drop SameSite=None cookies without Secure,
        // and this is plain HTTP. Lax still reaches the renewal iframe when the panel and the
        // provider are same-site (the same host name, any port).
        long: { sameSite: 'lax' },
        short: { sameSite: 'lax' },
      },
      claims: {
        openid: ['sub'],
        profile: ['name', 'preferred_username'],
        email: ['email', 'email_verified'],
      },
      // The ID token carries the profile: access tokens are for the API, not for userinfo.
      conformIdTokenClaims: false,
      findAccount: (_ctx, sub) => {
        const user = TEST_USERS.find((candidate) => candidate.sub === sub)
        if (!user) return undefined
        return {
          accountId: user.sub,
          claims: () => ({
            sub: user.sub,
            name: user.name,
            preferred_username: user.username,
            email: user.email,
            email_verified: true,
          }),
        }
      },
      responseTypes: ['code'],
      pkce: { methods: ['S256'], required: () => true },
      issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
      clientBasedCORS: (_ctx, origin, client) =>
        client.clientId === settings.clientId && settings.corsOrigins.has(origin.toLowerCase()),
      interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
      // The panel is the service's own client: consent is given without asking.
      loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
        const { client, session } = ctx.oidc
        if (!client || !session) return undefined
        const grantId =
          ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId) || undefined
        if (grantId) return ctx.oidc.provider.Grant.find(grantId)
        if (!session.accountId || client.clientId !== settings.clientId) return undefined
        const grant = new ctx.oidc.provider.Grant({
          clientId: client.clientId,
          accountId: session.accountId,
        })
        grant.addOIDCScope(SCOPES_GRANTED)
        grant.addResourceScope(settings.audience, API_SCOPE)
        await grant.save()
        return grant
      },
      features: {
        devInteractions: { enabled: false },
        // Its tokens would be for the API, not for userinfo: the ID token has the claims.
        userinfo: { enabled: false },
        revocation: { enabled: true },
        resourceIndicators: {
          enabled: true,
          defaultResource: () => settings.audience,
          useGrantedResource: () => true,
          getResourceServerInfo: (_ctx, indicator) => {
            if (indicator !== settings.audience) throw new errors.InvalidTarget()
            return {
              scope: API_SCOPE,
              audience: settings.audience,
              accessTokenTTL: settings.accessTtl,
              accessTokenFormat: 'jwt',
              jwt: { sign: { alg: SIGNING_ALGORITHM } },
            }
          },
        },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx, form) => {
            ctx.set('Content-Security-Policy', PAGE_CSP)
            ctx.type = 'html'
            ctx.body = signOutPage(form)
          },
          postLogoutSuccessSource: (ctx) => {
            ctx.set('Content-Security-Policy', PAGE_CSP)
            ctx.type = 'html'
            ctx.body = signedOutPage()
          },
        },
      },
      renderError: (ctx, out) => {
        ctx.set('Content-Security-Policy', PAGE_CSP)
        ctx.type = 'html'
        ctx.body = errorPage(String(out.error), out.error_description as string | undefined)
      },
      ttl: {
        AccessToken: settings.accessTtl,
        IdToken: settings.accessTtl,
        AuthorizationCode: 60,
        Interaction: 10 * 60,
        Session: settings.refreshTtl,
        Grant: settings.refreshTtl,
        // As oidc-provider's default: a rotated public-client token keeps what was left of the
        // one it replaces, so rotation never extends the sign-in.
        RefreshToken: (ctx, token, client) => {
          const rotated = ctx?.oidc.entities.RotatedRefreshToken
          if (rotated && client.clientAuthMethod === 'none' && !token.isSenderConstrained()) {
            return rotated.remainingTTL
          }
          return settings.refreshTtl
        },
      },
    }
  }

  let outageUntil: number | undefined
  function inOutage(): boolean {
    if (outageUntil === undefined) return false
    if (clock.now() < outageUntil) return true
    outageUntil = undefined
    return false
  }

  const callback = provider.callback()
  const interactionContext = { provider, clientId, log }

  function refuseInOutage(req: IncomingMessage, res: ServerResponse): void {
    req.resume()
    // The panel's origin may read the 503, as it may read the token endpoint's answers.
    const headers: Record<string, string> = { Vary: 'Origin' }
    const origin = req.headers.origin
    if (origin && corsOrigins.has(origin.toLowerCase())) {
      headers['Access-Control-Allow-Origin'] = origin
    }
    if (outageUntil !== undefined && Number.isFinite(outageUntil)) {
      const seconds = Math.ceil((outageUntil - clock.now()) / 1000)
      headers['Retry-After'] = String(Math.max(1, seconds))
    }
    sendReply(res, {
      status: 503,
      body: {
        error: 'temporarily_unavailable',
        error_description: 'The OpenID Provider is down (a simulated outage).',
      },
      headers,
    })
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (inOutage()) return refuseInOutage(req, res)
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

  async function mint(request: MintRequest): Promise<Minted> {
    const ttl = request.ttlSeconds ?? accessTtl
    const now = Math.floor(clock.now() / 1000)
    const claims = {
      iss: request.issuer ?? issuer,
      sub: request.user.sub,
      aud: request.audience ?? audience,
      client_id: clientId,
      scope: request.scope ?? API_SCOPE,
      iat: now,
      exp: now + ttl,
      jti: randomUUID(),
    }
    const accessToken = await new SignJWT(claims)
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, typ: 'at+jwt', kid: key.kid })
      .sign(key.privateKey)
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: ttl,
      expiresAt: new Date(claims.exp * 1000).toISOString(),
      claims,
    }
  }

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
    mint,
    revoke: (user) => storage.revokeAccount(user.sub),
    startOutage(ms) {
      outageUntil = ms === undefined ? Number.POSITIVE_INFINITY : clock.now() + ms
    },
    endOutage() {
      outageUntil = undefined
    },
    outage() {
      if (!inOutage() || outageUntil === undefined) return undefined
      return {
        until: Number.isFinite(outageUntil) ? new Date(outageUntil).toISOString() : null,
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

/** oidc-provider matches redirect URIs exactly; an origin entry allows any path on it. */
function allowRedirectOrigins(provider: Provider, redirects: Redirects, postLogout: Redirects) {
  const client = provider.Client.prototype
  const exactRedirect = client.redirectUriAllowed
  const exactPostLogout = client.postLogoutRedirectUriAllowed
  client.redirectUriAllowed = function (value: string) {
    return exactRedirect.call(this, value) || onAllowedOrigin(value, redirects.origins)
  }
  client.postLogoutRedirectUriAllowed = function (value: string) {
    return exactPostLogout.call(this, value) || onAllowedOrigin(value, postLogout.origins)
  }
}
