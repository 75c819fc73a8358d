import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { act } from 'react'
import { createRoot } from 'react-dom/client'
import { afterEach, expect, test, vi } from 'vitest'
import { getAccessToken, setAccessToken } from '../app/access-token.ts'
import { DEFAULT_CONFIG, type PanelConfig } from '../app/config.ts'
import type { RuntimeOverrides } from '../app/runtime.ts'
import { createRecordingApi } from '../api/recording-api.ts'
import { lateConfigWarnings } from '../lib/config-read.ts'
import type { SignInManager, SignInUser } from './session.ts'
import { startSignIn } from './start.ts'

const AUTH = { authority: 'https://login.example.com/realms/t', clientId: 'recording-panel' }
const config = (auth: unknown = AUTH): PanelConfig => ({ ...DEFAULT_CONFIG, auth })

let issued = 0
const user = (): SignInUser => ({
  access_token: `token-${++issued}`,
  expires_in: 300,
  profile: { sub: 'sip:agent@domain.com', name: 'Agent' },
  state: '/?ucc=u&correlationId=c',
})

function manager() {
  return {
    signinRedirect: vi.fn(() => new Promise<void>(() => {})),
    signinCallback: vi.fn(async () => user()),
    signinSilent: vi.fn(async () => user()),
    signoutRedirect: vi.fn(() => new Promise<void>(() => {})),
    signoutCallback: vi.fn(async () => undefined),
  }
}

/** A window for startSignIn: the test's document, an address of its own, framed or not. */
function pageWindow(search: string, framed = false) {
  const location = new URL(`http://panel.test/${search}`)
  const win = {
    location,
    document,
    history: { replaceState: vi.fn() },
    fetch: vi.fn(),
  } as unknown as Window
  Object.assign(win, { parent: framed ? {} : win })
  return win
}

const sessions: { dispose(): void }[] = []
afterEach(() => {
  for (const session of sessions.splice(0)) session.dispose()
  setAccessToken(undefined)
  document.body.replaceChildren()
})

async function signIn(fetch: typeof globalThis.fetch) {
  const root = document.createElement('div')
  root.id = 'root'
  document.body.append(root)
  const fake = manager()
  const start = vi.fn<(overrides?: RuntimeOverrides) => void>()
  const win = pageWindow('?code=abc&state=s1')
  const session = await act(() =>
    startSignIn(config(), start, createRoot, {
      window: win,
      createManager: () => fake as SignInManager,
      fetch,
    }),
  )
  sessions.push(session!)
  return { fake, start, session: session!, win }
}

test('framed by a host page: no sign-in is started, the panel starts at once and waits for the host’s token', async () => {
  const createManager = vi.fn()
  const start = vi.fn()
  const session = await startSignIn(config(), start, createRoot, {
    window: pageWindow('?ucc=u&correlationId=c', true),
    createManager,
  })
  expect(session).toBeUndefined()
  expect(start).toHaveBeenCalledWith()
  expect(createManager).not.toHaveBeenCalled()
  expect(getAccessToken()).toBeUndefined()
})

test('an auth that is refused: the panel starts without sign-in, and says why', async () => {
  const createManager = vi.fn()
  const start = vi.fn()
  await startSignIn(config({ ...AUTH, authority: 'http://login.example.com' }), start, createRoot, {
    window: pageWindow(''),
    createManager,
  })
  expect(start).toHaveBeenCalledOnce()
  expect(createManager).not.toHaveBeenCalled()
  expect(lateConfigWarnings.get().join('\n')).toContain('"auth.authority"')
})

test('signed in: the token goes to the access-token module, and the bar names the user with Sign out', async () => {
  const { start } = await signIn(vi.fn())
  expect(getAccessToken()).toBe(`token-${issued}`)
  expect(start).toHaveBeenCalledOnce()
  expect(start.mock.calls[0]![0]?.fetch).toBeTypeOf('function')
  expect(screen.getByTestId('signed-in-as')).toHaveTextContent('Signed in as Agent')
  expect(screen.getByRole('button', { name: 'Sign out' })).toBeEnabled()
})

