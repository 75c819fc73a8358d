import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import {
  contentSecurityPolicy,
  embedOriginsOf,
  embedOriginsOfText,
  frameAncestorsDirective,
} from '../deploy/content-security-policy.ts'
import { serveStatic } from './static-files.ts'

let dir: string
let server: Server
let url: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'static-files-'))
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>panel</title>')
  writeFileSync(join(dir, 'app.js'), 'console.log(1)')
  server = createServer((req, res) => {
    void serveStatic(req, res, new URL(req.url ?? '/', 'http://x'), dir, []).then((served) => {
      if (!served) res.writeHead(404).end()
    })
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()))
  rmSync(dir, { recursive: true, force: true })
})

function writeConfig(body: string) {
  writeFileSync(join(dir, 'config.json'), body)
}

async function policy(path = '/'): Promise<string | null> {
  const response = await fetch(url + path, { headers: { Accept: 'text/html' } })
  await response.arrayBuffer()
  return response.headers.get('content-security-policy')
}

test('pages carry frame-ancestors from the served config.json, read anew on every page', async () => {
  writeConfig(JSON.stringify({ embedOrigins: ['https://desktop.example.com'] }))
  expect(await policy()).toContain("frame-ancestors 'self' https://desktop.example.com")
  writeConfig(JSON.stringify({ embedOrigins: ['https://a.example.com', 'http://127.0.0.1:5174'] }))
  expect(await policy('/some/page')).toContain(
    "frame-ancestors 'self' https://a.example.com http://127.0.0.1:5174",
  )
  // Other files carry no policy.
  const script = await fetch(`${url}/app.js`)
  expect(script.headers.get('content-security-policy')).toBeNull()
})

test.each([
  ['no embedOrigins', '{}'],
  ['a broken config.json', '{ "embedOrigins": ['],
  ['one bad origin among good ones', '{ "embedOrigins": ["https://ok.example.com", "*"] }'],
  [
    'an origin that would add a directive',
    '{ "embedOrigins": ["https://ok.example.com; script-src *"] }',
  ],
])('%s: only the panel’s own origin may frame it', async (_, body) => {
  writeConfig(body)
  const csp = await policy()
  expect(csp).toMatch(/frame-ancestors 'self'$/)
  expect(csp).toContain("script-src 'self'")
})

test('no config.json: only the panel’s own origin may frame it', async () => {
  rmSync(join(dir, 'config.json'), { force: true })
  expect(await policy()).toMatch(/frame-ancestors 'self'$/)
})

test('embedOriginsOf accepts what the panel accepts, and nothing else', () => {
  expect(embedOriginsOf({ embedOrigins: ['https://a.example', 'http://127.0.0.1:5174'] })).toEqual([
    'https://a.example',
    'http://127.0.0.1:5174',
  ])
  for (const embedOrigins of [
    'https://a.example',
    ['https://a.example/'],
    ['https://a.example/path'],
    ['https://*.example.com'],
    ['javascript:alert(1)'],
    ['https://user:pw@a.example'],
    ["'unsafe-inline'"],
    [42],
    Array.from({ length: 21 }, (_, index) => `https://a${index}.example`),
  ])
    expect(embedOriginsOf({ embedOrigins })).toEqual([])
  expect(embedOriginsOf(null)).toEqual([])
  expect(embedOriginsOfText('not json')).toEqual([])
  expect(embedOriginsOfText(undefined)).toEqual([])
})

test('the policy refuses a frame ancestor that is not an origin', () => {
  expect(() => contentSecurityPolicy([], ['https://a.example; script-src *'])).toThrow(
    /not an http\(s\) origin/,
  )
  expect(() => frameAncestorsDirective(['*'])).toThrow(/not an http\(s\) origin/)
  expect(contentSecurityPolicy()).toMatch(/; frame-ancestors 'self'$/)
  expect(frameAncestorsDirective(['https://a.example'])).toBe(
    "frame-ancestors 'self' https://a.example",
  )
})
