import { challengeProblem, problemOf, type SignInProblem } from './sign-in-problem.ts'

// The panel's sign-in session (OpenID Connect, Authorization Code + PKCE through oidc-client-ts):
// the redirect to the provider and back, the access token handed to REST and the hub (through
// src/app/access-token.ts; REST tells of each 401: tokenRefused), its renewal before it expires, a 401 renewed once and then a prompt
// to sign in again, and sign-out. No React and no oidc-client-ts here: the UserManager comes in as
// a SignInManager (oidc-manager.ts in the browser, a fake in tests). Why a token did not work, in
// the session's terms: sign-in-problem.ts.

/** What the session needs of an oidc-client-ts User. */
export interface SignInUser {
  access_token: string
  /** Seconds the access token has left. */
  expires_in?: number
  profile: { sub: string; name?: string; preferred_username?: string }
  /** What was passed as `state` to signinRedirect: the address to return to. */
  state?: unknown
}

/** What the session needs of oidc-client-ts's UserManager. */
export interface SignInManager {
  signinRedirect(args: { state: unknown }): Promise<void>
  signinCallback(url: string): Promise<SignInUser | undefined>
  /** With a refresh token: a token request, no page and no frame. */
  signinSilent(): Promise<SignInUser | null>
  signoutRedirect(args: { state: unknown }): Promise<void>
  signoutCallback(url: string): Promise<{ userState?: unknown } | undefined>
}

export type AuthStatus =
  | { phase: 'signing-in' }
  | {
      phase: 'signed-in'
      /** Who is signed in (the ID token's name, else preferred_username, else sub). */
      name: string
      /** Set: the token no longer works; the screen stays, and the user is asked to sign in again. */
      prompt: SignInProblem | null
      /** Sign-out could not start (the provider could not be reached): still signed in. */
      signOutProblem?: SignInProblem
      busy?: boolean
    }
  | { phase: 'failed'; problem: SignInProblem }
  | { phase: 'signed-out' }

export interface SessionOptions {
  manager: SignInManager
  /** The page's location and history (tests give their own). */
  window: Pick<Window, 'location' | 'history'>
  setAccessToken: (token: string | undefined) => void
  /** Back at the address first asked for (before the token is handed over and the panel starts). */
  onRestored?: () => Promise<void>
  now?: () => number
}

/** How long before expiry a token is renewed: a fifth of its life, at most a minute. */
export function renewalDelaySeconds(lifetimeSeconds: number): number {
  return Math.max(1, lifetimeSeconds - Math.min(60, lifetimeSeconds * 0.2))
}

/** While the provider cannot be reached and the token still works: try again this often. */
export const RETRY_SECONDS = 5

/** The query parameters a provider's answer adds to the redirect URI. */
const ANSWER_PARAMS = [
  'code',
  'state',
  'session_state',
  'iss',
  'error',
  'error_description',
  'error_uri',
]

