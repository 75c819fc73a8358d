import { expect, test } from 'vitest'
import {
  authoritySourcesOf,
  authoritySourcesOfText,
  contentSecurityPolicy,
} from '../deploy/content-security-policy.ts'

test('connect-src gets the sign-in service’s origin from config.json’s auth.authority', () => {
  const config = { auth: { authority: 'https://login.anywhere365.cloud/auth/realms/t-1' } }
  expect(authoritySourcesOf(config)).toEqual(['https://login.anywhere365.cloud'])
  expect(contentSecurityPolicy(authoritySourcesOf(config))).toContain(
    "connect-src 'self' https://login.anywhere365.cloud;",
  )
  expect(
    authoritySourcesOfText(JSON.stringify({ auth: { authority: 'http://127.0.0.1:5101' } })),
  ).toEqual(['http://127.0.0.1:5101'])
})

test('no auth, or an authority that is no http(s) URL: nothing added', () => {
  expect(authoritySourcesOf({})).toEqual([])
  expect(authoritySourcesOf(null)).toEqual([])
  expect(authoritySourcesOf({ auth: { authority: 'javascript:alert(1)' } })).toEqual([])
  expect(authoritySourcesOf({ auth: { authority: "https://a.example'; script-src *" } })).toEqual(
    [],
  )
  expect(authoritySourcesOfText('not json')).toEqual([])
  expect(authoritySourcesOfText(undefined)).toEqual([])
})
