// Every request the simulator takes, to the part that answers it: the control API (never behind
// CORS), then CORS and preflights, the negotiate faults, the hub, the REST API, the static panel.
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Duplex } from 'node:stream'
import { CONTROL_BASE, handleControl } from './control-api.ts'
import type { ControlContext } from './control/context.ts'
import { applyCors } from './cors.ts'
import { faultReply } from './faults.ts'
import type { Faults } from './faults.ts'
import { message, notFound, segmentsAfter, sendReply } from './http.ts'
import type { Hub } from './hub/hub.ts'
import { pause } from './pause.ts'
import { handleRest, restSegments } from './rest-api.ts'
import type { RestContext } from './rest-api.ts'
import { serveStatic } from './static-files.ts'

export interface RouterContext {
  control: ControlContext
  rest: RestContext
  hub: Hub
  faults: Faults
  /** Lower case, the path negotiate faults apply to. */
  negotiatePath: string
  corsOrigins: readonly string[]
  staticDir: string | undefined
  /** The CSP's connect-src for served pages, from the configuration. */
  connectSources: readonly string[]
  signal: AbortSignal
  log: (line: string) => void
}

function parseRequestUrl(req: IncomingMessage): URL | undefined {
  try {
    return new URL(`http://simulator.invalid${req.url ?? '/'}`)
  } catch {
    return undefined
  }
}

export function createRouter(context: RouterContext) {
  const { hub, faults, log } = context

  async function negotiateFault(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
  ): Promise<boolean> {
    if (req.method !== 'POST' || url.pathname.toLowerCase() !== context.negotiatePath) return false
    const fault = faults.take('negotiate')
    if (!fault) return false
    if (fault.kind === 'hang') faults.hold(res)
    else if (await pause(fault.delayMs, context.signal)) sendReply(res, faultReply(fault))
    return true
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = parseRequestUrl(req)
    if (!url) return sendReply(res, message(400, 'The request URL is not valid.'))
    const control = segmentsAfter(url.pathname, CONTROL_BASE)
    if (control) return handleControl(req, res, control, url, context.control)
    applyCors(req, res, context.corsOrigins)
    if (req.method === 'OPTIONS') return sendReply(res, { status: 204 })
    if (await negotiateFault(req, res, url)) return
    if (hub.handleRequest(req, res, url)) return
    const rest = restSegments(url.pathname)
    if (rest) return handleRest(req, res, rest, context.rest)
    const apiPath = /^\/attendantservice(\/|$)/i.test(url.pathname)
    const { staticDir } = context
    if (
      staticDir &&
      !apiPath &&
      (await serveStatic(req, res, url, staticDir, context.connectSources))
    )
      return
    sendReply(res, notFound())
  }

  return {
    onRequest(req: IncomingMessage, res: ServerResponse): void {
      const started = Date.now()
      res.on('finish', () =>
        log(`${req.method} ${req.url} ${res.statusCode} ${Date.now() - started}ms`),
      )
      route(req, res).catch((error: unknown) => {
        log(
          `error in ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        )
        if (res.headersSent) res.destroy()
        else sendReply(res, message(500, 'An error has occurred.'))
      })
    },

    onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      socket.on('error', () => socket.destroy())
      try {
        if (!hub.handleUpgrade(req, socket, head))
          socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      } catch (error) {
        log(`upgrade failed: ${String(error)}`)
        socket.destroy()
      }
    },
  }
}
