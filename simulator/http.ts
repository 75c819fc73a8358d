import type { IncomingMessage, ServerResponse } from 'node:http'

export interface Reply {
  status: number
  /** Sent as JSON unless raw is given. */
  body?: unknown
  raw?: string
  contentType?: string
  headers?: Record<string, string>
}

export const MAX_BODY_BYTES = 64 * 1024
/** Arrays and objects nested deeper than this are refused before parsing: a JSON.stringify of
 *  what was read (an echo, a stored fault) must never run out of stack. */
export const MAX_JSON_DEPTH = 64
/** How long a too-large body is still read, and thrown away, after its 413 was sent: long enough
 *  for a client to finish sending and read the answer (closing with unread data would reset the
 *  connection), short enough that nobody can keep the simulator reading for ever. */
const DRAIN_MS = 5_000

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body }
}

/** The ASP.NET-style error body for problems before the recording API proper: `{"Message": "..."}`. */
export function message(status: number, text: string, headers?: Record<string, string>): Reply {
  return json(status, { Message: text }, headers)
}

export function notFound(): Reply {
  return message(404, 'No HTTP resource was found that matches the request URI.')
}

export function methodNotAllowed(allow: readonly string[]): Reply {
  return message(405, 'The requested resource does not support this HTTP method.', {
    Allow: allow.join(', '),
  })
}

export function sendReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return
  const noBody = reply.status === 204 || reply.status === 304
  const text = noBody
    ? ''
    : (reply.raw ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)))
  const contentType =
    reply.contentType ??
    (reply.raw === undefined ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8')
  res.writeHead(reply.status, {
    ...(text ? { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text) } : {}),
    'Cache-Control': 'no-store',
    ...reply.headers,
  })
  res.end(text)
}

export type BodyResult = { ok: true; text: string } | { ok: false; reply: Reply }

/**
 * The whole body as text. A body over the limit (announced or counted) is answered 413 at once,
 * with `Connection: close`; the rest of it is read and thrown away until it ends (at most
 * DRAIN_MS), and only then is the connection closed, so the client reads the 413 instead of a
 * reset. The result then carries that reply, already sent (sending it again does nothing).
 */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  limit = MAX_BODY_BYTES,
): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const refuse = () => {
      const reply = message(413, `The request body is larger than ${limit} bytes.`)
      answerThenDrain(req, res, reply)
      resolve({ ok: false, reply })
    }
    if (Number(req.headers['content-length'] ?? 0) > limit) return refuse()
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) return void chunks.push(chunk)
      req.off('data', onData)
      refuse()
    }
    req.on('data', onData)
    req.on('end', () => resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') }))
    req.on('error', () =>
      resolve({ ok: false, reply: message(400, 'The request body could not be read.') }),
    )
    req.on('close', () => {
      if (!req.complete)
        resolve({ ok: false, reply: message(400, 'The request body was cut short.') })
    })
  })
}

/** Sends the reply now, and ends the response (closing the connection) once the request's body
 *  has all arrived and been thrown away, or cuts it after DRAIN_MS. */
function answerThenDrain(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  const text = JSON.stringify(reply.body)
  res.writeHead(reply.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    Connection: 'close',
  })
  res.write(text)
  const timer = setTimeout(() => res.destroy(), DRAIN_MS)
  timer.unref()
  const end = () => {
    clearTimeout(timer)
    res.end()
  }
  if (req.readableEnded) return end()
  req.once('end', end)
  req.once('close', end)
  req.resume()
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; reply: Reply }

/** Whether arrays and objects nest deeper than `max` (brackets inside strings do not count). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index]
    if (inString) {
      if (char === '\\') index += 1
      else if (char === '"') inString = false
    } else if (char === '"') inString = true
    else if (char === '[' || char === '{') {
      depth += 1
      if (depth > max) return true
    } else if (char === ']' || char === '}') depth -= 1
  }
  return false
}

/** An empty body reads as undefined; anything else must be valid JSON, nested at most MAX_JSON_DEPTH deep. */
export function parseJson(text: string): JsonResult {
  if (text.trim() === '') return { ok: true, value: undefined }
  if (nestsDeeperThan(text, MAX_JSON_DEPTH)) {
    return {
      ok: false,
      reply: message(400, `The request body is nested deeper than ${MAX_JSON_DEPTH} levels.`),
    }
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, reply: message(400, `The request body is not valid JSON: ${detail}`) }
  }
}

export async function readJson(req: IncomingMessage, res: ServerResponse): Promise<JsonResult> {
  const body = await readBody(req, res)
  return body.ok ? parseJson(body.text) : body
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The decoded path segments after prefix, or undefined when the path is not under it (or badly encoded). */
export function segmentsAfter(pathname: string, prefix: string): string[] | undefined {
  if (pathname !== prefix && !pathname.startsWith(`${prefix}/`)) return undefined
  const rest = pathname.slice(prefix.length).replace(/^\/+|\/+$/g, '')
  if (rest === '') return []
  try {
    return rest.split('/').map((segment) => decodeURIComponent(segment))
  } catch {
    return undefined
  }
}

export interface Route<Handler> {
  method: string
  /** Literal segments, or `:name` for a parameter. */
  path: readonly string[]
  handler: Handler
}

export type RouteMatch<Handler> =
  | { kind: 'found'; route: Route<Handler>; params: Record<string, string> }
  | { kind: 'wrong-method'; allow: string[] }
  | { kind: 'not-found' }

function matchPath(
  pattern: readonly string[],
  segments: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined
  const params: Record<string, string> = {}
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] ?? ''
    if (part.startsWith(':')) params[part.slice(1)] = segment
    else if (part.toLowerCase() !== segment.toLowerCase()) return undefined
  }
  return params
}

/** The first route (in order) whose path and method match; literal routes go first in the list. */
export function matchRoute<Handler>(
  routes: readonly Route<Handler>[],
  method: string,
  segments: readonly string[],
): RouteMatch<Handler> {
  const allow = new Set<string>()
  for (const route of routes) {
    const params = matchPath(route.path, segments)
    if (!params) continue
    if (route.method === method) return { kind: 'found', route, params }
    allow.add(route.method)
  }
  return allow.size > 0 ? { kind: 'wrong-method', allow: [...allow] } : { kind: 'not-found' }
}
