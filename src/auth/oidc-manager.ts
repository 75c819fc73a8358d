import { InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts'
import type { AuthConfig } from './auth-config.ts'
import type { SignInManager } from './session.ts'

// oidc-client-ts (docs/decisions/0001-runtime-dependencies.md) in a chunk of its own: only a panel
// that signs in itself downloads it (not one without `auth`, nor one framed by a host page).

export function createSignInManager(auth: AuthConfig, location: Location): SignInManager {
  const redirectUri = new URL(auth.redirectPath, location.origin).href
  return new UserManager({
    authority: auth.authority,
    client_id: auth.clientId,
    scope: auth.scope,
    redirect_uri: redirectUri,
    post_logout_redirect_uri: redirectUri,
    response_type: 'code',
    // Tokens live in memory only: a reload signs in again through the provider (its session
    // cookie makes that passwordless). Only the redirect's state (the PKCE verifier, the address
    // to come back to) crosses the round trip, in this tab's sessionStorage, and is removed when read.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: sessionStorage }),
    // session.ts renews (refresh token), with its own timing and retries.
    automaticSilentRenew: false,
    monitorSession: false,
    loadUserInfo: false,
  })
}