export class AuthSession {
  private status: AuthStatus = { phase: 'signing-in' }
  private readonly listeners = new Set<() => void>()
  private readonly now: () => number
  /** The token this session handed over last. */
  private token: string | undefined
  private expiresAt = 0
  /** The token came from a renewal after a 401 (or one the user asked for): a 401 now prompts. */
  private renewedAfterRefusal = false
  private renewing: Promise<boolean> | undefined
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(private readonly options: SessionOptions) {
    this.now = options.now ?? Date.now
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getStatus = (): AuthStatus => this.status

  /**
   * Finishes a sign-in (or sign-out) the provider sent the browser back from, or starts one; calls
   * `start` once signed in, at the address the user first asked for.
   */
  async begin(start: () => void): Promise<void> {
    const { location } = this.options.window
    const params = new URLSearchParams(location.search)
    if (!params.has('state')) return this.redirect()
    if (!params.has('code') && !params.has('error')) return this.finishSignOut()
    try {
      const user = await this.options.manager.signinCallback(location.href)
      if (!user) throw new Error('The sign-in answer was not for this page.')
      this.restore(user.state)
      await this.options.onRestored?.()
      this.adopt(user, false)
      start()
    } catch (error) {
      this.restore((error as { state?: unknown } | null)?.state)
      this.set({ phase: 'failed', problem: problemOf(error) })
    }
  }

  /** To the provider's sign-in page (top level), coming back to the address shown now. */
  redirect = async (): Promise<void> => {
    if (this.status.phase === 'signed-in') this.set({ ...this.status, busy: true })
    else this.set({ phase: 'signing-in' })
    try {
      await this.options.manager.signinRedirect({ state: this.address() })
    } catch (error) {
      // Nothing left the page: the provider's discovery document could not be had.
      this.problem(problemOf(error))
    }
  }

  /**
   * The prompt's "Sign in again": a silent renewal first (nothing on screen is lost when the
   * provider's session still holds), else the provider's page, unless it cannot be reached.
   */
  signInAgain = async (): Promise<void> => {
    if (await this.renew('asked')) return
    const status = this.status
    if (status.phase === 'signed-in' && status.prompt?.kind === 'unreachable') return
    await this.redirect()
  }

  /** RP-initiated logout at the provider; it sends the browser back here, signed out. */
  signOut = async (): Promise<void> => {
    if (this.status.phase !== 'signed-in') return
    this.set({ ...this.status, busy: true, signOutProblem: undefined })
    try {
      await this.options.manager.signoutRedirect({ state: this.address() })
    } catch (error) {
      if (this.status.phase === 'signed-in')
        this.set({ ...this.status, busy: false, signOutProblem: problemOf(error) })
    }
  }

  /** Stops renewing (tests; a page that goes away stops anyway). */
  dispose(): void {
    clearTimeout(this.timer)
  }

  private async finishSignOut(): Promise<void> {
    let saved: unknown
    try {
      saved = (await this.options.manager.signoutCallback(this.options.window.location.href))
        ?.userState
    } catch {
      // A state this tab did not store (an old link): nothing to finish.
    }
    this.restore(saved)
    this.set({ phase: 'signed-out' })
  }

  /** A token for the API: handed over, and renewed before it expires. */
  private adopt(user: SignInUser, afterRefusal: boolean): void {
    const lifetime = Math.max(0, user.expires_in ?? 0)
    this.token = user.access_token
    this.expiresAt = this.now() + lifetime * 1000
    this.renewedAfterRefusal = afterRefusal
    this.options.setAccessToken(user.access_token)
    const { profile } = user
    this.set({
      phase: 'signed-in',
      name: profile.name || profile.preferred_username || profile.sub,
      prompt: null,
    })
    this.schedule(lifetime > 0 ? renewalDelaySeconds(lifetime) : undefined)
  }

  private schedule(seconds: number | undefined): void {
    clearTimeout(this.timer)
    if (seconds !== undefined)
      this.timer = setTimeout(() => void this.renew('scheduled'), seconds * 1000)
  }

  /** One renewal at a time (a burst of 401s renews once); true when a new token was handed over. */
  private renew(reason: 'scheduled' | 'refused' | 'asked'): Promise<boolean> {
    this.renewing ??= (async () => {
      try {
        const user = await this.options.manager.signinSilent()
        if (!user) throw new Error('The sign-in service gave no token.')
        this.adopt(user, reason !== 'scheduled')
        return true
      } catch (error) {
        const problem = problemOf(error)
        if (problem.kind === 'unreachable') {
          // Try again shortly; say so only once the token is about to stop working.
          this.schedule(RETRY_SECONDS)
          if (reason === 'scheduled' && this.expiresAt - this.now() > RETRY_SECONDS * 1000)
            return false
        }
        this.problem(problem)
        return false
      } finally {
        this.renewing = undefined
      }
    })()
    return this.renewing
  }

  /**
   * A request was refused for its token (401; `challenge`: its WWW-Authenticate): renew once;
   * the renewed token refused too, ask to sign in again.
   */
  tokenRefused = (token: string | undefined, challenge: string | null): void => {
    const status = this.status
    // An answer to an older token (a renewal has happened since), or a token this session did
    // not hand over: nothing to renew.
    if (status.phase !== 'signed-in' || token === undefined || token !== this.token) return
    if (status.prompt) return
    if (this.renewedAfterRefusal) this.problem(challengeProblem(challenge))
    else void this.renew('refused')
  }

  private problem(problem: SignInProblem): void {
    if (this.status.phase === 'signed-in')
      this.set({ ...this.status, prompt: problem, busy: false })
    else this.set({ phase: 'failed', problem })
  }

  /** The address shown now (path, query, fragment), to come back to. */
  private address(): string {
    const { pathname, search, hash } = this.options.window.location
    return pathname + search + hash
  }

  /** Back at the address sign-in started from, without the provider's answer in it. */
  private restore(saved: unknown): void {
    const { location, history } = this.options.window
    let target: string
    if (typeof saved === 'string' && /^\/(?![/\\])/.test(saved)) target = saved
    else {
      const url = new URL(location.href)
      for (const name of ANSWER_PARAMS) url.searchParams.delete(name)
      target = url.pathname + url.search + url.hash
    }
    history.replaceState(null, '', target)
  }

  private set(status: AuthStatus): void {
    this.status = status
    for (const listener of this.listeners) listener()
  }
}
