// --oidc: a real OpenID Provider signs users in (Authorization Code + PKCE, done here with plain
// fetch), and REST and every hub transport then take its access tokens and nothing else.
import { execFile } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr'
import type { HubConnection } from '@microsoft/signalr'
import { SignJWT, decodeJwt, decodeProtectedHeader, generateKeyPair } from 'jose'
import { afterEach, expect, test } from 'vitest'
import { banner } from './banner.ts'
import { parseCliArgs } from './cli-options.ts'
import { createManualClock } from './clock.ts'
import { DEFAULT_AGENT, DEFAULT_CALL_ID, DEFAULT_UCC } from './default-data.ts'
import {
  authorize,
  exchangeCode,
  oidcInfoOf,
  pkce,
  refresh,
  signIn,
  signOut,
  tokenRequest,
} from './oidc/oidc-test-kit.ts'
import type { OidcInfo } from './oidc/options.ts'
import type { Minted } from './oidc/provider.ts'
import { CookieJar, FlowStopped } from './oidc/test-browser.ts'
import { CLOCK_TOLERANCE_SECONDS } from './oidc/verifier.ts'
import type { Simulator, SimulatorOptions } from './server.ts'
import {
  control,
  post,
  rawRequest,
  request,
  startOidcTestSimulator,
  startTestSimulator,
} from './test-support.ts'

const simulators: Simulator[] = []
const connections: HubConnection[] = []
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.stop()))
  await Promise.all(simulators.splice(0).map((sim) => sim.close()))
})

const PANEL = 'http://127.0.0.1:5173'
const CALLBACK = `${PANEL}/signin-callback`

async function simulator(options: SimulatorOptions = {}) {
  const sim = await startTestSimulator({
    ...options,
    oidc: { redirectUris: [CALLBACK], ...options.oidc },
  })
  simulators.push(sim)
  if (!sim.oidc) throw new Error('no provider')
  return { sim, info: sim.oidc }
}

const stateUrl = (sim: Simulator) => `${sim.restUrl}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` })
const getState = (sim: Simulator, token?: string) =>
  request(stateUrl(sim), token === undefined ? {} : { headers: bearer(token) })
