import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { AuthSession, renewalDelaySeconds, type SignInManager, type SignInUser } from './session.ts'

function errorResponse(error: string, error_description?: string, state?: unknown) {
  return Object.assign(new Error(error_description ?? error), {
    name: 'ErrorResponse',
    error,
    error_description,
    state,
  })
}

let issued = 0
function user(state?: unknown, expiresIn = 10): SignInUser {
  issued += 1
  return {
    access_token: `token-${issued}`,
    expires_in: expiresIn,
    profile: { sub: 'sip:agent@domain.com', name: 'Agent' },
    state,
  }
}

function fakeManager(): { [K in keyof SignInManager]: ReturnType<typeof vi.fn> } {
  return {
    signinRedirect: vi.fn(() => new Promise<void>(() => {})),
    signinCallback: vi.fn(async () => user('/?ucc=u&correlationId=c')),
    signinSilent: vi.fn(async () => user()),
    signoutRedirect: vi.fn(() => new Promise<void>(() => {})),
    signoutCallback: vi.fn(async () => ({ userState: '/?view=board' })),
  }
}

function fakeWindow(href: string) {
  const location = new URL(href)
  const history = {
    replaceState: vi.fn((_state: unknown, _title: string, to: string) => {
      const next = new URL(to, location.href)
      location.search = next.search
      location.pathname = next.pathname
    }),
  }
  return { location, history } as unknown as Pick<Window, 'location' | 'history'>
}

function session(href: string, manager = fakeManager()) {
  const win = fakeWindow(href)
  const setAccessToken = vi.fn()
  const auth = new AuthSession({ manager: manager as SignInManager, window: win, setAccessToken })
  return { auth, manager, win, setAccessToken }
}

/** A session signed in through the callback, with token-N handed over. */
async function signedIn(manager = fakeManager()) {
  const made = session('http://panel.test/?code=abc&state=s1', manager)
  const start = vi.fn()
  await made.auth.begin(start)
  return { ...made, start, token: made.setAccessToken.mock.calls.at(-1)![0] as string }
}

beforeEach(() => {
  vi.useFakeTimers()
})
afterEach(() => {
  vi.useRealTimers()
})

test('no answer in the address: to the provider, with the address to come back to; the panel waits', async () => {
  const { auth, manager } = session('http://panel.test/?ucc=u&correlationId=c&lang=nl#x')
  const start = vi.fn()
  void auth.begin(start)
  await vi.waitFor(() => expect(manager.signinRedirect).toHaveBeenCalledOnce())
  expect(manager.signinRedirect).toHaveBeenCalledWith({
    state: '/?ucc=u&correlationId=c&lang=nl#x',
  })
  expect(auth.getStatus()).toEqual({ phase: 'signing-in' })
  expect(start).not.toHaveBeenCalled()
})

test('back from the provider: the address is restored without code and state, the token handed over, then the panel starts', async () => {
  const { auth, win, setAccessToken, start, token } = await signedIn()
  expect(win.history.replaceState).toHaveBeenCalledWith(null, '', '/?ucc=u&correlationId=c')
  expect(setAccessToken).toHaveBeenCalledWith(token)
  expect(start).toHaveBeenCalledOnce()
  expect(auth.getStatus()).toMatchObject({ phase: 'signed-in', name: 'Agent', prompt: null })
  auth.dispose()
})

test('a sign-in the provider refused: said with its error, the address restored, the panel not started', async () => {
  const manager = fakeManager()
  manager.signinCallback.mockRejectedValue(
    errorResponse('access_denied', 'The user declined.', '/?view=board'),
  )
  const { auth, win } = session('http://panel.test/?error=access_denied&state=s1', manager)
  const start = vi.fn()
  await auth.begin(start)
  expect(start).not.toHaveBeenCalled()
  expect(win.history.replaceState).toHaveBeenCalledWith(null, '', '/?view=board')
  expect(auth.getStatus()).toEqual({
    phase: 'failed',
    problem: { kind: 'refused', error: 'access_denied', description: 'The user declined.' },
  })
})

