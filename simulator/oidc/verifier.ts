// How REST and the hub check an access token under --oidc, as a resource server does (RFC 9068):
// a JWT of type at+jwt, signed with a key of the provider's JWKS, from its issuer, for the API's
// audience, not expired. Each refusal says why (the WWW-Authenticate error_description).
import { createLocalJWKSet, errors, jwtVerify } from 'jose'
import type { JSONWebKeySet } from 'jose'
import type { TokenVerifier } from '../bearer.ts'
import type { Clock } from '../clock.ts'

/** How far apart the provider's clock and the verifier's may be. */
export const CLOCK_TOLERANCE_SECONDS = 2

export interface VerifierOptions {
  /** The provider's public keys. */
  jwks: JSONWebKeySet
  issuer: string
  audience: string
  algorithm: string
  /** The time tokens are checked at. */
  clock: Clock
}

export function createAccessTokenVerifier(options: VerifierOptions): TokenVerifier {
  const keys = createLocalJWKSet(options.jwks)
  return async (token) => {
    try {
      await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: [options.algorithm],
        typ: 'at+jwt',
        requiredClaims: ['sub', 'exp'],
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(options.clock.now()),
      })
      return { ok: true }
    } catch (error) {
      return { ok: false, reason: reasonFor(error, options) }
    }
  }
}

function reasonFor(error: unknown, options: VerifierOptions): string {
  if (error instanceof errors.JWTExpired) return 'the access token has expired'
  if (error instanceof errors.JWTClaimValidationFailed) {
    switch (error.claim) {
      case 'iss':
        return `the access token was not issued by ${options.issuer}`
      case 'aud':
        return `the access token is not meant for ${options.audience}`
      case 'typ':
        return 'the token is not an access token (its typ is not at+jwt)'
      case 'nbf':
        return 'the access token is not valid yet'
      default:
        return error.reason === 'missing'
          ? `the access token has no ${error.claim} claim`
          : `the access token's ${error.claim} claim is not valid`
    }
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return 'the access token is not signed by a key of this provider'
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return "the access token's signature does not verify with this provider's key"
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return `the access token is not signed with ${options.algorithm}`
  }
  return 'the access token is not a well-formed signed JWT'
}