const negotiate = (sim: Simulator, token: string) =>
  fetch(`${sim.hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST', headers: bearer(token) })

async function mint(sim: Simulator, body: Record<string, unknown>): Promise<Minted> {
  const answer = await control<Minted>(`${sim.controlUrl}/oidc/token`, { method: 'POST', body })
  expect(answer.status, answer.text).toBe(200)
  return answer.body
}

const challenge = (reason: string) => `Bearer error="invalid_token", error_description="${reason}"`

test('Authorization Code + PKCE with plain fetch: the sign-in form, a wrong password, the code, its exchange; the token opens REST and the hub', async () => {
  const { sim, info } = await simulator()
  const discovery = (await (
    await fetch(`${info.issuer}/.well-known/openid-configuration`)
  ).json()) as Record<string, unknown>
  expect(discovery).toMatchObject({
    issuer: info.issuer,
    authorization_endpoint: `${info.issuer}/auth`,
    token_endpoint: `${info.issuer}/token`,
    code_challenge_methods_supported: ['S256'],
  })

  const jar = new CookieJar()
  const proof = pkce()
  const atForm = authorize(info, jar, { redirectUri: CALLBACK, pkce: proof })
  await expect(atForm).rejects.toThrow(/stopped at a 200 page/)
  const wrong = await authorize(info, jar, {
    redirectUri: CALLBACK,
    pkce: proof,
    username: 'agent',
    password: 'not-the-password',
  }).catch((error: unknown) => error)
  expect(wrong).toBeInstanceOf(FlowStopped)
  expect((wrong as FlowStopped).page).toMatch(/role="alert"[^>]*>Wrong username or password\./)

  const { redirectedTo, pages, state } = await authorize(info, jar, {
    redirectUri: CALLBACK,
    pkce: proof,
    username: 'agent',
    password: 'agent',
  })
  expect(pages).toHaveLength(1)
  expect(pages[0]).toContain('<label for="username">Username</label>')
  expect(pages[0]).toContain('<label for="password">Password</label>')
  expect(pages[0]).toContain('<button type="submit">Sign in</button>')
  expect(`${redirectedTo.origin}${redirectedTo.pathname}`).toBe(CALLBACK)
  expect(redirectedTo.searchParams.get('state')).toBe(state)
  expect(redirectedTo.searchParams.get('iss')).toBe(info.issuer)
  const code = redirectedTo.searchParams.get('code') ?? ''

  const wrongVerifier = await exchangeCode(info, code, CALLBACK, pkce().verifier)
  expect(wrongVerifier.status).toBe(400)
  expect(wrongVerifier.body).toMatchObject({ error: 'invalid_grant' })
  const noVerifier = await tokenRequest(info, {
    grant_type: 'authorization_code',
    code,
    redirect_uri: CALLBACK,
  })
  expect(noVerifier.status).toBe(400)

  const tokens = await exchangeCode(info, code, CALLBACK, proof.verifier)
  expect(tokens.status).toBe(200)
  expect((await exchangeCode(info, code, CALLBACK, proof.verifier)).status).toBe(400)
  expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: 300 })
  const accessToken = String(tokens.body.access_token)
  expect(decodeProtectedHeader(accessToken)).toMatchObject({ typ: 'at+jwt', alg: 'ES256' })
  const claims = decodeJwt(accessToken)
  expect(claims).toMatchObject({
    iss: info.issuer,
    aud: info.audience,
    sub: DEFAULT_AGENT,
    client_id: 'recording-panel',
  })
  expect(Number(claims.exp) - Number(claims.iat)).toBe(300)
  expect(decodeJwt(String(tokens.body.id_token))).toMatchObject({
    sub: DEFAULT_AGENT,
    name: 'Agent',
    preferred_username: 'agent',
  })

  expect((await getState(sim, accessToken)).status).toBe(200)
  const negotiated = await negotiate(sim, accessToken)
  expect(negotiated.status).toBe(200)
  expect(await negotiated.json()).toMatchObject({ connectionToken: expect.any(String) })

  const idToken = await getState(sim, String(tokens.body.id_token))
  expect(idToken.status).toBe(401)
  expect(idToken.headers.get('www-authenticate')).toBe(
    challenge('the token is not an access token (its typ is not at+jwt)'),
  )
})

test('PKCE is required: an authorization request without a code challenge gets an error, not a code', async () => {
  const { info } = await simulator()
  const { redirectedTo } = await authorize(info, new CookieJar(), {
    redirectUri: CALLBACK,
    username: 'agent',
    password: 'agent',
  })
  expect(redirectedTo.searchParams.get('code')).toBeNull()
  expect(redirectedTo.searchParams.get('error')).toBe('invalid_request')
  expect(redirectedTo.searchParams.get('error_description')).toMatch(/PKCE/)
})

test('the token endpoint answers the panel’s origin with CORS, and no other origin', async () => {
  const { info } = await simulator()
  const tokenCall = (origin: string) =>
    rawRequest(`${info.issuer}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
      body: new URLSearchParams({
        client_id: info.clientId,
        grant_type: 'refresh_token',
        refresh_token: 'unknown',
      }).toString(),
    })
  const allowed = await tokenCall(PANEL)
  expect(allowed.status).toBe(400)
  expect(allowed.headers['access-control-allow-origin']).toBe(PANEL)
  const foreign = await tokenCall('http://attacker.example')
  expect(foreign.headers['access-control-allow-origin']).toBeUndefined()
  const preflight = await rawRequest(`${info.issuer}/token`, {
    method: 'OPTIONS',
    headers: {
      Origin: PANEL,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'content-type',
    },
  })
  expect(preflight.status).toBe(204)
  expect(preflight.headers['access-control-allow-origin']).toBe(PANEL)

  // Discovery and the keys are public: any origin may read them.
  for (const path of ['/.well-known/openid-configuration', '/jwks']) {
    const answer = await rawRequest(`${info.issuer}${path}`, { headers: { Origin: PANEL } })
    expect(answer.status, path).toBe(200)
    expect(answer.headers['access-control-allow-origin'], path).toMatch(
      /^(\*|http:\/\/127\.0\.0\.1:5173)$/,
    )
  }
})

