// Why a sign-in or a token renewal did not give a usable token, in the session's terms
// (session.ts): from what oidc-client-ts threw, or from a 401's WWW-Authenticate challenge.

/**
 * Why a sign-in or a renewal did not give a usable token:
 * - unreachable: the provider did not answer, or said it is unavailable (5xx, temporarily_unavailable);
 * - refused: the provider refused (access_denied, invalid_scope, unauthorized_client…);
 * - ended: the provider's session or the refresh token is over (invalid_grant, login_required);
 * - rejected: the recording service refused a token just renewed (another audience, issuer…);
 * - failed: anything else (a callback whose state is unknown or stale, an invalid answer).
 */
export type ProblemKind = 'unreachable' | 'refused' | 'ended' | 'rejected' | 'failed'

export interface SignInProblem {
  kind: ProblemKind
  /** The OAuth error code (RFC 6749), as the provider or the service sent it. */
  error?: string
  /** The provider's or the service's own words (error_description, or the error's message). */
  description?: string
}

const ENDED = /^(invalid_grant|login_required|interaction_required|consent_required)$/
const UNAVAILABLE = /^(temporarily_unavailable|server_error)$/

/** Why an oidc-client-ts call failed, in the session's terms. */
export function problemOf(error: unknown): SignInProblem {
  const response = error as { name?: unknown; error?: unknown; error_description?: unknown }
  if (response?.name === 'ErrorResponse' && typeof response.error === 'string') {
    const code = response.error
    const description =
      typeof response.error_description === 'string' ? response.error_description : undefined
    const kind = UNAVAILABLE.test(code) ? 'unreachable' : ENDED.test(code) ? 'ended' : 'refused'
    return { kind, error: code, description }
  }
  const description = error instanceof Error ? error.message : String(error)
  // fetch failing (TypeError), oidc-client-ts's timeout, or a 5xx without an OAuth error body.
  const unreachable =
    error instanceof TypeError ||
    (error as { name?: unknown })?.name === 'ErrorTimeout' ||
    /\(5\d\d\)/.test(description)
  return { kind: unreachable ? 'unreachable' : 'failed', description }
}

/** The error and error_description of a `WWW-Authenticate: Bearer error="…"` challenge. */
export function challengeProblem(challenge: string | null): SignInProblem {
  const read = (name: string) =>
    new RegExp(`${name}="([^"]*)"`).exec(challenge ?? '')?.[1] || undefined
  return { kind: 'rejected', error: read('error'), description: read('error_description') }
}
