import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest'
import { DEFAULT_AGENT, DEFAULT_CALL_ID, DEFAULT_UCC } from './default-data.ts'
import type { Simulator } from './server.ts'
import { control, post, request, startTestSimulator } from './test-support.ts'

const rest = '/attendantservice/api/recording'
const stateUrl = (sim: Simulator) => `${sim.url}${rest}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`
const started: Simulator[] = []

async function simulator(
  options: Parameters<typeof startTestSimulator>[0] = {},
): Promise<Simulator> {
  const sim = await startTestSimulator(options)
  started.push(sim)
  return sim
}

afterEach(() => {
  vi.restoreAllMocks()
})
afterAll(async () => {
  await Promise.all(started.map((sim) => sim.close()))
})

let plain: Simulator
beforeAll(async () => {
  plain = await simulator()
})

test('malformed JSON answers 400 with a Message', async () => {
  const answer = await post<{ Message: string }>(`${plain.url}${rest}/set`, '{"Action": 1,')
  expect(answer.status).toBe(400)
  expect(answer.body.Message).toMatch(/not valid JSON/)
})

test('an empty body and a body that is not an object answer 400', async () => {
  expect((await post(`${plain.url}${rest}/set`, '')).status).toBe(400)
  expect((await post(`${plain.url}${rest}/set`, '[1, 2]')).status).toBe(400)
  expect((await post(`${plain.url}/__sim/uccs`, '{oops')).status).toBe(400)
})

test('a body over 64 KB answers 413, and the server goes on answering', async () => {
  const big = { Action: 1, UCCName: DEFAULT_UCC, Padding: 'x'.repeat(65 * 1024) }
  const answer = await post<{ Message: string }>(`${plain.url}${rest}/set`, big)
  expect(answer.status).toBe(413)
  expect(answer.body.Message).toMatch(/larger than/)
  expect((await request(stateUrl(plain))).status).toBe(200)
})

test('unknown routes answer 404 JSON', async () => {
  for (const path of [
    `${rest}/only-one-segment`,
    `${rest}/a/b/c`,
    '/attendantservice/api/v3/recording/set',
    '/nowhere',
    '/__sim/nothing',
  ]) {
    const answer = await request<{ Message: string }>(`${plain.url}${path}`)
    expect(answer.status, path).toBe(404)
    expect(answer.body.Message, path).toEqual(expect.any(String))
  }
})

test.each([
  ['GET', `${rest}/set`, 'POST'],
  ['PUT', `${rest}/set`, 'POST'],
  ['POST', `${rest}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`, 'GET'],
  ['DELETE', `${rest}/capabilities/${DEFAULT_UCC}`, 'GET'],
  ['PUT', '/__sim/reset', 'POST'],
  ['POST', '/__sim/state', 'GET'],
])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
  const answer = await request<{ Message: string }>(`${plain.url}${path}`, { method })
  expect(answer.status).toBe(405)
  expect(answer.headers.get('allow')).toBe(allow)
  expect(answer.body.Message).toEqual(expect.any(String))
})

test('a handler that throws answers 500 JSON and the process carries on', async () => {
  vi.spyOn(plain.store, 'findUcc').mockImplementation(() => {
    throw new Error('boom')
  })
  const answer = await request<{ Message: string }>(stateUrl(plain))
  expect(answer.status).toBe(500)
  expect(answer.body.Message).toEqual(expect.any(String))
  vi.restoreAllMocks()
  expect((await request(stateUrl(plain))).status).toBe(200)
})

test('a request line the URL parser refuses does not crash the server', async () => {
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: plain.port, path: '/%', method: 'GET' },
      (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      },
    )
    req.on('error', reject)
    req.end()
  })
  expect(status).toBe(404)
  expect((await request(stateUrl(plain))).status).toBe(200)
})

test('with an auth token, REST requires the bearer token, and so does the control API (no control token given)', async () => {
  const sim = await simulator({ authToken: 'secret-token' })
  const none = await request<{ Message: string }>(stateUrl(sim))
  expect(none.status).toBe(401)
  expect(none.headers.get('www-authenticate')).toBe('Bearer')
  expect(none.body.Message).toEqual(expect.any(String))
  expect(
    (await request(stateUrl(sim), { headers: { Authorization: 'Bearer wrong' } })).status,
  ).toBe(401)
  expect(
    (await request(stateUrl(sim), { headers: { Authorization: 'Basic secret-token' } })).status,
  ).toBe(401)
  const good = await request(stateUrl(sim), { headers: { Authorization: 'Bearer secret-token' } })
  expect(good.status).toBe(200)
  const set = await post(
    `${sim.url}${rest}/set`,
    {
      Action: 3,
      RequesterSipUri: DEFAULT_AGENT,
      CorrelationId: DEFAULT_CALL_ID,
      UCCName: DEFAULT_UCC,
    },
    { Authorization: 'Bearer secret-token' },
  )
  expect(set.status).toBe(200)
  expect((await request(`${sim.url}/__sim/health`)).status).toBe(401)
  expect((await control(`${sim.url}/__sim/health`, { token: 'secret-token' })).status).toBe(200)
  expect((await request(`${sim.url}${rest}/set`, { method: 'OPTIONS' })).status).toBe(204)
})

