import { createServer } from 'node:http'
import { expect, test } from 'vitest'
import { closeServer, listen } from './listen.ts'
import { describeStartFailure } from './start-failure.ts'

/** The error Node gives when `port` is taken: the real one, not a hand-made copy. */
async function takenPortError(): Promise<{
  error: unknown
  port: number
  close: () => Promise<void>
}> {
  const holder = createServer()
  const port = await listen(holder, 0, '127.0.0.1')
  const error = await listen(createServer(), port, '127.0.0.1').catch((caught: unknown) => caught)
  return { error, port, close: () => closeServer(holder) }
}

test("the provider's port taken: the provider's port and option are named, not the simulator's", async () => {
  const { error, port, close } = await takenPortError()
  expect(describeStartFailure(error, { port: 5390, oidcPort: port })).toBe(
    `port ${port} (the OpenID Provider's, --oidc-port) is already in use`,
  )
  await close()
})

test("the simulator's port taken: that port is named", async () => {
  const { error, port, close } = await takenPortError()
  expect(describeStartFailure(error, { port, oidcPort: 5392 })).toBe(
    `port ${port} is already in use (--port)`,
  )
  await close()
})

test('an address that is not this machine: the address is named', async () => {
  const error = await listen(createServer(), 0, '192.0.2.1').catch((caught: unknown) => caught)
  expect(describeStartFailure(error, { port: 0, oidcPort: undefined })).toBe(
    '192.0.2.1 is not an address of this machine (--host)',
  )
})

test('any other failure is said as it is', () => {
  expect(describeStartFailure(new Error('boom'), { port: 1, oidcPort: undefined })).toBe(
    'Error: boom',
  )
})