test('RP-initiated logout: the confirmation, then the post-logout redirect with the state; the refresh token and the session end with it', async () => {
  const { sim, info } = await simulator()
  const discovery = (await (
    await fetch(`${info.issuer}/.well-known/openid-configuration`)
  ).json()) as Record<string, unknown>
  expect(discovery.end_session_endpoint).toBe(`${info.issuer}/session/end`)

  const jar = new CookieJar()
  const tokens = await signIn(info, { redirectUri: CALLBACK, username: 'supervisor', jar })
  expect((await getState(sim, tokens.accessToken)).status).toBe(200)
  const back = await signOut(info, jar, {
    idTokenHint: tokens.idToken,
    postLogoutRedirectUri: `${PANEL}/signed-out`,
    state: 'bye',
  })
  expect(`${back.origin}${back.pathname}`).toBe(`${PANEL}/signed-out`)
  expect(back.searchParams.get('state')).toBe('bye')

  const refused = await refresh(info, tokens.refreshToken)
  expect(refused.status).toBe(400)
  expect(refused.body.error).toBe('invalid_grant')
  const silent = await authorize(info, jar, { redirectUri: CALLBACK, pkce: pkce(), prompt: 'none' })
  expect(silent.redirectedTo.searchParams.get('error')).toBe('login_required')

  const elsewhere = await signOut(info, new CookieJar(), {
    idTokenHint: tokens.idToken,
    postLogoutRedirectUri: 'http://127.0.0.1:9/elsewhere',
  }).catch((error: unknown) => error)
  expect(elsewhere).toBeInstanceOf(FlowStopped)
  expect(String(elsewhere)).toMatch(/post_logout_redirect_uri/)
})

test('the e2e kit: signIn with only a user name (the simulator’s own origin as redirect), and the provider found from the simulator’s URL', async () => {
  const sim = await startOidcTestSimulator()
  simulators.push(sim)
  const info = await oidcInfoOf(sim.url)
  expect(info).toMatchObject(sim.oidc)
  const tokens = await signIn(info, { username: 'agent' })
  expect(tokens.redirectUri).toBe(`${sim.url}/`)
  expect(tokens.scope).toBe('recording')
  expect(decodeJwt(tokens.accessToken)).toMatchObject({ sub: DEFAULT_AGENT, scope: 'recording' })
  expect((await getState(sim, tokens.accessToken)).status).toBe(200)
  await expect(signIn(info, { username: 'agent', password: 'wrong' })).rejects.toThrow(
    /Wrong username or password/,
  )
})

test('a refresh rotates the refresh token and the old one is refused; revoking the user via the control API fails the next refresh and the silent renewal', async () => {
  const { sim, info } = await simulator()
  const jar = new CookieJar()
  const first = await signIn(info, { redirectUri: CALLBACK, username: 'agent', jar })
  const renewed = await refresh(info, first.refreshToken)
  expect(renewed.status).toBe(200)
  expect(renewed.body.refresh_token).not.toBe(first.refreshToken)
  expect((await getState(sim, String(renewed.body.access_token))).status).toBe(200)
  const replayed = await refresh(info, first.refreshToken)
  expect(replayed.status).toBe(400)
  expect(replayed.body.error).toBe('invalid_grant')

  // Signed in again (the session holds, so no form), then a silent renewal works...
  const current = await signIn(info, { redirectUri: CALLBACK, username: 'agent', jar })
  const silent = await authorize(info, jar, {
    redirectUri: CALLBACK,
    pkce: pkce(),
    prompt: 'none',
  })
  expect(silent.redirectedTo.searchParams.get('code')).toEqual(expect.any(String))

  // ...until the user is revoked.
  const revoked = await control<Record<string, unknown>>(`${sim.controlUrl}/oidc/revoke`, {
    method: 'POST',
    body: { user: 'agent' },
  })
  expect(revoked.status).toBe(200)
  expect(revoked.body).toMatchObject({ user: 'agent', sub: DEFAULT_AGENT, sessions: 1 })
  expect(revoked.body.refreshTokens).toBeGreaterThanOrEqual(1)
  const refused = await refresh(info, current.refreshToken)
  expect(refused.status).toBe(400)
  expect(refused.body.error).toBe('invalid_grant')
  const silentAfter = await authorize(info, jar, {
    redirectUri: CALLBACK,
    pkce: pkce(),
    prompt: 'none',
  })
  expect(silentAfter.redirectedTo.searchParams.get('error')).toBe('login_required')
})

