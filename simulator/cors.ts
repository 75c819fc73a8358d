import type { IncomingMessage, ServerResponse } from 'node:http'

export const CORS_ALLOW_HEADERS =
  'Authorization, X-Requested-With, X-SignalR-User-Agent, Content-Type'
export const CORS_ALLOW_METHODS = 'GET, POST, DELETE, OPTIONS'

/** `--cors-origin`: `*` (any origin, echoed) or a comma-separated list of origins. */
export function parseCorsOrigins(value: string | undefined): string[] {
  if (!value) return []
  return value
    .split(',')
    .map((origin) => origin.trim().replace(/\/+$/, '').toLowerCase())
    .filter((origin) => origin !== '')
}

export function allowedOrigin(
  origin: string | undefined,
  allowed: readonly string[],
): string | undefined {
  if (!origin) return undefined
  const wanted = origin.toLowerCase()
  return allowed.includes('*') || allowed.includes(wanted) ? origin : undefined
}

/** Credentials are allowed, so the Origin is echoed (never `*`). */
export function applyCors(
  req: IncomingMessage,
  res: ServerResponse,
  allowed: readonly string[],
): void {
  if (allowed.length === 0) return
  res.setHeader('Vary', 'Origin')
  const origin = allowedOrigin(req.headers.origin, allowed)
  if (!origin) return
  res.setHeader('Access-Control-Allow-Origin', origin)
  res.setHeader('Access-Control-Allow-Credentials', 'true')
  res.setHeader('Access-Control-Allow-Headers', CORS_ALLOW_HEADERS)
  res.setHeader('Access-Control-Allow-Methods', CORS_ALLOW_METHODS)
  res.setHeader('Access-Control-Max-Age', '600')
}
