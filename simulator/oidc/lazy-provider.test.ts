import { expect, test } from 'vitest'
import { deferredVerifier } from './lazy-provider.ts'
import type { OidcProvider } from './provider.ts'

test('the deferred verifier refuses every token until there is a provider, then asks it', async () => {
  const held: { provider?: OidcProvider } = {}
  const verify = deferredVerifier(() => held.provider)
  expect(await verify('any')).toEqual({
    ok: false,
    reason: 'the OpenID Provider is not running',
  })
  const asked: string[] = []
  held.provider = {
    verifyToken: (token: string) => {
      asked.push(token)
      return Promise.resolve({ ok: true })
    },
  } as unknown as OidcProvider
  expect(await verify('a.b.c')).toEqual({ ok: true })
  expect(asked).toEqual(['a.b.c'])
})