test('an outage: every provider request answers 503 (readable by the panel) until cleared or over; REST keeps taking tokens', async () => {
  const clock = createManualClock(Date.now())
  const { sim, info } = await simulator({ clock })
  const { accessToken } = await mint(sim, { user: 'agent' })
  const discovery = () => fetch(`${info.issuer}/.well-known/openid-configuration`)

  const started = await control(`${sim.controlUrl}/oidc/outage`, { method: 'POST' })
  expect(started.body).toEqual({ outage: { until: null } })
  expect((await discovery()).status).toBe(503)
  const token = await rawRequest(`${info.issuer}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: PANEL },
    body: 'grant_type=refresh_token&refresh_token=x&client_id=recording-panel',
  })
  expect(token.status).toBe(503)
  expect(token.headers['access-control-allow-origin']).toBe(PANEL)
  expect(JSON.parse(token.text)).toMatchObject({ error: 'temporarily_unavailable' })
  expect((await getState(sim, accessToken)).status).toBe(200)
  expect((await control(`${sim.controlUrl}/oidc/outage`, { method: 'DELETE' })).status).toBe(200)
  expect((await discovery()).status).toBe(200)

  await control(`${sim.controlUrl}/oidc/outage`, { method: 'POST', body: { seconds: 30 } })
  const during = await discovery()
  expect(during.status).toBe(503)
  expect(during.headers.get('retry-after')).toBe('30')
  clock.advance(30_000)
  expect((await discovery()).status).toBe(200)

  await control(`${sim.controlUrl}/oidc/outage`, { method: 'POST' })
  expect((await control(`${sim.controlUrl}/faults`, { method: 'DELETE' })).status).toBe(200)
  expect((await discovery()).status).toBe(200)
})

/** Tokens that must be refused, each with its reason; `expired` needs the clock moved first. */
async function refusedTokens(sim: Simulator, info: OidcInfo) {
  const expired = await mint(sim, { user: 'agent', ttlSeconds: 1 })
  const wrongAudience = await mint(sim, { user: 'agent', audience: 'https://other.example/api' })
  const wrongIssuer = await mint(sim, { user: 'agent', issuer: 'http://127.0.0.1:1' })
  const valid = await mint(sim, { user: 'agent' })
  const header = decodeProtectedHeader(valid.accessToken)
  const { privateKey } = await generateKeyPair('ES256')
  const foreign = (kid: string) =>
    new SignJWT(valid.claims)
      .setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid })
      .sign(privateKey)
  return {
    valid: valid.accessToken,
    expired: expired.accessToken,
    cases: [
      ['expired', expired.accessToken, 'the access token has expired'],
      [
        'wrong audience',
        wrongAudience.accessToken,
        `the access token is not meant for ${info.audience}`,
      ],
      [
        'wrong issuer',
        wrongIssuer.accessToken,
        `the access token was not issued by ${info.issuer}`,
      ],
      [
        'signed by another key under the provider’s kid',
        await foreign(String(header.kid)),
        "the access token's signature does not verify with this provider's key",
      ],
      [
        'signed by another key',
        await foreign('another-key'),
        'the access token is not signed by a key of this provider',
      ],
      [
        'not a JWT',
        randomBytes(24).toString('base64url'),
        'the access token is not a well-formed signed JWT',
      ],
    ] as const,
  }
}

test('REST refuses a token that is expired, for another audience or issuer, or signed by another key: 401, each with its reason, in the service’s error shape', async () => {
  const clock = createManualClock(Date.now())
  const { sim, info } = await simulator({ clock })
  const tokens = await refusedTokens(sim, info)

  clock.advance(1_000)
  expect((await getState(sim, tokens.expired)).status).toBe(200)
  clock.advance((CLOCK_TOLERANCE_SECONDS + 1) * 1_000)
  expect((await getState(sim, tokens.valid)).status).toBe(200)

  for (const [name, token, reason] of tokens.cases) {
    const answer = await getState(sim, token)
    expect(answer.status, name).toBe(401)
    expect(answer.headers.get('www-authenticate'), name).toBe(challenge(reason))
    expect(answer.body, name).toEqual({
      Message: 'Authorization has been denied for this request.',
    })
  }
  const none = await getState(sim)
  expect(none.status).toBe(401)
  expect(none.headers.get('www-authenticate')).toBe('Bearer')
  const set = await post(`${sim.restUrl}/set`, {}, bearer(tokens.cases[1][1]))
  expect(set.status).toBe(401)
})

test('every hub transport refuses those tokens with 401 and the reason: negotiate, WebSockets and event streams (access_token=), long polling', async () => {
  const clock = createManualClock(Date.now())
  const { sim, info } = await simulator({ clock })
  const tokens = await refusedTokens(sim, info)
  clock.advance((CLOCK_TOLERANCE_SECONDS + 2) * 1_000)

  const transports = {
    negotiate: (token: string) =>
      rawRequest(`${sim.hubUrl}/negotiate?negotiateVersion=1`, {
        method: 'POST',
        headers: bearer(token),
      }),
    webSockets: (token: string) =>
      rawRequest(`${sim.hubUrl}?id=connection&access_token=${token}`, {
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        },
      }),
    serverSentEvents: (token: string) =>
      rawRequest(`${sim.hubUrl}?id=connection&access_token=${token}`, {
        headers: { Accept: 'text/event-stream' },
      }),
    longPolling: (token: string) =>
      rawRequest(`${sim.hubUrl}?id=connection`, { headers: bearer(token) }),
  }
  for (const [transport, send] of Object.entries(transports)) {
    for (const [name, token, reason] of tokens.cases) {
      const answer = await send(token)
      expect(answer.status, `${transport}: ${name}`).toBe(401)
      expect(answer.headers['www-authenticate'], `${transport}: ${name}`).toBe(challenge(reason))
    }
  }
  const unknownConnection = await transports.longPolling(tokens.valid)
  expect(unknownConnection.status).toBe(404)
})

test.each([
  ['WebSockets', HttpTransportType.WebSockets],
  ['ServerSentEvents', HttpTransportType.ServerSentEvents],
  ['LongPolling', HttpTransportType.LongPolling],
] as const)(
  'the official SignalR client connects over %s with an access token and gets events',
  async (_name, transport) => {
    const { sim } = await simulator()
    const { accessToken } = await mint(sim, { user: 'agent' })
    const events: unknown[][] = []
    const connection = new HubConnectionBuilder()
      .withUrl(sim.hubUrl, { transport, accessTokenFactory: () => accessToken })
      .configureLogging(LogLevel.None)
      .build()
    connection.on('RecordingStateChangedEvent', (...args: unknown[]) => events.push(args))
    connections.push(connection)
    await connection.start()
    const paused = await post(
      `${sim.restUrl}/set`,
      {
        Action: 'Pause',
        RequesterSipUri: DEFAULT_AGENT,
        CorrelationId: DEFAULT_CALL_ID,
        UCCName: DEFAULT_UCC,
      },
      bearer(accessToken),
    )
    expect(paused.status).toBe(200)
    await expect.poll(() => events).toHaveLength(1)
  },
)

test('a redirect origin allows any path there; a URI elsewhere gets the error page, not a redirect', async () => {
  const { info } = await simulator({
    oidc: { redirectUris: ['http://localhost:4173'], postLogoutRedirectUris: [] },
  })
  expect(info.redirectUris).toEqual(expect.arrayContaining(['http://localhost:4173']))
  const anyPath = await authorize(info, new CookieJar(), {
    redirectUri: 'http://localhost:4173/some/callback',
    pkce: pkce(),
    username: 'supervisor',
    password: 'supervisor',
  })
  expect(anyPath.redirectedTo.searchParams.get('code')).toEqual(expect.any(String))

  const elsewhere = await authorize(info, new CookieJar(), {
    redirectUri: 'http://localhost:4174/callback',
    pkce: pkce(),
  }).catch((error: unknown) => String(error))
  expect(elsewhere).toMatch(/stopped at a 400 page.*redirect_uri/s)
})

test('the control API: GET /__sim/oidc describes the provider; unknown users and bad bodies are refused; without --oidc, 404', async () => {
  const { sim, info } = await simulator({
    oidc: {
      clientId: 'panel-test',
      audience: 'https://api.test/recording',
      accessTokenTtlSeconds: 7,
    },
  })
  const described = await control<Record<string, unknown>>(`${sim.controlUrl}/oidc`)
  expect(described.body).toMatchObject({
    issuer: info.issuer,
    clientId: 'panel-test',
    audience: 'https://api.test/recording',
    accessTokenTtlSeconds: 7,
    outage: null,
    users: [
      { username: 'agent', password: 'agent', sub: 'sip:agent@domain.com' },
      { username: 'supervisor', password: 'supervisor', sub: 'sip:supervisor@domain.com' },
    ],
  })
  const minted = await mint(sim, { user: 'sip:supervisor@domain.com' })
  expect(minted).toMatchObject({ tokenType: 'Bearer', expiresIn: 7 })
  expect(decodeJwt(minted.accessToken)).toMatchObject({
    sub: 'sip:supervisor@domain.com',
    aud: 'https://api.test/recording',
    client_id: 'panel-test',
  })
  const unknown = await control(`${sim.controlUrl}/oidc/token`, {
    method: 'POST',
    body: { user: 'mallory' },
  })
  expect(unknown.status).toBe(404)
  for (const body of [
    {},
    { user: 'agent', ttlSeconds: 0 },
    { user: 'agent', audience: 'not a uri' },
  ]) {
    const answer = await control(`${sim.controlUrl}/oidc/token`, { method: 'POST', body })
    expect(answer.status, JSON.stringify(body)).toBe(400)
  }

  const plain = await startTestSimulator()
  simulators.push(plain)
  expect(plain.oidc).toBeUndefined()
  expect(plain.restNeedsToken).toBe(false)
  for (const [method, path] of [
    ['GET', '/oidc'],
    ['POST', '/oidc/token'],
    ['POST', '/oidc/revoke'],
    ['POST', '/oidc/outage'],
    ['DELETE', '/oidc/outage'],
  ] as const) {
    const answer = await control(`${plain.controlUrl}${path}`, {
      method,
      ...(method === 'POST' ? { body: { user: 'agent' } } : {}),
    })
    expect(answer.status, path).toBe(404)
  }
  expect((await getState(plain)).status).toBe(200)
})

test('--oidc with --auth-token, or beyond loopback, is refused at start; the CLI takes the --oidc options', async () => {
  await expect(startTestSimulator({ oidc: {}, authToken: 'static' })).rejects.toThrow(
    /--oidc and --auth-token/,
  )
  await expect(
    startTestSimulator({ oidc: {}, host: '0.0.0.0', controlToken: 'control' }),
  ).rejects.toThrow(/loopback/)
  await expect(startTestSimulator({ oidc: { redirectUris: ['ftp://x'] } })).rejects.toThrow(
    /http or https/,
  )

  const both = parseCliArgs(['--oidc', '--auth-token', 'static'])
  expect(both).toMatchObject({ ok: false, exitCode: 2 })
  const orphan = parseCliArgs(['--oidc-audience', 'https://api.test'])
  expect(orphan).toMatchObject({ ok: false, exitCode: 2 })
  const cli = parseCliArgs([
    '--oidc',
    '--oidc-port',
    '0',
    '--oidc-redirect',
    'http://localhost:5173',
    '--oidc-redirect',
    'http://127.0.0.1:4173/callback',
    '--oidc-post-logout-redirect',
    'http://localhost:5173',
    '--oidc-client-id',
    'panel',
    '--oidc-audience',
    'https://api.test/recording',
    '--oidc-access-ttl',
    '10',
    '--oidc-refresh-ttl',
    '60',
  ])
  expect(cli.ok && cli.options.oidc).toEqual({
    port: 0,
    clientId: 'panel',
    redirectUris: ['http://localhost:5173', 'http://127.0.0.1:4173/callback'],
    postLogoutRedirectUris: ['http://localhost:5173'],
    audience: 'https://api.test/recording',
    accessTokenTtlSeconds: 10,
    refreshTokenTtlSeconds: 60,
  })
  await expect(
    startTestSimulator({ oidc: { redirectUris: ['https://panel.example.com/callback'] } }),
  ).rejects.toThrow(/loopback/)
  for (const bad of [
    ['--oidc', '--oidc-redirect', 'not a uri'],
    ['--oidc', '--oidc-redirect', 'http://192.0.2.1:5173'],
    ['--oidc', '--oidc-access-ttl', '0'],
    ['--oidc', '--oidc-audience', 'relative/path'],
  ]) {
    expect(parseCliArgs(bad), bad.join(' ')).toMatchObject({ ok: false, exitCode: 2 })
  }
})

test('the banner names the issuer, the client id and the test users', async () => {
  const { sim, info } = await simulator()
  const text = banner(sim)
  expect(text).toContain(info.issuer)
  expect(text).toContain('recording-panel')
  expect(text).toMatch(/agent\/agent/)
  expect(text).toMatch(/supervisor\/supervisor/)
})

/** A child that reports every module it loads from oidc-provider or jose, then parses `args` as
 *  the CLI does, starts the simulator (ports 0) and closes it. */
async function modulesLoadedBy(args: string[]): Promise<string[]> {
  const hook = `export async function resolve(specifier, context, next) {
    const result = await next(specifier, context)
    const found = /\\/node_modules\\/((?:oidc-provider|jose)\\/[^?]*)/.exec(result.url)
    if (found) process.stdout.write('loaded ' + found[1] + '\\n')
    return result
  }`
  const script = `
    import { register } from 'node:module'
    register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hook)}))
    const { parseCliArgs } = await import('./simulator/cli-options.ts')
    const { banner } = await import('./simulator/banner.ts')
    const { startSimulator } = await import('./simulator/server.ts')
    const parsed = parseCliArgs(process.argv.slice(1))
    if (!parsed.ok) throw new Error(parsed.output)
    const { oidc } = parsed.options
    const sim = await startSimulator({ ...parsed.options, port: 0, ...(oidc ? { oidc: { ...oidc, port: 0 } } : {}) })
    banner(sim)
    await sim.close()
    process.stdout.write('closed\\n')`
  const root = fileURLToPath(new URL('..', import.meta.url))
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...args],
    { cwd: root, timeout: 15_000 },
  )
  expect(stdout).toMatch(/closed\n$/)
  return stdout.split('\n').flatMap((line) => (line.startsWith('loaded ') ? [line.slice(7)] : []))
}

test('without --oidc the simulator loads neither oidc-provider nor jose (they load with --oidc)', async () => {
  const [plain, withOidc] = await Promise.all([
    modulesLoadedBy(['--scenario', 'static']),
    modulesLoadedBy(['--oidc']),
  ])
  expect(plain).toEqual([])
  expect(withOidc).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^oidc-provider\//),
      expect.stringMatching(/^jose\//),
    ]),
  )
})
