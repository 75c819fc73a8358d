import { Agent, createServer, request } from 'node:http'
import { expect, test } from 'vitest'
import { closeServer, KEEP_ALIVE_MS, listen } from './listen.ts'

test('listen resolves with the port it got; a taken port rejects and leaves nothing listening', async () => {
  const first = createServer((_req, res) => res.end('first'))
  const port = await listen(first, 0, '127.0.0.1')
  expect(port).toBeGreaterThan(0)
  const second = createServer()
  await expect(listen(second, port, '127.0.0.1')).rejects.toMatchObject({ code: 'EADDRINUSE' })
  expect(second.listening).toBe(false)
  expect(second.listenerCount('error')).toBe(0)
  await closeServer(first)
})

test('closeServer ends kept-alive connections instead of waiting for them', async () => {
  const server = createServer((_req, res) => res.end('ok'))
  const port = await listen(server, 0, '127.0.0.1')
  const agent = new Agent({ keepAlive: true })
  await new Promise<void>((resolve, reject) => {
    request({ host: '127.0.0.1', port, agent }, (res) => {
      res.resume()
      res.on('end', resolve)
    })
      .on('error', reject)
      .end()
  })
  const started = Date.now()
  await closeServer(server)
  expect(server.listening).toBe(false)
  expect(Date.now() - started).toBeLessThan(1_000)
  agent.destroy()
})

test("an idle kept-alive connection stays open as long as the service's hosts keep theirs (not Node's 5 s)", async () => {
  const server = createServer((_req, res) => res.end('ok'))
  await listen(server, 0, '127.0.0.1')
  expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_MS)
  expect(KEEP_ALIVE_MS).toBeGreaterThanOrEqual(120_000)
  expect(server.headersTimeout).toBeGreaterThan(server.keepAliveTimeout)
  await closeServer(server)
})
