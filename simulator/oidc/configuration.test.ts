import type { JWK } from 'jose'
import type { Client, KoaContextWithOIDC } from 'oidc-provider'
import type Provider from 'oidc-provider'
import { errors } from 'oidc-provider'
import { expect, test } from 'vitest'
import { allowRedirectOrigins, providerConfiguration } from './configuration.ts'
import { providerSettings } from './settings.ts'
import { createStorage } from './storage.ts'

const settings = providerSettings(
  {
    clientId: 'panel',
    audience: 'https://api.test/recording',
    accessTokenTtlSeconds: 60,
    refreshTokenTtlSeconds: 600,
    redirectUris: ['http://localhost:5173', 'http://127.0.0.1:4173/callback'],
  },
  'http://127.0.0.1:5100',
)
const configuration = providerConfiguration(settings, createStorage(), { kid: 'k' } as JWK)
const ctx = {} as KoaContextWithOIDC
const client = (clientId: string) => ({ clientId }) as Client

test('one public client: code with PKCE, refresh tokens, the redirect URIs and each origin’s root', () => {
  expect(configuration.clients).toEqual([
    {
      client_id: 'panel',
      token_endpoint_auth_method: 'none',
      application_type: 'web',
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      redirect_uris: [
        'http://127.0.0.1:4173/callback',
        'http://127.0.0.1:5100/',
        'http://localhost:5173/',
      ],
      post_logout_redirect_uris: [
        'http://127.0.0.1:5100/',
        'http://localhost:5173/',
        'http://127.0.0.1:4173/',
      ],
      id_token_signed_response_alg: 'ES256',
    },
  ])
  expect(configuration.jwks).toEqual({ keys: [{ kid: 'k' }] })
  expect(configuration.pkce).toMatchObject({ methods: ['S256'] })
  expect(configuration.cookies).toMatchObject({
    long: { sameSite: 'lax' },
    short: { sameSite: 'lax' },
  })
})

test('the test users are the accounts, with their profile claims; nobody else', async () => {
  const account = await configuration.findAccount?.(ctx, 'sip:agent@domain.com')
  expect(account?.accountId).toBe('sip:agent@domain.com')
  expect(await account?.claims('id_token', 'openid', {}, [])).toEqual({
    sub: 'sip:agent@domain.com',
    name: 'Agent',
    preferred_username: 'agent',
    email: 'agent@domain.com',
    email_verified: true,
  })
  expect(await configuration.findAccount?.(ctx, 'sip:nobody@domain.com')).toBeUndefined()
})

test('CORS for the client from the redirect origins only, in any casing', () => {
  const cors = configuration.clientBasedCORS!
  expect(cors(ctx, 'http://LOCALHOST:5173', client('panel'))).toBe(true)
  expect(cors(ctx, 'http://127.0.0.1:4173', client('panel'))).toBe(true)
  expect(cors(ctx, 'http://evil.test', client('panel'))).toBe(false)
  expect(cors(ctx, 'http://localhost:5173', client('another'))).toBe(false)
})

test('JWT access tokens for the API’s audience only; the lifetimes from the settings', async () => {
  const info = configuration.features?.resourceIndicators?.getResourceServerInfo
  expect(await info?.(ctx, 'https://api.test/recording', client('panel'))).toEqual({
    scope: 'recording',
    audience: 'https://api.test/recording',
    accessTokenTTL: 60,
    accessTokenFormat: 'jwt',
    jwt: { sign: { alg: 'ES256' } },
  })
  expect(() => info?.(ctx, 'https://elsewhere.test', client('panel'))).toThrow(errors.InvalidTarget)
  expect(configuration.ttl).toMatchObject({
    AccessToken: 60,
    IdToken: 60,
    AuthorizationCode: 60,
    Interaction: 600,
    Session: 600,
    Grant: 600,
  })
})

test('an origin entry allows any path there, on top of the exact URIs', () => {
  const prototype = {
    redirectUriAllowed: (value: string) => value === 'http://127.0.0.1:4173/callback',
    postLogoutRedirectUriAllowed: (value: string) => value === 'http://127.0.0.1:9/exact',
  }
  allowRedirectOrigins(
    { Client: { prototype } } as unknown as Provider,
    settings.redirects,
    settings.postLogout,
  )
  expect(prototype.redirectUriAllowed('http://127.0.0.1:4173/callback')).toBe(true)
  expect(prototype.redirectUriAllowed('http://localhost:5173/any/path?x=1')).toBe(true)
  expect(prototype.redirectUriAllowed('http://localhost:5173/app#fragment')).toBe(false)
  expect(prototype.redirectUriAllowed('http://127.0.0.1:4173/other')).toBe(false)
  expect(prototype.postLogoutRedirectUriAllowed('http://127.0.0.1:9/exact')).toBe(true)
  expect(prototype.postLogoutRedirectUriAllowed('http://127.0.0.1:4173/bye')).toBe(true)
  expect(prototype.postLogoutRedirectUriAllowed('http://localhost:5174/')).toBe(false)
})
