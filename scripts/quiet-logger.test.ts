import { expect, test, vi } from 'vitest'
import type { Logger } from 'vite'
import { quietProxyLogger } from './quiet-logger.ts'

function fakeLogger() {
  const error = vi.fn()
  return { logger: { error } as unknown as Logger, error }
}

function withCode(code: string): Error {
  return Object.assign(new Error(`read ${code}`), { code })
}

test.each(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])(
  'a proxied WebSocket that ends with %s is not reported',
  (code) => {
    const { logger, error } = fakeLogger()
    quietProxyLogger(logger).error('ws proxy error:\nError: read', { error: withCode(code) })
    quietProxyLogger(logger).error('ws proxy socket error:\nError: write', {
      error: withCode(code),
    })
    expect(error).not.toHaveBeenCalled()
  },
)

test('any other error is reported as before', () => {
  const { logger, error } = fakeLogger()
  const quiet = quietProxyLogger(logger)
  quiet.error('ws proxy error:\nError: connect ECONNREFUSED', { error: withCode('ECONNREFUSED') })
  quiet.error('http proxy error: /attendantservice/x', { error: withCode('ECONNRESET') })
  quiet.error('Transform failed')
  expect(error).toHaveBeenCalledTimes(3)
})