test('a POST refused with 401: one renewal, then a prompt; the POST is never sent again', async () => {
  const doFetch = vi.fn(
    async (_input: RequestInfo | URL, _init?: RequestInit) =>
      new Response(JSON.stringify({ Message: 'Authorization has been denied for this request.' }), {
        status: 401,
        headers: {
          'Content-Type': 'application/json',
          'WWW-Authenticate':
            'Bearer error="invalid_token", error_description="the access token is not meant for https://api"',
        },
      }),
  )
  const { fake, start } = await signIn(doFetch)
  const api = createRecordingApi({
    apiBaseUrl: '',
    apiVersion: 'v1',
    requestTimeoutMs: 5_000,
    getAccessToken,
    fetch: start.mock.calls[0]![0]!.fetch,
  })
  const pause = {
    uccName: 'u',
    correlationId: 'c',
    action: 2,
    requesterSipUri: 'sip:a@b.c',
  } as const
  await expect(api.setRecording(pause)).rejects.toMatchObject({ status: 401 })
  await vi.waitFor(() => expect(fake.signinSilent).toHaveBeenCalledOnce())
  await vi.waitFor(() => expect(getAccessToken()).toBe(`token-${issued}`))
  // The state is read again with the new token (the app's reads); refused again: the prompt.
  await expect(api.getState('u', 'c')).rejects.toMatchObject({ status: 401 })
  const prompt = await screen.findByTestId('sign-in-prompt')
  expect(prompt).toHaveAttribute('role', 'alert')
  expect(prompt).toHaveTextContent('The recording service does not accept your sign-in')
  expect(prompt).toHaveTextContent('invalid_token: the access token is not meant for https://api')
  expect(fake.signinSilent).toHaveBeenCalledOnce()
  expect(doFetch.mock.calls.filter(([, init]) => init?.method === 'POST')).toHaveLength(1)

  await userEvent.click(within(prompt).getByRole('button', { name: 'Sign in again' }))
  await vi.waitFor(() => expect(fake.signinSilent).toHaveBeenCalledTimes(2))
})

test('the provider’s words are shown as text, never as markup', async () => {
  const root = document.createElement('div')
  root.id = 'root'
  document.body.append(root)
  const fake = manager()
  fake.signinCallback.mockRejectedValue(
    Object.assign(new Error('x'), {
      name: 'ErrorResponse',
      error: 'access_denied',
      error_description: '<img src=x onerror=alert(1)>',
    }),
  )
  await act(() =>
    startSignIn(config(), vi.fn(), createRoot, {
      window: pageWindow('?error=access_denied&state=s1'),
      createManager: () => fake as SignInManager,
    }),
  )
  const failed = screen.getByTestId('sign-in-failed')
  expect(failed).toHaveTextContent('The sign-in service did not sign you in')
  expect(failed).toHaveTextContent('access_denied: <img src=x onerror=alert(1)>')
  expect(within(failed).queryByRole('img')).toBeNull()
  await userEvent.click(within(failed).getByRole('button', { name: 'Try again' }))
  expect(fake.signinRedirect).toHaveBeenCalledOnce()
})

test('the hub’s own requests (the page’s fetch, as its HTTP client takes it) report a 401 too: one renewal', async () => {
  const doFetch = vi.fn(async () => new Response('', { status: 401 }))
  const { fake, start, win } = await signIn(doFetch)
  expect(win.fetch).toBe(start.mock.calls[0]![0]!.fetch)
  // A negotiate as @microsoft/signalr's FetchHttpClient sends it: its headers as a plain object.
  const refused = `token-${issued}`
  const negotiate = await win.fetch('http://panel.test/hub/negotiate?negotiateVersion=1', {
    method: 'POST',
    headers: { 'X-Requested-With': 'XMLHttpRequest', Authorization: `Bearer ${refused}` },
  })
  expect(negotiate.status).toBe(401)
  await vi.waitFor(() => expect(fake.signinSilent).toHaveBeenCalledOnce())
  await vi.waitFor(() => expect(getAccessToken()).not.toBe(refused))
  // An answer to the old token after the renewal asks for nothing more.
  await win.fetch('http://panel.test/hub/negotiate', {
    headers: { Authorization: `Bearer ${refused}` },
  })
  expect(fake.signinSilent).toHaveBeenCalledOnce()
  expect(doFetch).toHaveBeenCalledTimes(2)
})
