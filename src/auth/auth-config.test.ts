import { expect, test } from 'vitest'
import { parseConfig } from '../app/config.ts'
import { isAuthority, isClientId, isRedirectPath, isScope, readAuthConfig } from './auth-config.ts'

const AUTH = {
  authority: 'https://login.anywhere365.cloud/auth/realms/0f8fad5b-d9cb-469f-a165-70867728950e',
  clientId: 'recording-panel',
  scope: 'openid profile recording',
  redirectPath: '/panel/',
}

test('config.json passes `auth` on as given, without an unknown-key warning; without it, none', () => {
  expect(parseConfig({ auth: AUTH })).toEqual({
    config: expect.objectContaining({ auth: AUTH }),
    warnings: [],
  })
  expect(parseConfig({}).config.auth).toBeUndefined()
})

test('a valid auth is read as given', () => {
  const warnings: string[] = []
  expect(readAuthConfig(AUTH, '/', warnings)).toEqual(AUTH)
  expect(warnings).toEqual([])
})

test('scope and redirectPath default to openid profile and the panel’s own path', () => {
  const warnings: string[] = []
  const { authority, clientId } = AUTH
  expect(readAuthConfig({ authority, clientId }, '/recording/', warnings)).toEqual({
    authority,
    clientId,
    scope: 'openid profile',
    redirectPath: '/recording/',
  })
  expect(warnings).toEqual([])
})

test('no auth: no sign-in, no warning', () => {
  const warnings: string[] = []
  expect(readAuthConfig(undefined, '/', warnings)).toBeUndefined()
  expect(warnings).toEqual([])
})

test.each([
  ['authority', 'javascript:alert(1)', 'auth.authority'],
  ['authority', 'http://login.example.com/realms/x', 'auth.authority'],
  ['authority', 'https://user:pass@login.example.com', 'auth.authority'],
  ['authority', 'https://login.example.com/?realm=x', 'auth.authority'],
  ['clientId', '', 'auth.clientId'],
  ['clientId', 'two words', 'auth.clientId'],
  ['clientId', 42, 'auth.clientId'],
  ['scope', 'profile recording', 'auth.scope'],
  ['scope', 'openid  profile', 'auth.scope'],
  ['scope', 'openid "x"', 'auth.scope'],
  ['redirectPath', 'https://evil.example/', 'auth.redirectPath'],
  ['redirectPath', '//evil.example/', 'auth.redirectPath'],
  ['redirectPath', 'panel/', 'auth.redirectPath'],
  ['redirectPath', '/?x=1', 'auth.redirectPath'],
])('%s %j is refused with a warning naming %s, and sign-in stays off', (key, value, named) => {
  const warnings: string[] = []
  expect(readAuthConfig({ ...AUTH, [key]: value }, '/', warnings)).toBeUndefined()
  expect(warnings[0]).toContain(`"${named}"`)
  expect(warnings.at(-1)).toContain('sign-in ("auth") is off')
})

test('authority and clientId are required; auth must be an object', () => {
  const warnings: string[] = []
  expect(readAuthConfig({ clientId: 'x' }, '/', warnings)).toBeUndefined()
  expect(warnings[0]).toBe('config.json: "auth.authority" is required; using the default.')
  const more: string[] = []
  expect(readAuthConfig('https://login.example.com', '/', more)).toBeUndefined()
  expect(more[0]).toContain('"auth" must be an object with authority and clientId')
})

test('an unknown key in auth is reported, and sign-in still works', () => {
  const warnings: string[] = []
  expect(readAuthConfig({ ...AUTH, audience: 'x' }, '/', warnings)).toEqual(AUTH)
  expect(warnings).toEqual(['config.json: unknown keys ignored: auth.audience.'])
})

test('plain http only on loopback; scope values and client ids as providers issue them', () => {
  expect(isAuthority('http://127.0.0.1:5101')).toBe(true)
  expect(isAuthority('http://localhost:8080/realms/dev')).toBe(true)
  expect(isAuthority('http://[::1]:5101')).toBe(true)
  expect(isAuthority('http://10.0.0.1:5101')).toBe(false)
  expect(isScope('openid')).toBe(true)
  expect(isScope('openid profile offline_access')).toBe(true)
  expect(isScope('openid\tprofile')).toBe(false)
  expect(isClientId('x'.repeat(200))).toBe(true)
  expect(isClientId('x'.repeat(201))).toBe(false)
  expect(isRedirectPath('/')).toBe(true)
  expect(isRedirectPath('/recording/panel/')).toBe(true)
  expect(isRedirectPath('//evil.example/')).toBe(false)
  expect(isRedirectPath('/#x')).toBe(false)
})
