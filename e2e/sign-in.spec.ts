import type { Page, Response } from '@playwright/test'
import { button, recordingState } from './fixtures.ts'
import {
  ACCESS_TTL_SECONDS,
  callAddress,
  expect,
  fillSignInForm,
  signInToCall,
  test,
} from './oidc-fixtures.ts'

// Sign-in against the simulator's real OpenID Provider: REST and every hub transport take its
// access tokens only (10 s here), so everything below fails without a working sign-in.

const API = '/attendantservice/api/'

/** Every REST answer the page gets with status 401, from now on. */
function refusals(page: Page): Response[] {
  const seen: Response[] = []
  page.on('response', (response) => {
    if (response.url().includes(API) && response.status() === 401) seen.push(response)
  })
  return seen
}

/** The page's token requests that use a refresh token, from now on. */
function refreshes(page: Page, issuer: string): string[] {
  const seen: string[] = []
  page.on('request', (request) => {
    if (request.url().startsWith(issuer) && request.postData()?.includes('refresh_token'))
      seen.push(request.url())
  })
  return seen
}

test('signs in through the provider, comes back to the call, acts, and a reload signs in again without a password', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  const refused = refusals(page)
  await signInToCall(page, oidc, call)
  // Back at the address first asked for, without the provider's answer in it.
  expect(new URL(page.url()).search).toBe(new URL(callAddress(call), 'http://x').search)
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Agent')
  await button(page, 'Pause').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  expect((await sim.audit(call.correlationId)).map((entry) => entry.action)).toEqual(['Pause'])

  // No token is kept in storage: a reload goes through the provider, whose session cookie
  // makes it passwordless.
  const provider = page.waitForRequest((request) => request.url().startsWith(oidc.issuer))
  await page.reload()
  await provider
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
  await expect(page.getByLabel('Password')).toHaveCount(0)
  expect(new URL(page.url()).search).toBe(new URL(callAddress(call), 'http://x').search)
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  expect(refused).toEqual([])
  const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }))
  expect(storage).not.toMatch(/access_token|refresh_token|eyJ/)
})

test('the board signs in too, and comes back to its address', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 2 })
  await page.goto(`/?view=board&ucc=${call.uccName}&calls=${call.correlationId}`)
  await fillSignInForm(page, oidc, 'supervisor')
  await expect(page.getByTestId('signed-in-as')).toHaveText('Signed in as Supervisor')
  await expect(page).toHaveURL(/view=board/)
  await expect(
    page.locator(`[data-testid="call-row"][data-correlation-id="${call.correlationId}"]`),
  ).toBeVisible()
})

test('renews the token silently: the panel keeps working past the first token’s expiry', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  test.setTimeout(60_000)
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  const refused = refusals(page)
  const renewed = refreshes(page, oidc.issuer)
  await signInToCall(page, oidc, call)
  const signedInAt = Date.now()
  // Two renewals (at 8 s, then 16 s): by then the first token has expired.
  await expect.poll(() => renewed.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2)
  expect(Date.now() - signedInAt).toBeGreaterThan(ACCESS_TTL_SECONDS * 1000)
  await button(page, 'Pause').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  // An event still arrives on the hub connection opened with the first token.
  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(page.getByTestId('sign-in-prompt')).toHaveCount(0)
  expect(refused).toEqual([])
})

test('a revoked sign-in: the panel asks to sign in again, keeps the state on screen, and reads it again after', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  test.setTimeout(60_000)
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  await signInToCall(page, oidc, call)
  await button(page, 'Pause').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')

  await sim.revokeSignIns('agent')
  // The next renewal is refused (invalid_grant): said at once, while the token still works.
  const prompt = page.getByTestId('sign-in-prompt')
  await expect(prompt).toBeVisible({ timeout: 15_000 })
  await expect(prompt).toHaveAttribute('role', 'alert')
  await expect(prompt).toContainText('Your sign-in has ended')
  await expect(prompt).toContainText('invalid_grant')
  // What was on screen stays.
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(page.getByText(call.correlationId)).toBeVisible()

  await button(prompt, 'Sign in again').click()
  // The provider's session ended with the grants: its form again.
  await fillSignInForm(page, oidc)
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
  expect(new URL(page.url()).search).toBe(new URL(callAddress(call), 'http://x').search)
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('sign-in-prompt')).toHaveCount(0)
  // Nothing was sent twice.
  expect((await sim.audit(call.correlationId)).map((entry) => entry.action)).toEqual(['Pause'])
})

