import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { afterEach, expect, test } from 'vitest'
import { closeServer, listen } from '../listen.ts'
import { CookieJar, FlowStopped, browse, pageText } from './test-browser.ts'

const withCookies = (...cookies: string[]) =>
  new Response(null, { headers: cookies.map((cookie): [string, string] => ['Set-Cookie', cookie]) })

test('the jar keeps cookies, replaces them, and drops emptied and expired ones', () => {
  const jar = new CookieJar()
  jar.keep(withCookies('_session=abc; path=/; httponly', '_interaction=x=y; path=/interaction'))
  expect(jar.header()).toBe('_session=abc; _interaction=x=y')
  jar.keep(withCookies('_session=def; path=/'))
  expect(jar.header()).toBe('_session=def; _interaction=x=y')
  jar.keep(
    withCookies(
      '_interaction=; path=/interaction',
      '_session=gone; expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ),
  )
  expect(jar.header()).toBe('')
})

test('pageText is what <main> says, without tags; FlowStopped carries the page and says it', () => {
  const page =
    '<html><title>x</title><main><h1>Sign in</h1>\n<p role="alert">Wrong   password.</p></main></html>'
  expect(pageText(page)).toBe('Sign in Wrong password.')
  expect(pageText('<p>no main</p>')).toBe('no main')
  const stopped = new FlowStopped(400, page)
  expect(stopped).toMatchObject({ name: 'FlowStopped', status: 400, page })
  expect(stopped.message).toBe('the flow stopped at a 400 page: Sign in Wrong password.')
})

let server: Server | undefined
afterEach(async () => {
  if (server) await closeServer(server)
  server = undefined
})

test('browse sends the jar’s cookies, posts a form as a browser does, and follows no redirect', async () => {
  const seen: { method?: string; cookie?: string; type?: string; body: string }[] = []
  server = createServer((req, res) => {
    let body = ''
    req.on('data', (chunk: Buffer) => (body += chunk.toString()))
    req.on('end', () => {
      seen.push({
        method: req.method,
        cookie: req.headers.cookie,
        type: req.headers['content-type'],
        body,
      })
      res.writeHead(303, { Location: '/next', 'Set-Cookie': `visit=${seen.length}` }).end()
    })
  })
  const origin = `http://127.0.0.1:${await listen(server, 0, '127.0.0.1')}`
  const jar = new CookieJar()
  const first = await browse(jar, `${origin}/start`)
  expect(first.status).toBe(303)
  expect(first.headers.get('location')).toBe('/next')
  await browse(jar, `${origin}/form`, { form: { username: 'agent', password: 'a&b' } })
  expect(seen).toEqual([
    { method: 'GET', cookie: '', type: undefined, body: '' },
    {
      method: 'POST',
      cookie: 'visit=1',
      type: 'application/x-www-form-urlencoded',
      body: 'username=agent&password=a%26b',
    },
  ])
  expect(jar.header()).toBe('visit=2')
})
