// Bearer tokens as REST and the hub take them (RFC 6750): what a verifier says about one, and the
// WWW-Authenticate challenge that goes with a refusal.
import type { IncomingMessage } from 'node:http'

/** A token accepted, or refused with the reason (the challenge's error_description). */
export type TokenVerdict = { ok: true } | { ok: false; reason: string }

/** Checks an access token (`--oidc`: signature, issuer, audience, expiry). Never rejects. */
export type TokenVerifier = (token: string) => Promise<TokenVerdict>

/** The challenge for a request without a token (RFC 6750 §3.1: no error code), or for a token
 *  refused for `reason`. error_description allows printable ASCII but `"` and `\`. */
export function bearerChallenge(reason?: string): string {
  if (reason === undefined) return 'Bearer'
  const description = reason.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "'")
  return `Bearer error="invalid_token", error_description="${description}"`
}

/** The token of `Authorization: Bearer <token>`, if the request has one. */
export function bearerToken(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1]?.trim() || undefined
}