test('a token for another audience is refused: renewed once, then the panel says why', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  // The provider (misconfigured, say) issues tokens for another API.
  await page.route(`${oidc.issuer}/token`, async (route) => {
    const response = await route.fetch()
    const body = (await response.json()) as Record<string, unknown>
    const minted = await sim.mintToken('agent', { audience: 'https://another-api.example' })
    await route.fulfill({ response, json: { ...body, access_token: minted.accessToken } })
  })
  const renewed = refreshes(page, oidc.issuer)
  await page.goto(callAddress(call))
  await fillSignInForm(page, oidc)
  const prompt = page.getByTestId('sign-in-prompt')
  await expect(prompt).toBeVisible()
  await expect(prompt).toContainText('The recording service does not accept your sign-in')
  await expect(prompt).toContainText(
    'invalid_token: the access token is not meant for https://attendant-service.local/api',
  )
  await expect(recordingState(page)).toHaveAttribute('data-stale', 'true')
  // Renewed once, not in a loop: the next read is refused too, and nothing more is renewed.
  await page.waitForResponse(
    (response) => response.url().includes(API) && response.status() === 401,
  )
  expect(renewed).toHaveLength(1)
})

test('framed by a host page, the panel starts no sign-in and takes the host’s token; one for another audience is refused and said', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn({ embedOrigins: [new URL(oidc.issuer).origin] })
  const call = await sim.createCall({ recordingState: 1 })
  const toProvider: string[] = []
  page.on('request', (request) => {
    if (request.url().startsWith(oidc.issuer)) toProvider.push(request.url())
  })
  await page.route('**/host.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>host</title><iframe title="panel" src="${callAddress(call)}" width="400" height="700"></iframe>`,
    }),
  )
  await page.goto('/host.html')
  const panel = page.frameLocator('iframe[title="panel"]')
  await expect(panel.getByTestId('recording-state')).toBeVisible()
  await expect(panel.getByTestId('signed-in-as')).toHaveCount(0)

  const handOver = (token: string) =>
    page
      .frames()[1]!
      .evaluate(
        (value) =>
          (
            window as { recordingPanel?: { setAccessToken(token: string): void } }
          ).recordingPanel?.setAccessToken(value),
        token,
      )
  const wrong = await sim.mintToken('agent', { audience: 'https://another-api.example' })
  await handOver(wrong.accessToken)
  const alert = panel.getByRole('alert').filter({ hasText: 'asks for a sign-in (401)' }).first()
  await expect(alert).toBeVisible()
  await expect(alert).toContainText('Authorization has been denied for this request.')

  const good = await sim.mintToken('agent')
  await handOver(good.accessToken)
  await expect(panel.getByTestId('recording-state')).not.toHaveAttribute('data-stale', 'true')
  await expect(panel.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expect(panel.getByRole('alert')).toHaveCount(0)
  expect(toProvider).toEqual([])
})

test('the hub connects with the token over WebSockets, and events arrive', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  const sockets: string[] = []
  page.on('websocket', (socket) => sockets.push(socket.url()))
  await signInToCall(page, oidc, call)
  expect((await sim.connections()).webSockets).toBeGreaterThanOrEqual(1)
  expect(sockets.some((url) => /[?&]access_token=ey/.test(url))).toBe(true)
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
})

test('the hub connects with the token over Server-Sent Events, and events arrive', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await page.addInitScript(() => {
    // @ts-expect-error -- the browser without WebSockets: the client falls back to SSE
    delete window.WebSocket
  })
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  const streams: string[] = []
  page.on('request', (request) => {
    if (request.headers().accept?.includes('text/event-stream')) streams.push(request.url())
  })
  await signInToCall(page, oidc, call)
  expect((await sim.connections()).serverSentEvents).toBeGreaterThanOrEqual(1)
  expect(streams.some((url) => /[?&]access_token=ey/.test(url))).toBe(true)
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
})

