import { readFile, realpath, stat } from 'node:fs/promises'
import { gzipSync } from 'node:zlib'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { contentSecurityPolicy, embedOriginsOfText } from '../deploy/content-security-policy.ts'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
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

function inside(root: string, path: string): string | undefined {
  const rest = relative(root, path)
  return rest === '..' || rest.startsWith(`..${sep}`) || isAbsolute(rest) ? undefined : rest
}

/** Dot-files and dot-folders (`.vite/manifest.json`, `.env`) and source maps are never served. */
function refused(relativePath: string): boolean {
  return (
    relativePath.split(sep).some((segment) => segment.startsWith('.')) ||
    extname(relativePath).toLowerCase() === '.map'
  )
}

/**
 * The regular file a URL path names under root (itself a real path), or undefined: for a path
 * badly encoded, naming a dot-file, a dot-folder or a source map, leaving root (by `..` or by a
 * symlink whose real path lies outside root), or not naming a regular file. Symlinks that stay
 * inside root are followed; what is read is the real path checked.
 */
export async function fileFor(root: string, pathname: string): Promise<string | undefined> {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (decoded.includes('\0')) return undefined
  const asked = inside(root, resolve(join(root, decoded)))
  if (asked === undefined || refused(asked)) return undefined
  try {
    const real = await realpath(join(root, asked))
    const rest = inside(root, real)
    if (rest === undefined || refused(rest)) return undefined
    return (await stat(real)).isFile() ? real : undefined
  } catch {
    return undefined
  }
}

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json)|image\/svg)/

/** Vite's hashed assets never change under their name; index.html and config.json always may. */
function cacheControlFor(root: string, path: string, index: string | undefined): string {
  if (path === index || path.endsWith('config.json')) return 'no-cache'
  return relative(root, path).startsWith(`assets${sep}`)
    ? 'public, max-age=31536000, immutable'
    : 'public, max-age=300'
}

function acceptsHtml(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('text/html')
}

/** The frame ancestors the served config.json allows (its embedOrigins), read on every page: it
 *  may change without a restart, as the panel reads it on every start. */
async function frameAncestorsOf(root: string): Promise<string[]> {
  const path = await fileFor(root, '/config.json')
  if (!path) return []
  return embedOriginsOfText(await readFile(path, 'utf8').catch(() => undefined))
}

/** Serves a built panel: the file at the path, else index.html for `/` and for page requests (SPA
 *  fallback). HTML pages carry the CSP, its connect-src listing `connectSources` (from the
 *  configuration, never from the request) and its frame-ancestors the served config.json's
 *  embedOrigins. False when nothing was served. */
export async function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  dir: string,
  connectSources: readonly string[],
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false
  let root: string
  try {
    root = await realpath(resolve(dir))
  } catch {
    return false
  }
  const index = await fileFor(root, '/index.html')
  const wantsIndex = url.pathname === '/' || acceptsHtml(req)
  const path = (await fileFor(root, url.pathname)) ?? (wantsIndex ? index : undefined)
  if (!path) return false
  const content = await readFile(path)
  const type = contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream'
  const gzip =
    COMPRESSIBLE.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))
  const body = gzip ? gzipSync(content) : content
  const html = type.startsWith('text/html')
  const frameAncestors = html ? await frameAncestorsOf(root) : []
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': body.length,
    'Cache-Control': cacheControlFor(root, path, index),
    'X-Content-Type-Options': 'nosniff',
    Vary: 'Accept-Encoding',
    ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    ...(html
      ? { 'Content-Security-Policy': contentSecurityPolicy(connectSources, frameAncestors) }
      : {}),
  })
  res.end(req.method === 'HEAD' ? undefined : body)
  return true
}