test('an answer with an unknown state: the provider’s parameters are stripped, and it fails plainly', async () => {
  const manager = fakeManager()
  manager.signinCallback.mockRejectedValue(new Error('No matching state found in storage'))
  const { auth, win } = session('http://panel.test/?ucc=u&code=abc&state=old&iss=x', manager)
  await auth.begin(vi.fn())
  expect(win.history.replaceState).toHaveBeenCalledWith(null, '', '/?ucc=u')
  expect(auth.getStatus()).toMatchObject({ phase: 'failed', problem: { kind: 'failed' } })
})

test('the provider cannot be reached before leaving: said so, with its error', async () => {
  const manager = fakeManager()
  manager.signinRedirect.mockRejectedValue(errorResponse('temporarily_unavailable'))
  const { auth } = session('http://panel.test/', manager)
  await auth.begin(vi.fn())
  expect(auth.getStatus()).toEqual({
    phase: 'failed',
    problem: { kind: 'unreachable', error: 'temporarily_unavailable', description: undefined },
  })
})

test('the token is renewed before it expires (a fifth of its life, at most a minute)', async () => {
  const { auth, manager, setAccessToken } = await signedIn()
  expect(renewalDelaySeconds(10)).toBe(8)
  expect(renewalDelaySeconds(300)).toBe(240)
  expect(renewalDelaySeconds(3600)).toBe(3540)
  await vi.advanceTimersByTimeAsync(7_900)
  expect(manager.signinSilent).not.toHaveBeenCalled()
  await vi.advanceTimersByTimeAsync(200)
  expect(manager.signinSilent).toHaveBeenCalledOnce()
  expect(setAccessToken).toHaveBeenLastCalledWith(`token-${issued}`)
  await vi.advanceTimersByTimeAsync(8_000)
  expect(manager.signinSilent).toHaveBeenCalledTimes(2)
  expect(auth.getStatus()).toMatchObject({ phase: 'signed-in', prompt: null })
  auth.dispose()
})

test('a 401 renews once; the renewed token refused too, the user is asked to sign in again, with the service’s reason', async () => {
  const { auth, manager, token } = await signedIn()
  auth.tokenRefused(token, null)
  auth.tokenRefused(token, null) // a burst of 401s: one renewal
  await vi.waitFor(() => expect(manager.signinSilent).toHaveBeenCalledOnce())
  await Promise.resolve()
  // A late answer to the old token: nothing more.
  auth.tokenRefused(token, null)
  expect(auth.getStatus()).toMatchObject({ prompt: null })
  const renewed = `token-${issued}`
  auth.tokenRefused(
    renewed,
    'Bearer error="invalid_token", error_description="the access token is not meant for https://api"',
  )
  expect(manager.signinSilent).toHaveBeenCalledOnce()
  expect(auth.getStatus()).toMatchObject({
    phase: 'signed-in',
    prompt: {
      kind: 'rejected',
      error: 'invalid_token',
      description: 'the access token is not meant for https://api',
    },
  })
  // The prompt stays; more 401s renew nothing.
  auth.tokenRefused(renewed, null)
  expect(manager.signinSilent).toHaveBeenCalledOnce()
  auth.dispose()
})

test('a 401 for a token this session did not hand over (a host’s) renews nothing', async () => {
  const { auth, manager } = await signedIn()
  auth.tokenRefused('a-host-token', null)
  auth.tokenRefused(undefined, null)
  expect(manager.signinSilent).not.toHaveBeenCalled()
  auth.dispose()
})

test('a renewal refused (sign-in revoked): the prompt at once, the token kept until it expires', async () => {
  const manager = fakeManager()
  const { auth, setAccessToken } = await signedIn(manager)
  manager.signinSilent.mockRejectedValue(errorResponse('invalid_grant', 'grant request is invalid'))
  await vi.advanceTimersByTimeAsync(8_000)
  expect(auth.getStatus()).toMatchObject({
    prompt: { kind: 'ended', error: 'invalid_grant', description: 'grant request is invalid' },
  })
  expect(setAccessToken).toHaveBeenCalledOnce()
  auth.dispose()
})

