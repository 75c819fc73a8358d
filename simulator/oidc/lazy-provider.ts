// The OpenID Provider as the simulator holds it: oidc-provider and jose take a while to load, so
// provider.ts is imported only when --oidc is on, and REST and the hub get a verifier from the
// start that refuses every token until the provider runs, then asks it.
import type { TokenVerifier } from '../bearer.ts'
import type { OidcOptions } from './options.ts'
import type { OidcProvider, ProviderContext } from './provider.ts'

/** A verifier for REST and the hub that checks tokens with the provider `current` returns. */
export function deferredVerifier(current: () => OidcProvider | undefined): TokenVerifier {
  return (token) => {
    const oidc = current()
    return oidc
      ? oidc.verifyToken(token)
      : Promise.resolve({ ok: false, reason: 'the OpenID Provider is not running' })
  }
}

/** Loads provider.ts (and with it oidc-provider and jose), then starts the provider. */
export async function startLazily(
  options: OidcOptions,
  context: ProviderContext,
): Promise<OidcProvider> {
  const { startOidcProvider } = await import('./provider.ts')
  return startOidcProvider(options, context)
}
