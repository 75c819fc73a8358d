// A small static file server for tests and `npm start`: serves one built folder (the demo host
// page) on its own port, so that it runs on another origin than the panel. GET and HEAD only;
// `/` and unknown page paths answer index.html; what it serves is chosen as the simulator's static
// serving chooses it (fileFor): nothing outside the folder, no dot-files, no maps.
import { readFile, realpath } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve } from 'node:path'
import { fileFor } from '../simulator/static-files.ts'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
}

export interface StaticServer {
  /** http://host:port, no trailing slash. */
  url: string
  port: number
  close(): Promise<void>
}

export interface StaticServerOptions {
  dir: string
  /** Default 127.0.0.1. */
  host?: string
  /** Default 0: a free port. */
  port?: number
  /** Headers added to every HTML answer (a Content-Security-Policy, for example). */
  htmlHeaders?: Record<string, string>
}

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = await realpath(resolve(options.dir))
  const index = join(root, 'index.html')
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { Allow: 'GET, HEAD' }).end()
        return
      }
      const url = new URL(req.url ?? '/', 'http://static')
      const path =
        (await fileFor(root, url.pathname)) ??
        (url.pathname === '/' || (req.headers.accept ?? '').includes('text/html')
          ? index
          : undefined)
      if (!path) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found')
        return
      }
      const body = await readFile(path)
      const type = TYPES[extname(path)] ?? 'application/octet-stream'
      res.writeHead(200, {
        'Content-Type': type,
        'Content-Length': body.length,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(type.startsWith('text/html') ? options.htmlHeaders : {}),
      })
      res.end(req.method === 'HEAD' ? undefined : body)
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  const host = options.host ?? '127.0.0.1'
  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, host, () => done())
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}
