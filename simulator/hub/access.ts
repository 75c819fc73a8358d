import { randomBytes } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

export interface AccessOptions {
  authToken?: string
  negotiateRedirect?: boolean
}

export interface Access {
  /** The request may negotiate or use a transport. */
  allows(req: IncomingMessage, url: URL): boolean
  /** With negotiateRedirect: the request comes back from a redirect, holding the token it was given. */
  returnsFromRedirect(req: IncomingMessage, url: URL): boolean
  /** The configured token, or none needed: what the first, redirecting negotiate asks for. */
  holdsAuthToken(req: IncomingMessage, url: URL): boolean
  issueRedirectToken(): string
}

/** Redirect tokens live as long as the hub, like a long-lived service token; the oldest go first. */
const MAX_REDIRECT_TOKENS = 1000

export function createAccess(options: AccessOptions): Access {
  const { authToken } = options
  const redirectTokens = new Set<string>()
  const tokenRequired = authToken !== undefined || options.negotiateRedirect === true

  const isRedirectToken = (token: string) => redirectTokens.has(token)

  return {
    allows(req, url) {
      if (!tokenRequired) return true
      return presentedTokens(req, url).some(
        (token) => token === authToken || isRedirectToken(token),
      )
    },
    returnsFromRedirect(req, url) {
      return presentedTokens(req, url).some(isRedirectToken)
    },
    holdsAuthToken(req, url) {
      return authToken === undefined || presentedTokens(req, url).includes(authToken)
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

/** `Authorization: Bearer` from HTTP clients; `access_token=` from browser WebSockets and EventSource. */
export function presentedTokens(req: IncomingMessage, url: URL): string[] {
  const tokens: string[] = []
  const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim()
  if (bearer) tokens.push(bearer)
  const query = url.searchParams.get('access_token')
  if (query) tokens.push(query)
  return tokens
}

/** 16 random bytes, URL-safe, as ASP.NET Core makes connection ids and tokens. */
export function newId(): string {
  return randomBytes(16).toString('base64url')
}
