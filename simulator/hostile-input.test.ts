// Input meant to break the simulator: deep JSON, bad fault options, huge bodies, a forged Host,
// and paths that try to leave the static folder.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { contentSecurityPolicy } from '../deploy/content-security-policy.ts'
import { DEFAULT_AGENT, DEFAULT_CALL_ID, DEFAULT_UCC } from './default-data.ts'
import type { Simulator } from './server.ts'
import { control, post, rawRequest, request, startTestSimulator } from './test-support.ts'

let sim: Simulator
beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())

const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`
const stateUrl = () => `${sim.restUrl}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`

test('JSON nested 5,000 levels deep answers 400 on /recording/set and /__sim/events', async () => {
  const set = await post<{ Message: string }>(
    `${sim.restUrl}/set`,
    `{"Action":${nested(5000)},"UCCName":"${DEFAULT_UCC}","CorrelationId":"${DEFAULT_CALL_ID}","RequesterSipUri":"${DEFAULT_AGENT}"}`,
  )
  expect(set.status).toBe(400)
  expect(set.body.Message).toMatch(/nested deeper than 64/)
  const events = await post<{ Message: string }>(
    `${sim.controlUrl}/events`,
    `{"arguments":${nested(5000)}}`,
  )
  expect(events.status).toBe(400)
  expect(events.body.Message).toMatch(/nested deeper than 64/)
  const brackets = await post(`${sim.controlUrl}/events`, `{"arguments":["${'['.repeat(5000)}"]}`)
  expect(brackets.status).toBe(202)
})

test('a fault nested 20,000 levels deep is refused and never stored: the faults still answer', async () => {
  const fault = await post(`${sim.controlUrl}/faults/next`, `{"body":{"a":${nested(20_000)}}}`)
  expect(fault.status).toBe(400)
  const faults = await control<{ pending: unknown[] }>(`${sim.controlUrl}/faults`)
  expect(faults.status).toBe(200)
  expect(faults.body.pending).toEqual([])
  expect((await request(stateUrl())).status).toBe(200)
})

test.each([
  ['CR/LF', 'text/plain\r\nX-Injected: 1'],
  ['LF', 'text/plain\nX-Injected: 1'],
  ['a control character', 'text/plain\u0000'],
  ['a non-ASCII character', 'text/plaín'],
  ['no subtype', 'text'],
  ['over 200 characters', `text/plain; x=${'a'.repeat(200)}`],
])('a fault contentType with %s is refused (400) and not stored', async (_name, contentType) => {
  const fault = await control<{ Message: string }>(`${sim.controlUrl}/faults/next`, {
    method: 'POST',
    body: { endpoint: 'state', contentType },
  })
  expect(fault.status).toBe(400)
  expect(fault.body.Message).toMatch(/contentType/)
  expect((await control<{ pending: unknown[] }>(`${sim.controlUrl}/faults`)).body.pending).toEqual(
    [],
  )
  expect((await request(stateUrl())).status).toBe(200)
})

test('other options that reach the wire are bounded: a close error over 1,000 characters, an event target over 200', async () => {
  const close = await post(`${sim.controlUrl}/faults/close-connections`, {
    error: 'x'.repeat(1001),
  })
  expect(close.status).toBe(400)
  const event = await post(`${sim.controlUrl}/events`, { target: 'x'.repeat(201), arguments: [] })
  expect(event.status).toBe(400)
})

/** Sends `bytes` of body (announced, or chunked) and resolves with the status, or rejects with the
 *  socket error the client saw (a reset, a broken pipe). */
function sendHuge(path: string, bytes: number, announced: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${sim.url}${path}`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        ...(announced ? { 'Content-Length': String(bytes) } : {}),
      },
    })
    let status = 0
    req.on('response', (res) => {
      status = res.statusCode ?? 0
      res.resume()
      res.on('end', () => resolve(status))
      res.on('error', reject)
    })
    req.on('error', reject)
    const chunk = Buffer.alloc(64 * 1024, 0x20)
    let sent = 0
    const write = () => {
      while (sent < bytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, bytes - sent))
        sent += piece.length
        if (!req.write(piece)) return void req.once('drain', write)
      }
      req.end()
    }
    write()
  })
}

