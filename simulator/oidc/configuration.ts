// oidc-provider's configuration for the simulator: one public client (the panel) with
// Authorization Code + PKCE S256 and rotating refresh tokens, consent given without asking, JWT
// access tokens for the API's audience only, the simulator's own pages, the lifetimes; and
// redirect origins (any path there) on top of the exact URIs oidc-provider matches.
import { randomBytes } from 'node:crypto'
import type { JWK } from 'jose'
import type Provider from 'oidc-provider'
import { errors } from 'oidc-provider'
import type { Configuration, KoaContextWithOIDC } from 'oidc-provider'
import { API_SCOPE, SIGNING_ALGORITHM } from './options.ts'
import { PAGE_CSP, errorPage, signOutPage, signedOutPage } from './pages.ts'
import { onAllowedOrigin, registeredUris } from './redirects.ts'
import type { Redirects } from './redirects.ts'
import type { ProviderSettings } from './settings.ts'
import type { Storage } from './storage.ts'
import { TEST_USERS } from './users.ts'

const SCOPES_GRANTED = 'openid profile email offline_access'

export function providerConfiguration(
  settings: ProviderSettings,
  storage: Storage,
  signingJwk: JWK,
): Configuration {
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
    jwks: { keys: [signingJwk] },
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

/** oidc-provider matches redirect URIs exactly; an origin entry allows any path on it. */
export function allowRedirectOrigins(
  provider: Provider,
  redirects: Redirects,
  postLogout: Redirects,
) {
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
