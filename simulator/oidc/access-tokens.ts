// The provider's signing key, made at start so that tokens of an earlier run are refused, and
// access tokens minted with it for tests, shaped as the token endpoint issues them (RFC 9068: a
// JWT of type at+jwt for the API's audience, with the client id and the scope).
import { randomUUID } from 'node:crypto'
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose'
import type { JWK } from 'jose'
import type { Clock } from '../clock.ts'
import { API_SCOPE, SIGNING_ALGORITHM } from './options.ts'
import type { MintRequest, Minted } from './provider.ts'

export interface SigningKey {
  privateKey: CryptoKey
  /** The public key's JWK thumbprint, in every token's header. */
  kid: string
  /** For oidc-provider's JWKS: it signs ID and access tokens with it. */
  privateJwk: JWK
  /** For the verifier of REST and the hub. */
  publicJwk: JWK
}

export async function createSigningKey(): Promise<SigningKey> {
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

/** What a token the token endpoint issues has, unless a MintRequest changes it. */
export interface MintDefaults {
  issuer: string
  audience: string
  clientId: string
  ttlSeconds: number
  /** Tokens are issued at its time. */
  clock: Clock
}

export async function mintAccessToken(
  key: SigningKey,
  defaults: MintDefaults,
  request: MintRequest,
): Promise<Minted> {
  const ttl = request.ttlSeconds ?? defaults.ttlSeconds
  const now = Math.floor(defaults.clock.now() / 1000)
  const claims = {
    iss: request.issuer ?? defaults.issuer,
    sub: request.user.sub,
    aud: request.audience ?? defaults.audience,
    client_id: defaults.clientId,
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
