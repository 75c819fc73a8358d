// Helpers for tests against the simulator's OpenID Provider (--oidc), its own and end-to-end ones:
// a browser's part of the Authorization Code + PKCE flow done with plain fetch (redirects followed
// by hand, cookies kept: test-browser.ts), the token requests a public client sends, and signIn,
// which does it all and returns the tokens. No oidc-provider here: importing this loads nothing
// heavy.
import { createHash, randomBytes } from 'node:crypto'
import type { OidcInfo } from './options.ts'
import { CookieJar, FlowStopped, browse } from './test-browser.ts'
import { findUser } from './users.ts'

export interface Pkce {
  verifier: string
  challenge: string
}

export function pkce(): Pkce {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

export interface AuthorizeOptions {
  redirectUri: string
  pkce?: Pkce
  scope?: string
  prompt?: string
  /** Typed into the sign-in form if it comes; without them the flow stops at the form. */
  username?: string
  password?: string
}

export interface Authorized {
  /** Where the provider finally sent the browser (the redirect URI with code or error). */
  redirectedTo: URL
  /** The sign-in pages seen on the way. */
  pages: string[]
  state: string
}

/** The authorization request, then every redirect, posting the credentials to the sign-in form when
 *  it appears, until the provider sends the browser back to the redirect URI. */
export async function authorize(
  info: OidcInfo,
  jar: CookieJar,
  options: AuthorizeOptions,
): Promise<Authorized> {
  const state = randomBytes(8).toString('hex')
  const params = new URLSearchParams({
    client_id: info.clientId,
    redirect_uri: options.redirectUri,
    response_type: 'code',
    scope: options.scope ?? 'openid profile',
    state,
    ...(options.pkce
      ? { code_challenge: options.pkce.challenge, code_challenge_method: 'S256' }
      : {}),
    ...(options.prompt ? { prompt: options.prompt } : {}),
  })
  const pages: string[] = []
  let posted = false
  let response = await browse(jar, `${info.issuer}/auth?${params}`)
  for (let hops = 0; hops < 10; hops += 1) {
    const location = response.headers.get('location')
    if (location) {
      const next = new URL(location, info.issuer)
      if (next.origin !== info.issuer) return { redirectedTo: next, pages, state }
      response = await browse(jar, next.href)
      continue
    }
    const page = await response.text()
    pages.push(page)
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1]
    // The form again after the credentials were posted: they were refused.
    if (response.status !== 200 || !action || options.username === undefined || posted) {
      throw new FlowStopped(response.status, page)
    }
    posted = true
    response = await browse(jar, new URL(action, info.issuer).href, {
      form: { username: options.username, password: options.password ?? '' },
    })
  }
  throw new Error('too many redirects')
}

export interface TokenAnswer {
  status: number
  headers: Headers
  body: Record<string, unknown>
}