test('CORS: an allowed origin is echoed with credentials and the preflight answers 204', async () => {
  const sim = await simulator({ corsOrigin: 'http://panel.test:5173' })
  const preflight = await request(`${sim.url}${rest}/set`, {
    method: 'OPTIONS',
    headers: {
      Origin: 'http://panel.test:5173',
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type',
    },
  })
  expect(preflight.status).toBe(204)
  expect(preflight.headers.get('access-control-allow-origin')).toBe('http://panel.test:5173')
  expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
  expect(preflight.headers.get('access-control-allow-headers')).toBe(
    'Authorization, X-Requested-With, X-SignalR-User-Agent, Content-Type',
  )
  expect(preflight.headers.get('access-control-allow-methods')).toBe('GET, POST, DELETE, OPTIONS')
  for (const path of [
    `${rest}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`,
    '/attendantservice/hubs/recording/negotiate',
  ]) {
    const answer = await request(`${sim.url}${path}`, {
      method: path.endsWith('negotiate') ? 'POST' : 'GET',
      headers: { Origin: 'http://panel.test:5173' },
    })
    expect(answer.headers.get('access-control-allow-origin'), path).toBe('http://panel.test:5173')
    expect(answer.headers.get('access-control-allow-credentials'), path).toBe('true')
  }
  const stranger = await request(stateUrl(sim), { headers: { Origin: 'http://evil.test' } })
  expect(stranger.headers.get('access-control-allow-origin')).toBeNull()
})

test('CORS with * echoes any origin, never *', async () => {
  const sim = await simulator({ corsOrigin: '*' })
  const answer = await request(stateUrl(sim), { headers: { Origin: 'http://anywhere.test' } })
  expect(answer.headers.get('access-control-allow-origin')).toBe('http://anywhere.test')
  expect(answer.headers.get('vary')).toBe('Origin')
})

test('without a CORS origin no CORS headers are sent', async () => {
  const answer = await request(stateUrl(plain), { headers: { Origin: 'http://panel.test' } })
  expect(answer.headers.get('access-control-allow-origin')).toBeNull()
})

test('--latency delays every REST answer, and fault latency adds to it', async () => {
  const sim = await simulator({ latency: 120 })
  let before = performance.now()
  expect((await request(stateUrl(sim))).status).toBe(200)
  expect(performance.now() - before).toBeGreaterThanOrEqual(115)
  before = performance.now()
  expect((await request(`${sim.url}${rest}/nothing`)).status).toBe(404)
  expect(performance.now() - before).toBeGreaterThanOrEqual(115)
  await post(`${sim.url}/__sim/faults/latency`, { ms: 100 })
  before = performance.now()
  await request(`${sim.url}${rest}/capabilities/${DEFAULT_UCC}`)
  expect(performance.now() - before).toBeGreaterThanOrEqual(215)
})

test('--static serves the built panel, with index.html for pages and 404 for missing files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sim-static-'))
  try {
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>panel</title>')
    await writeFile(join(dir, 'app.js'), 'console.log(1)')
    const sim = await simulator({ staticDir: dir })
    const index = await request(`${sim.url}/`)
    expect(index.status).toBe(200)
    expect(index.headers.get('content-type')).toMatch(/^text\/html/)
    expect(index.text).toContain('<title>panel</title>')
    const csp = index.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).toContain(`ws://127.0.0.1:${sim.port}`)
    const script = await request(`${sim.url}/app.js`)
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/)
    expect(script.text).toBe('console.log(1)')
    expect(script.headers.get('content-security-policy')).toBeNull()
    const raw = await fetch(`${sim.url}/app.js`, { headers: { 'Accept-Encoding': 'gzip' } })
    expect(raw.headers.get('content-encoding')).toBe('gzip')
    expect(await raw.text()).toBe('console.log(1)')
    expect(index.headers.get('cache-control')).toBe('no-cache')
    const page = await request(`${sim.url}/board/ucc-sales`, {
      headers: { Accept: 'text/html,*/*' },
    })
    expect(page.text).toContain('<title>panel</title>')
    expect((await request(`${sim.url}/missing.js`)).status).toBe(404)
    const api = await request(`${sim.url}/attendantservice/api/v3/recording/x`, {
      headers: { Accept: 'text/html' },
    })
    expect(api.status).toBe(404)
    expect((await request(stateUrl(sim))).status).toBe(200)
    const escape = await request(`${sim.url}/%2e%2e/%2e%2e/etc/passwd`)
    expect(escape.status).toBe(404)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
})

test('close() ends the server: later requests fail', async () => {
  const sim = await startTestSimulator()
  await sim.close()
  await expect(fetch(stateUrl(sim))).rejects.toThrow()
  await sim.close()
})
