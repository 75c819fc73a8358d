// Who may drive the control API (/__sim/): JSON requests only, from no foreign page, to a loopback
// or configured Host, with the control token when there is one; never opened by CORS.
import { afterEach, expect, test } from 'vitest'
import { parseCliArgs } from './cli-options.ts'
import { DEFAULT_CALL_ID, DEFAULT_UCC } from './default-data.ts'
import type { Simulator, SimulatorOptions } from './server.ts'
import { control, rawRequest, request, startTestSimulator } from './test-support.ts'

const simulators: Simulator[] = []
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((sim) => sim.close()))
})

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startTestSimulator(options)
  simulators.push(sim)
  return sim
}

const silentPath = `/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}/silent`
const recordingState = (sim: Simulator) =>
  sim.store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)?.recordingState

test('with --auth-token and no --control-token, the control API wants the auth token: reset and silent are refused without it', async () => {
  const sim = await simulator({ authToken: 'rest-token' })
  const reset = await control<{ Message: string }>(`${sim.controlUrl}/reset`, { method: 'POST' })
  expect(reset.status).toBe(401)
  expect(reset.headers.get('www-authenticate')).toBe('Bearer')
  expect(reset.body.Message).toMatch(/control/i)
  const silent = await control(`${sim.controlUrl}${silentPath}`, {
    method: 'POST',
    body: { recordingState: 3 },
  })
  expect(silent.status).toBe(401)
  expect(recordingState(sim)).toBe(1)
  const allowed = await control(`${sim.controlUrl}${silentPath}`, {
    method: 'POST',
    body: { recordingState: 3 },
    token: 'rest-token',
  })
  expect(allowed.status).toBe(200)
  expect(recordingState(sim)).toBe(3)
})

test('with --control-token every control request needs that bearer token, and the REST token is not it', async () => {
  const sim = await simulator({ authToken: 'rest-token', controlToken: 'control-token' })
  for (const token of [undefined, 'rest-token', 'control-token-but-longer', '']) {
    const health = await control(`${sim.controlUrl}/health`, token === undefined ? {} : { token })
    expect(health.status, String(token)).toBe(401)
  }
  expect((await control(`${sim.controlUrl}/health`, { token: 'control-token' })).status).toBe(200)
  const restWithControlToken = await request(`${sim.restUrl}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`, {
    headers: { Authorization: 'Bearer control-token' },
  })
  expect(restWithControlToken.status).toBe(401)
})

test('a cross-site no-cors POST cannot drive it: a text/plain body, or none, gets 415 and changes nothing', async () => {
  const sim = await simulator()
  for (const contentType of ['text/plain;charset=UTF-8', 'application/x-www-form-urlencoded']) {
    const answer = await request<{ Message: string }>(`${sim.controlUrl}${silentPath}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType },
      body: '{"recordingState":3}',
    })
    expect(answer.status, contentType).toBe(415)
    expect(answer.body.Message).toMatch(/application\/json/)
  }
  const untyped = await request(`${sim.controlUrl}/reset`, { method: 'POST' })
  expect(untyped.status).toBe(415)
  const deleteUntyped = await request(`${sim.controlUrl}/faults`, { method: 'DELETE' })
  expect(deleteUntyped.status).toBe(415)
  expect(recordingState(sim)).toBe(1)
  const typed = await request(`${sim.controlUrl}/reset`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  })
  expect(typed.status).toBe(200)
})

test('a foreign Origin is refused (403), the simulator’s own origin and a --control-origin are not', async () => {
  const sim = await simulator({ controlOrigins: ['http://tools.test:8080'] })
  const post = (origin: string) =>
    rawRequest(`${sim.controlUrl}${silentPath}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: origin },
      body: '{"recordingState":3}',
    })
  for (const origin of [
    'http://attacker.example',
    'null',
    `http://127.0.0.1:${sim.port + 1}`,
    `https://127.0.0.1:${sim.port}`,
    'http://tools.test:8081',
  ]) {
    const answer = await post(origin)
    expect(answer.status, origin).toBe(403)
    expect(answer.text, origin).toMatch(/Origin/)
  }
  expect(recordingState(sim)).toBe(1)
  expect((await post(`http://127.0.0.1:${sim.port}`)).status).toBe(200)
  expect((await post('http://TOOLS.test:8080')).status).toBe(200)
})