/** A token request of the public client (no secret). */
export async function tokenRequest(
  info: OidcInfo,
  form: Record<string, string>,
): Promise<TokenAnswer> {
  const response = await fetch(`${info.issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: info.clientId, ...form }).toString(),
  })
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}

/** The code exchanged, with the PKCE verifier. */
export function exchangeCode(
  info: OidcInfo,
  code: string,
  redirectUri: string,
  verifier: string,
): Promise<TokenAnswer> {
  return tokenRequest(info, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri,
    code_verifier: verifier,
  })
}

export function refresh(info: OidcInfo, refreshToken: string): Promise<TokenAnswer> {
  return tokenRequest(info, { grant_type: 'refresh_token', refresh_token: refreshToken })
}

export interface SignInOptions {
  /** A test user's name (`agent`, `supervisor`). */
  username: string
  /** Default: the test user's own password. */
  password?: string
  /** Default: the first allowed origin's root (the simulator's own, unless others were given). */
  redirectUri?: string
  /** Default: `openid profile` and the API's scope. */
  scope?: string
  /** The browser's cookies: pass one to sign in again within the provider's session. */
  jar?: CookieJar
}

/** The tokens a panel holds after sign-in. */
export interface SignedIn {
  accessToken: string
  refreshToken: string
  idToken: string
  expiresIn: number
  scope: string
  /** The provider's cookies after sign-in (its session): a later authorize with prompt=none works. */
  jar: CookieJar
  redirectUri: string
}

/** A redirect URI the provider takes: a whole one if only those were given, else an origin's root. */
export function defaultRedirectUri(info: OidcInfo): string {
  const origin = info.redirectUris.find((uri) => /^https?:\/\/[^/]+$/i.test(uri))
  const uri = origin ? `${origin}/` : info.redirectUris[0]
  if (!uri) throw new Error('the provider allows no redirect URI')
  return uri
}

/** Signs in as a test user with Authorization Code + PKCE, as a browser would (plain fetch), and
 *  exchanges the code: the tokens a panel holds after sign-in. For tests that need a token for
 *  REST or the hub, or a refresh token to revoke. Throws when the provider refuses. */
export async function signIn(info: OidcInfo, options: SignInOptions): Promise<SignedIn> {
  const user = findUser(options.username)
  const password = options.password ?? user?.password ?? ''
  const redirectUri = options.redirectUri ?? defaultRedirectUri(info)
  const jar = options.jar ?? new CookieJar()
  const proof = pkce()
  const { redirectedTo } = await authorize(info, jar, {
    redirectUri,
    pkce: proof,
    scope: options.scope ?? `openid profile ${info.scope}`,
    username: options.username,
    password,
  })
  const code = redirectedTo.searchParams.get('code')
  if (!code) throw new Error(`no code: ${redirectedTo.href}`)
  const tokens = await exchangeCode(info, code, redirectUri, proof.verifier)
  if (tokens.status !== 200) throw new Error(`token endpoint: ${JSON.stringify(tokens.body)}`)
  const { body } = tokens
  return {
    accessToken: String(body.access_token),
    refreshToken: String(body.refresh_token),
    idToken: String(body.id_token),
    expiresIn: Number(body.expires_in),
    scope: String(body.scope ?? ''),
    jar,
    redirectUri,
  }
}

export interface SignOutOptions {
  idTokenHint: string
  /** Default: the provider's own "signed out" page. */
  postLogoutRedirectUri?: string
  state?: string
}

/** RP-initiated logout as a browser does it: the end-session request, then "Sign out" on the
 *  provider's confirmation page. Where the provider sends the browser last (the post-logout
 *  redirect URI with the state, or its own page). */
export async function signOut(
  info: OidcInfo,
  jar: CookieJar,
  options: SignOutOptions,
): Promise<URL> {
  const params = new URLSearchParams({
    id_token_hint: options.idTokenHint,
    ...(options.postLogoutRedirectUri
      ? { post_logout_redirect_uri: options.postLogoutRedirectUri }
      : {}),
    ...(options.state ? { state: options.state } : {}),
  })
  const confirmation = await browse(jar, `${info.issuer}/session/end?${params}`)
  const page = await confirmation.text()
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)?.[1]
  if (confirmation.status !== 200 || !action || !xsrf) {
    throw new FlowStopped(confirmation.status, page)
  }
  const confirmed = await browse(jar, new URL(action, info.issuer).href, {
    form: { xsrf, logout: 'yes' },
  })
  const location = confirmed.headers.get('location')
  if (!location) throw new FlowStopped(confirmed.status, await confirmed.text())
  return new URL(location, info.issuer)
}

/** The provider's description from a running simulator's control API (`GET /__sim/oidc`), for a
 *  test that has the simulator's URL but not its object. */
export async function oidcInfoOf(simulatorUrl: string, controlToken?: string): Promise<OidcInfo> {
  const response = await fetch(`${simulatorUrl.replace(/\/$/, '')}/__sim/oidc`, {
    headers: {
      'Content-Type': 'application/json',
      ...(controlToken ? { Authorization: `Bearer ${controlToken}` } : {}),
    },
  })
  if (response.status !== 200) {
    throw new Error(`GET /__sim/oidc: ${response.status} ${await response.text()}`)
  }
  return (await response.json()) as OidcInfo
}
