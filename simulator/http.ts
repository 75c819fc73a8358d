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
/** Past this a too-large body is no longer drained but the connection cut. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024

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

/** The whole body as text, or a 413 once it passes the limit (the rest is drained so the client sees the answer). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = []
    let size = 0
    const tooLarge = () => message(413, `The request body is larger than ${limit} bytes.`)
    if (Number(req.headers['content-length'] ?? 0) > MAX_DRAIN_BYTES) {
      req.destroy()
      resolve({ ok: false, reply: tooLarge() })
      return
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size <= limit) chunks.push(chunk)
      else if (size > MAX_DRAIN_BYTES) req.destroy()
    })
    req.on('end', () => {
      resolve(
        size > limit
          ? { ok: false, reply: tooLarge() }
          : { ok: true, text: Buffer.concat(chunks).toString('utf8') },
      )
    })
    req.on('error', () =>
      resolve({ ok: false, reply: message(400, 'The request body could not be read.') }),
    )
    req.on('close', () => {
      if (size > limit) resolve({ ok: false, reply: tooLarge() })
      else if (!req.complete)
        resolve({ ok: false, reply: message(400, 'The request body was cut short.') })
    })
  })
}

export type JsonResult = { ok: true; value: unknown } | { ok: false; reply: Reply }

/** An empty body reads as undefined; anything else must be valid JSON. */
export function parseJson(text: string): JsonResult {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error)
    return { ok: false, reply: message(400, `The request body is not valid JSON: ${detail}`) }
  }
}

export async function readJson(req: IncomingMessage): Promise<JsonResult> {
  const body = await readBody(req)
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
