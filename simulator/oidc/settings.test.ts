import { expect, test } from 'vitest'
import { providerSettings } from './settings.ts'

const SIMULATOR = 'http://127.0.0.1:5100'

test('the defaults: the panel’s client id, the API’s audience, 300 s and 8 hours, the simulator’s own origin', () => {
  expect(providerSettings({}, SIMULATOR)).toEqual({
    clientId: 'recording-panel',
    audience: 'https://attendant-service.local/api',
    accessTtl: 300,
    refreshTtl: 28_800,
    redirects: { uris: [], origins: [SIMULATOR] },
    postLogout: { uris: [], origins: [SIMULATOR] },
    corsOrigins: new Set([SIMULATOR]),
  })
})

test('given values are taken; sign-out returns where sign-in may unless it has a list of its own', () => {
  const settings = providerSettings(
    {
      clientId: '  panel ',
      audience: 'https://api.test/recording',
      accessTokenTtlSeconds: 10,
      refreshTokenTtlSeconds: 60,
      redirectUris: ['http://LOCALHOST:5173', 'http://127.0.0.1:4173/callback'],
    },
    SIMULATOR,
  )
  expect(settings).toMatchObject({
    clientId: 'panel',
    audience: 'https://api.test/recording',
    accessTtl: 10,
    refreshTtl: 60,
    redirects: {
      uris: ['http://127.0.0.1:4173/callback'],
      origins: [SIMULATOR, 'http://localhost:5173'],
    },
    postLogout: {
      uris: [],
      origins: [SIMULATOR, 'http://localhost:5173', 'http://127.0.0.1:4173'],
    },
  })
  expect([...settings.corsOrigins]).toEqual([
    SIMULATOR,
    'http://localhost:5173',
    'http://127.0.0.1:4173',
  ])
  const own = providerSettings(
    { redirectUris: ['http://localhost:5173'], postLogoutRedirectUris: ['http://[::1]:8080/bye'] },
    SIMULATOR,
  )
  expect(own.postLogout).toEqual({ uris: ['http://[::1]:8080/bye'], origins: [SIMULATOR] })
  expect(own.corsOrigins).toEqual(
    new Set([SIMULATOR, 'http://localhost:5173', 'http://[::1]:8080']),
  )
})

test.each([
  [{ clientId: '   ' }, /client id may not be empty/],
  [{ audience: 'relative/path' }, /not an absolute URI without a fragment/],
  [{ audience: 'https://api.test/#x' }, /not an absolute URI without a fragment/],
  [{ accessTokenTtlSeconds: 0 }, /access token lifetime must be a whole number of seconds from 1/],
  [{ refreshTokenTtlSeconds: 1.5 }, /refresh token lifetime must be/],
  [{ redirectUris: ['ftp://x'] }, /http or https/],
  [{ redirectUris: ['https://panel.example.com/callback'] }, /loopback/],
  [{ postLogoutRedirectUris: ['http://localhost:5173/#bye'] }, /fragment/],
])('%j is refused with the reason', (options, reason) => {
  expect(() => providerSettings(options, SIMULATOR)).toThrow(reason)
})