test.each([
  ['/attendantservice/api/recording/set', true],
  ['/attendantservice/api/recording/set', false],
  ['/__sim/events', true],
  ['/__sim/events', false],
])(
  'a 9 MiB body to %s (announced: %s) answers 413, with no connection reset',
  async (path, announced) => {
    expect(await sendHuge(path, 9 * 1024 * 1024, announced)).toBe(413)
    expect((await request(stateUrl())).status).toBe(200)
  },
)

test('the Host header never reaches the CSP: connect-src comes from the listening address', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sim-csp-'))
  const served = await startTestSimulator({ staticDir: dir, allowedHosts: ['sim.internal'] })
  try {
    await writeFile(join(dir, 'index.html'), '<!doctype html><title>panel</title>')
    const page = await rawRequest(`${served.url}/`, {
      headers: { Host: "a; script-src * 'unsafe-inline'" },
    })
    const csp = String(page.headers['content-security-policy'])
    expect(csp).not.toMatch(/script-src \*|unsafe-inline|a;/)
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain(`ws://127.0.0.1:${served.port}`)
    expect(csp).toContain(`ws://localhost:${served.port}`)
    expect(csp).toContain(`ws://sim.internal:${served.port}`)
  } finally {
    await served.close()
    await rm(dir, { recursive: true, force: true })
  }
})

test('contentSecurityPolicy refuses a source that would add a directive', () => {
  expect(() => contentSecurityPolicy(['a; script-src *'])).toThrow(/not a CSP source/)
  expect(() => contentSecurityPolicy(['ws://a b'])).toThrow(/not a CSP source/)
  expect(() => contentSecurityPolicy(['wss://ok.example:8443'])).not.toThrow()
})

test('static serving refuses symlinks out of the folder, dot-files, dot-folders and source maps', async () => {
  const base = await mkdtemp(join(tmpdir(), 'sim-static-hostile-'))
  const dist = join(base, 'dist')
  const outside = join(base, 'outside')
  try {
    await mkdir(join(dist, 'assets'), { recursive: true })
    await mkdir(join(dist, '.vite'), { recursive: true })
    await mkdir(outside)
    await writeFile(join(outside, 'secret.txt'), 'secret')
    await writeFile(join(dist, 'index.html'), '<!doctype html><title>panel</title>')
    await writeFile(join(dist, 'assets', 'app.js'), 'console.log(1)')
    await writeFile(join(dist, 'assets', 'app.js.map'), '{"version":3}')
    await writeFile(join(dist, '.vite', 'manifest.json'), '{}')
    await writeFile(join(dist, '.env'), 'TOKEN=1')
    await symlink(join(outside, 'secret.txt'), join(dist, 'leak.txt'))
    await symlink(outside, join(dist, 'out'))
    await symlink(join(dist, 'assets', 'app.js'), join(dist, 'alias.js'))
    await symlink(join(dist, 'assets', 'app.js'), join(dist, '.hidden.js'))
    const served = await startTestSimulator({ staticDir: dist })
    try {
      for (const path of [
        '/leak.txt',
        '/out/secret.txt',
        '/.vite/manifest.json',
        '/%2evite/manifest.json',
        '/.env',
        '/.hidden.js',
        '/assets/app.js.map',
      ]) {
        const answer = await request(`${served.url}${path}`)
        expect(answer.status, path).toBe(404)
        expect(answer.text, path).not.toMatch(/secret|TOKEN|version|console/)
      }
      expect((await request(`${served.url}/assets/app.js`)).text).toBe('console.log(1)')
      expect((await request(`${served.url}/alias.js`)).text).toBe('console.log(1)')
    } finally {
      await served.close()
    }
  } finally {
    await rm(base, { recursive: true, force: true })
  }
})