test('a wrong password stays on the provider’s form; the right one signs in', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  await page.goto(callAddress(call))
  await fillSignInForm(page, oidc, 'agent', 'not-the-password')
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.')
  await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/`))
  await page.getByLabel('Password').fill('agent')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})

test('a sign-in the provider refuses is said in plain words with its error', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  // The provider answers the authorization request with an error (the user declined, say).
  await page.route(`${oidc.issuer}/auth?**`, async (route) => {
    const asked = new URL(route.request().url())
    const back = new URL(asked.searchParams.get('redirect_uri')!)
    back.searchParams.set('error', 'access_denied')
    back.searchParams.set('error_description', 'The user declined <b>access</b>.')
    back.searchParams.set('state', asked.searchParams.get('state')!)
    await route.fulfill({ status: 302, headers: { location: back.href } })
  })
  await page.goto(callAddress(call))
  const failed = page.getByTestId('sign-in-failed')
  await expect(failed).toContainText('The sign-in service did not sign you in')
  await expect(failed).toContainText('access_denied: The user declined <b>access</b>.')
  await expect(page.locator('b')).toHaveCount(0)
  // The address is the one asked for, without the provider's answer; no panel without a sign-in.
  expect(new URL(page.url()).search).toBe(new URL(callAddress(call), 'http://x').search)
  await expect(recordingState(page)).toHaveCount(0)

  await page.unroute(`${oidc.issuer}/auth?**`)
  await button(failed, 'Try again').click()
  await fillSignInForm(page, oidc)
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})

test('the provider down: the panel says it cannot be reached, with its error, and signs in once it is back', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  await sim.oidcOutage()
  await page.goto(callAddress(call))
  const failed = page.getByTestId('sign-in-failed')
  await expect(failed).toContainText('The sign-in service cannot be reached')
  await expect(failed).toContainText('temporarily_unavailable')
  await expect(recordingState(page)).toHaveCount(0)

  await sim.endOidcOutage()
  await button(failed, 'Try again').click()
  await fillSignInForm(page, oidc)
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})

test('the provider down mid-session: renewals wait for it, and nothing is asked while the token works', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  test.setTimeout(60_000)
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  await signInToCall(page, oidc, call)
  await sim.oidcOutage()
  const renewed = refreshes(page, oidc.issuer)
  // The renewal at 8 s fails; it is tried again every 5 s; once the token is about to expire the
  // panel says the provider cannot be reached.
  const prompt = page.getByTestId('sign-in-prompt')
  await expect(prompt).toBeVisible({ timeout: 20_000 })
  await expect(prompt).toContainText('The sign-in service cannot be reached')
  await expect(prompt).toContainText('temporarily_unavailable')
  expect(renewed.length).toBeGreaterThanOrEqual(1)
  // Back: the next attempt renews, the prompt goes, the state is read again.
  await sim.endOidcOutage()
  await expect(prompt).toHaveCount(0, { timeout: 15_000 })
  await button(page, 'Pause').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})

test('sign-out ends the provider’s session: signing in again asks for the password', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  await signInToCall(page, oidc, call)
  await button(page, 'Sign out').click()
  // The provider asks first (RP-initiated logout), then sends the browser back.
  await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/`))
  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page.getByTestId('signed-out')).toContainText('You have signed out.')
  expect(new URL(page.url()).search).toBe(new URL(callAddress(call), 'http://x').search)
  await expect(recordingState(page)).toHaveCount(0)
  await button(page, 'Sign in').click()
  await expect(page.getByLabel('Password')).toBeVisible()
  await fillSignInForm(page, oidc)
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
})

test('the language of the address (lang=) holds across the provider’s round trip', async ({
  page,
  sim,
  oidc,
  useSignIn,
}) => {
  await useSignIn()
  const call = await sim.createCall({ recordingState: 1 })
  await page.goto(callAddress(call, undefined, '&lang=nl'))
  await fillSignInForm(page, oidc)
  await expect(page.getByTestId('signed-in-as')).toHaveText('Aangemeld als Agent')
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
  await expect(page).toHaveURL(/[?&]lang=nl/)
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
})