test('the provider down while the token works: tried again every 5 s, said only when the token is about to end, gone when it is back', async () => {
  const manager = fakeManager()
  manager.signinCallback.mockResolvedValue(user('/', 300))
  const { auth } = await signedIn(manager)
  manager.signinSilent.mockRejectedValue(new TypeError('Failed to fetch'))
  await vi.advanceTimersByTimeAsync(240_000)
  expect(manager.signinSilent).toHaveBeenCalledOnce()
  await vi.advanceTimersByTimeAsync(5_000)
  expect(manager.signinSilent).toHaveBeenCalledTimes(2)
  expect(auth.getStatus()).toMatchObject({ prompt: null })
  await vi.advanceTimersByTimeAsync(50_000)
  expect(manager.signinSilent).toHaveBeenCalledTimes(12)
  expect(auth.getStatus()).toMatchObject({
    prompt: { kind: 'unreachable', description: 'Failed to fetch' },
  })
  manager.signinSilent.mockImplementation(async () => user())
  await vi.advanceTimersByTimeAsync(5_000)
  expect(auth.getStatus()).toMatchObject({ phase: 'signed-in', prompt: null })
  auth.dispose()
})

test('“Sign in again” renews silently when it can, else goes to the provider; not while it cannot be reached', async () => {
  const manager = fakeManager()
  const { auth } = await signedIn(manager)
  manager.signinSilent.mockRejectedValueOnce(errorResponse('invalid_grant'))
  await vi.advanceTimersByTimeAsync(8_000)
  expect(auth.getStatus()).toMatchObject({ prompt: { kind: 'ended' } })

  manager.signinSilent.mockRejectedValueOnce(errorResponse('invalid_grant'))
  void auth.signInAgain()
  await vi.waitFor(() =>
    expect(manager.signinRedirect).toHaveBeenCalledWith({ state: '/?ucc=u&correlationId=c' }),
  )
  expect(auth.getStatus()).toMatchObject({ busy: true, prompt: { kind: 'ended' } })

  manager.signinRedirect.mockClear()
  manager.signinSilent.mockRejectedValueOnce(errorResponse('temporarily_unavailable'))
  await auth.signInAgain()
  expect(manager.signinRedirect).not.toHaveBeenCalled()
  expect(auth.getStatus()).toMatchObject({ prompt: { kind: 'unreachable' } })

  await auth.signInAgain()
  expect(manager.signinRedirect).not.toHaveBeenCalled()
  expect(auth.getStatus()).toMatchObject({ prompt: null })
  auth.dispose()
})

test('sign-out goes to the provider with the address; back, the panel says so and restores it', async () => {
  const { auth, manager } = await signedIn()
  void auth.signOut()
  expect(manager.signoutRedirect).toHaveBeenCalledWith({ state: '/?ucc=u&correlationId=c' })
  auth.dispose()

  const back = session('http://panel.test/?state=s2')
  const start = vi.fn()
  await back.auth.begin(start)
  expect(back.win.history.replaceState).toHaveBeenCalledWith(null, '', '/?view=board')
  expect(back.auth.getStatus()).toEqual({ phase: 'signed-out' })
  expect(start).not.toHaveBeenCalled()
})

test('sign-out that cannot reach the provider: still signed in, and said', async () => {
  const manager = fakeManager()
  manager.signoutRedirect.mockRejectedValue(new TypeError('Failed to fetch'))
  const { auth } = await signedIn(manager)
  await auth.signOut()
  expect(auth.getStatus()).toMatchObject({
    phase: 'signed-in',
    busy: false,
    signOutProblem: { kind: 'unreachable' },
  })
  auth.dispose()
})
