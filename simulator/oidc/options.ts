// --oidc's options and what the simulator says about its provider: light, so the CLI and the
// simulator load oidc-provider and jose (provider.ts) only when --oidc is on.
import { isLoopback } from '../addresses.ts'

export const DEFAULT_OIDC_CLIENT_ID = 'recording-panel'
export const DEFAULT_OIDC_AUDIENCE = 'https://attendant-service.local/api'
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 300
/** A working day: refresh tokens rotate on use but never outlive the first one's lifetime. */
export const DEFAULT_REFRESH_TOKEN_TTL_SECONDS = 8 * 60 * 60
export const MAX_TOKEN_TTL_SECONDS = 7 * 24 * 60 * 60
/** The scope of the attendant service's API that access tokens carry. */
export const API_SCOPE = 'recording'
export const SIGNING_ALGORITHM = 'ES256'

/** `SimulatorOptions.oidc`: all optional; `{}` runs the provider with the defaults. */
export interface OidcOptions {
  /** Port of the provider's own server; 0 (the default) picks a free one. The CLI's default is 5101. */
  port?: number
  /** The panel's client id, default `recording-panel`. */
  clientId?: string
  /** Redirect URIs the client may use: a whole URI (`http://localhost:5173/callback`, that one
   *  only) or an origin (`http://localhost:5173`, any path there), on a loopback host. The
   *  simulator's own origin is always allowed (a panel served with --static). */
  redirectUris?: readonly string[]
  /** Where the provider may send the browser after sign-out, in the same form. Default: the
   *  origins of redirectUris. */
  postLogoutRedirectUris?: readonly string[]
  /** The API's resource indicator: the access tokens' `aud`. */
  audience?: string
  /** Access token (and ID token) lifetime, default 300. */
  accessTokenTtlSeconds?: number
  /** Refresh token and session lifetime, default 28 800 (8 hours). */
  refreshTokenTtlSeconds?: number
}

export interface OidcUser {
  username: string
  password: string
  sub: string
}

/** What the simulator says about its provider (`Simulator.oidc`, `GET /__sim/oidc`). */
export interface OidcInfo {
  /** `http://127.0.0.1:<port>`; discovery at `${issuer}/.well-known/openid-configuration`. */
  issuer: string
  port: number
  clientId: string
  audience: string
  scope: string
  accessTokenTtlSeconds: number
  refreshTokenTtlSeconds: number
  /** Whole redirect URIs, then origins (any path there). */
  redirectUris: string[]
  postLogoutRedirectUris: string[]
  /** Test-only accounts. */
  users: OidcUser[]
}

/** Why --oidc cannot run with these options, or undefined when it can. */
export function oidcProblem(host: string, authToken: string | undefined): string | undefined {
  if (authToken !== undefined) {
    return "--oidc and --auth-token do not go together: with --oidc, REST and the hub take the provider's access tokens only."
  }
  if (!isLoopback(host)) {
    return `--oidc runs on loopback only (its test users' passwords are public), and --host ${host} reaches beyond this machine.`
  }
  return undefined
}

export function secondsIn(value: number | undefined, fallback: number, what: string): number {
  const seconds = value ?? fallback
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > MAX_TOKEN_TTL_SECONDS) {
    throw new Error(`${what} must be a whole number of seconds from 1 to ${MAX_TOKEN_TTL_SECONDS}.`)
  }
  return seconds
}

/** Why `value` cannot be the API's resource indicator (RFC 8707: absolute, no fragment), or undefined. */
export function audienceProblem(value: string): string | undefined {
  try {
    const url = new URL(value)
    if (url.hash === '' && !value.includes('#')) return undefined
  } catch {
    // reported below
  }
  return `'${value}' is not an absolute URI without a fragment, like ${DEFAULT_OIDC_AUDIENCE}.`
}