test('a Host that is not loopback is refused (DNS rebinding), unless it is an --allowed-host', async () => {
  const sim = await simulator({ allowedHosts: ['sim.internal'] })
  const reset = (host: string) =>
    rawRequest(`${sim.controlUrl}/reset`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Host: host },
    })
  for (const host of [
    'attacker.example',
    `attacker.example:${sim.port}`,
    `127.0.0.1.nip.io:${sim.port}`,
    'localhost.attacker.example',
    '10.0.0.8',
  ]) {
    const answer = await reset(host)
    expect(answer.status, host).toBe(403)
    expect(answer.text, host).toMatch(/Host/)
  }
  for (const host of [
    `127.0.0.1:${sim.port}`,
    `localhost:${sim.port}`,
    `[::1]:${sim.port}`,
    'sim.internal:8443',
    'SIM.INTERNAL',
  ]) {
    expect((await reset(host)).status, host).toBe(200)
  }
  const restFromAnyHost = await rawRequest(`${sim.restUrl}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`, {
    headers: { Host: 'attacker.example' },
  })
  expect(restFromAnyHost.status).toBe(200)
})

test('CORS never opens the control API, whatever --cors-origin says', async () => {
  const sim = await simulator({ corsOrigin: '*' })
  const headers = { Origin: 'http://anywhere.test', 'Content-Type': 'application/json' }
  const health = await rawRequest(`${sim.controlUrl}/health`, { headers })
  expect(health.status).toBe(403)
  expect(health.headers['access-control-allow-origin']).toBeUndefined()
  expect(health.headers['access-control-allow-credentials']).toBeUndefined()
  const preflight = await rawRequest(`${sim.controlUrl}/reset`, {
    method: 'OPTIONS',
    headers: { Origin: `http://127.0.0.1:${sim.port}`, 'Access-Control-Request-Method': 'POST' },
  })
  expect(preflight.status).toBe(405)
  expect(preflight.headers['access-control-allow-origin']).toBeUndefined()
  const rest = await rawRequest(`${sim.restUrl}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`, { headers })
  expect(rest.headers['access-control-allow-origin']).toBe('http://anywhere.test')
})

test('listening beyond loopback without a control token is refused at start, with the reason', async () => {
  await expect(startTestSimulator({ host: '0.0.0.0' })).rejects.toThrow(/--control-token/)
  await expect(startTestSimulator({ host: '0.0.0.0', authToken: 'rest' })).rejects.toThrow(
    /--control-token/,
  )
  const cli = parseCliArgs(['--host', '0.0.0.0'])
  expect(cli.ok).toBe(false)
  if (!cli.ok) {
    expect(cli.exitCode).toBe(2)
    expect(cli.output).toMatch(/--control-token/)
  }
})

test('beyond loopback with a control token: it starts, says so, and lists the real addresses', async () => {
  const sim = await simulator({ host: '0.0.0.0', controlToken: 'control-token' })
  expect(sim.exposed).toBe(true)
  expect(sim.addresses).toContain(`http://127.0.0.1:${sim.port}`)
  expect(sim.addresses.every((address) => address.endsWith(`:${sim.port}`))).toBe(true)
  expect((await control(`${sim.controlUrl}/health`)).status).toBe(401)
  expect((await control(`${sim.controlUrl}/health`, { token: 'control-token' })).status).toBe(200)
  const local = await simulator()
  expect(local.exposed).toBe(false)
  expect(local.addresses).toEqual([`http://127.0.0.1:${local.port}`])
})
