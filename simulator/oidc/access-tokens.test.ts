import { decodeProtectedHeader } from 'jose'
import { expect, test } from 'vitest'
import { createManualClock } from '../clock.ts'
import { createSigningKey, mintAccessToken } from './access-tokens.ts'
import { SIGNING_ALGORITHM } from './options.ts'
import { TEST_USERS } from './users.ts'
import { createAccessTokenVerifier } from './verifier.ts'

const [AGENT] = TEST_USERS
const ISSUER = 'http://127.0.0.1:5101'
const AUDIENCE = 'https://attendant-service.local/api'

async function setup() {
  const clock = createManualClock()
  const key = await createSigningKey()
  const verify = createAccessTokenVerifier({
    jwks: { keys: [key.publicJwk] },
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithm: SIGNING_ALGORITHM,
    clock,
  })
  const defaults = { issuer: ISSUER, audience: AUDIENCE, clientId: 'panel', ttlSeconds: 300, clock }
  return { clock, key, verify, defaults }
}

test('the signing key: an ES256 pair described by its thumbprint; a new one every time', async () => {
  const { key } = await setup()
  expect(key.publicJwk).toMatchObject({
    kty: 'EC',
    crv: 'P-256',
    alg: 'ES256',
    use: 'sig',
    kid: key.kid,
  })
  expect(key.publicJwk).not.toHaveProperty('d')
  expect(key.privateJwk).toMatchObject({ kid: key.kid, alg: 'ES256', use: 'sig' })
  expect(key.privateJwk).toHaveProperty('d')
  expect((await createSigningKey()).kid).not.toBe(key.kid)
})

test('a minted token is what the token endpoint issues, at the clock’s time, and the verifier takes it', async () => {
  const { clock, key, verify, defaults } = await setup()
  const minted = await mintAccessToken(key, defaults, { user: AGENT! })
  const now = Math.floor(clock.now() / 1000)
  expect(minted).toMatchObject({
    tokenType: 'Bearer',
    expiresIn: 300,
    expiresAt: new Date((now + 300) * 1000).toISOString(),
    claims: {
      iss: ISSUER,
      sub: 'sip:agent@domain.com',
      aud: AUDIENCE,
      client_id: 'panel',
      scope: 'recording',
      iat: now,
      exp: now + 300,
    },
  })
  expect(decodeProtectedHeader(minted.accessToken)).toEqual({
    alg: 'ES256',
    typ: 'at+jwt',
    kid: key.kid,
  })
  expect(await verify(minted.accessToken)).toEqual({ ok: true })
  clock.advance(303_000)
  expect(await verify(minted.accessToken)).toEqual({
    ok: false,
    reason: 'the access token has expired',
  })
})

test('a request may change the audience, issuer, lifetime and scope, to make tokens that must fail', async () => {
  const { key, verify, defaults } = await setup()
  const other = await mintAccessToken(key, defaults, {
    user: AGENT!,
    audience: 'https://elsewhere.test/api',
    issuer: 'http://127.0.0.1:9',
    ttlSeconds: 5,
    scope: 'nothing',
  })
  expect(other).toMatchObject({
    expiresIn: 5,
    claims: { aud: 'https://elsewhere.test/api', iss: 'http://127.0.0.1:9', scope: 'nothing' },
  })
  expect(await verify(other.accessToken)).toMatchObject({ ok: false })
})
