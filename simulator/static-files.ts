import { readFile, stat } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { contentSecurityPolicy, sameHostWebSockets } from '../deploy/content-security-policy.ts'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

/** The file under root for a URL path, or undefined for a path that escapes root or is badly encoded. */
function fileFor(root: string, pathname: string): string | undefined {
  try {
    const path = resolve(join(root, decodeURIComponent(pathname)))
    const inside = relative(root, path)
    return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside) ? undefined : path
  } catch {
    return undefined
  }
}

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg)/

/** Vite's hashed assets never change under their name; index.html and config.json always may. */
function cacheControlFor(root: string, path: string, index: string): string {
  if (path === index || path.endsWith('config.json')) return 'no-cache'
  return relative(root, path).startsWith(`assets${sep}`)
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=300'
}

function acceptsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html')
}

/** Serves a built panel: the file at the path, else index.html for `/` and for page requests (SPA fallback).
 *  False when nothing was served. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  dir: string,
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  const root = resolve(dir)
  const file = fileFor(root, url.pathname)
  const index = join(root, 'index.html')
  const wantsIndex = url.pathname === '/' || acceptsHtml(req)
  const path =
    file && (await isFile(file)) ? file : wantsIndex && (await isFile(index)) ? index : undefined
  if (!path) return false
  const content = await readFile(path)
  const type = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
  const gzip =
    COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  const body = gzip ? gzipSync(content) : content
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    'Cache-Control': cacheControlFor(root, path, index),
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    ...(type.startsWith('text/html')
      ? { 'Content-Security-Policy': contentSecurityPolicy(sameHostWebSockets(req.headers.host)) }
      : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}
