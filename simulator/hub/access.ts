import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import { bearerChallenge, bearerToken } from '../bearer.ts'
import type { TokenVerifier } from '../bearer.ts'

export interface AccessOptions {
  authToken?: string
  /** Every request needs a token this accepts (an OIDC access token); the check is asynchronous. */
  verifyToken?: TokenVerifier
  negotiateRedirect?: boolean
}

/** Allowed, or refused with the WWW-Authenticate challenge of the 401. */
export type AccessVerdict = { ok: true } | { ok: false; challenge: string }

export interface Access {
  /** May the request negotiate or use a transport? Known at once unless tokens are verified. */
  check(req: IncomingMessage, url: URL): AccessVerdict | Promise<AccessVerdict>
  /** With negotiateRedirect: the request comes back from a redirect, holding the token it was given. */
  returnsFromRedirect(req: IncomingMessage, url: URL): boolean
  /** What the first, redirecting negotiate asks for: the configured token or a valid access
   *  token, or nothing when neither is needed. */
  checkBeforeRedirect(req: IncomingMessage, url: URL): AccessVerdict | Promise<AccessVerdict>
  issueRedirectToken(): string
}

/** Redirect tokens live as long as the hub, like a long-lived service token; the oldest go first. */
const MAX_REDIRECT_TOKENS = 1000

const ALLOWED: AccessVerdict = { ok: true }
const NO_TOKEN: AccessVerdict = { ok: false, challenge: bearerChallenge() }

export function createAccess(options: AccessOptions): Access {
  const { authToken, verifyToken } = options
  const redirectTokens = new Set<string>()
  const tokenRequired =
    authToken !== undefined || verifyToken !== undefined || options.negotiateRedirect === true

  const isRedirectToken = (token: string) => redirectTokens.has(token)

  /** The header's token, else the query's, through the verifier. */
  async function verified(verify: TokenVerifier, tokens: string[]): Promise<AccessVerdict> {
    const [token] = tokens
    if (token === undefined) return NO_TOKEN
    const verdict = await verify(token)
    return verdict.ok ? ALLOWED : { ok: false, challenge: bearerChallenge(verdict.reason) }
  }

  return {
    check(req, url) {
      if (!tokenRequired) return ALLOWED
      const tokens = presentedTokens(req, url)
      if (tokens.some(isRedirectToken)) return ALLOWED
      if (verifyToken) return verified(verifyToken, tokens)
      return authToken !== undefined && tokens.includes(authToken) ? ALLOWED : NO_TOKEN
    },
    returnsFromRedirect(req, url) {
      return presentedTokens(req, url).some(isRedirectToken)
    },
    checkBeforeRedirect(req, url) {
      const tokens = presentedTokens(req, url)
      if (verifyToken) return verified(verifyToken, tokens)
      return authToken === undefined || tokens.includes(authToken) ? ALLOWED : NO_TOKEN
    },
    issueRedirectToken() {
      const token = newId()
      redirectTokens.add(token)
      if (redirectTokens.size > MAX_REDIRECT_TOKENS) {
        const oldest = redirectTokens.values().next().value
        if (oldest !== undefined) redirectTokens.delete(oldest)
      }
      return token
    },
  }
}

/** Runs `next` with the verdict: at once when it is known, else once the token is verified (the
 *  promise is then returned, for the caller to catch what `next` throws). */
export function withVerdict(
  verdict: AccessVerdict | Promise<AccessVerdict>,
  next: (verdict: AccessVerdict) => void,
): void | Promise<void> {
  if (verdict instanceof Promise) return verdict.then(next)
  next(verdict)
}

/** `Authorization: Bearer` from HTTP clients; `access_token=` from browser WebSockets and EventSource. */
export function presentedTokens(req: IncomingMessage, url: URL): string[] {
  const tokens: string[] = []
  const bearer = bearerToken(req)
  if (bearer) tokens.push(bearer)
  const query = url.searchParams.get('access_token')
  if (query) tokens.push(query)
  return tokens
}

/** 16 random bytes, URL-safe, as ASP.NET Core makes connection ids and tokens. */
export function newId(): string {
  return randomBytes(16).toString('base64url')
}
