import { expect, test } from 'vitest'
import { findSecrets } from './check-secrets.ts'

test('finds what leaked credentials look like', () => {
  expect(findSecrets('-----BEGIN RSA PRIVATE KEY-----')).toEqual(['private key'])
  expect(
    findSecrets(
      'x="eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"',
    ),
  ).toContain('JSON Web Token')
  expect(findSecrets('headers: "Bearer abcdefghijklmnopqrstuvwxyz012345"')).toContain(
    'bearer token',
  )
  expect(findSecrets('const config = { clientSecret: "s3cr3t-value-123" }')).toEqual([
    'credential assignment',
  ])
  expect(findSecrets('password = "hunter2hunter2"')).toEqual(['credential assignment'])
})

test('leaves ordinary code alone', () => {
  expect(findSecrets('headers.Authorization = `Bearer ${token}`')).toEqual([])
  expect(findSecrets('accessTokenFactory: () => getAccessToken()')).toEqual([])
  expect(findSecrets('const PASSWORD_FIELD = "password"')).toEqual([])
})
