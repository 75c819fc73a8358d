import { createLogger, type Logger } from 'vite'

/** Errors a proxied WebSocket reports when one side simply goes away (a tab closes, a reload). */
const EXPECTED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED'])

/**
 * Vite's logger, without the "ws proxy error: ECONNRESET" and its stack trace printed each time a
 * tab with a live connection closes: that is the hub's WebSocket ending, not a failure. Every
 * other message, and any other proxy error, is printed as before.
 */
export function quietProxyLogger(logger: Logger = createLogger()): Logger {
  return {
    ...logger,
    error(message, options) {
      const code = (options?.error as NodeJS.ErrnoException | null | undefined)?.code
      if (/ws proxy (socket )?error/.test(message) && code && EXPECTED_CODES.has(code)) return
      logger.error(message, options)
    },
  }
}
