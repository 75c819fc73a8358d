// Helpers for the hub's tests: a bare node:http host, the official client, raw sockets and streams.
// Everything opened here is registered and closed by closeAll().
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { HubConnectionBuilder, LogLevel } from '@microsoft/signalr'
import type { HubConnection, IHttpConnectionOptions } from '@microsoft/signalr'
import { WebSocket } from 'ws'
import { DEFAULT_HUB_PATH } from '../../protocol/wire.ts'
import { createHub } from './hub.ts'
import type { Hub, HubOptions } from './hub.ts'

export const RS = '\u001e'

export interface TestHub {
  hub: Hub
  /** http://127.0.0.1:port + the hub path */
  hubUrl: string
  /** Resolves with the first log line (past or future) that matches. */
  logged(pattern: RegExp): Promise<string>
}

const cleanups: (() => Promise<void> | void)[] = []

/** Runs every registered cleanup, newest first (clients before the servers they talk to). */
export async function closeAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export async function startTestHub(options: Partial<HubOptions> = {}): Promise<TestHub> {
  const lines: string[] = []
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = []
  const hub = createHub({
    path: DEFAULT_HUB_PATH,
    ...options,
    log: (line) => {
      lines.push(line)
      for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
        waiters.splice(waiters.indexOf(waiter), 1)
        waiter.resolve(line)
      }
    },
  })
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`)
    if (!hub.handleRequest(req, res, url)) res.writeHead(404).end()
  })
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  cleanups.push(async () => {
    await hub.close()
    server.closeAllConnections()
    await new Promise<void>((resolve) => server.close(() => resolve()))
  })

  return {
    hub,
    hubUrl: `http://127.0.0.1:${port}${DEFAULT_HUB_PATH}`,
    logged: (pattern) => {
      const past = lines.find((line) => pattern.test(line))
      if (past !== undefined) return Promise.resolve(past)
      return new Promise((resolve) => waiters.push({ pattern, resolve }))
    },
  }
}

export function buildClient(
  url: string,
  options: IHttpConnectionOptions = {},
  reconnectDelays?: number[],
): HubConnection {
  let builder = new HubConnectionBuilder().withUrl(url, options).configureLogging(LogLevel.None)
  if (reconnectDelays) builder = builder.withAutomaticReconnect(reconnectDelays)
  const connection = builder.build()
  cleanups.push(() => connection.stop().catch(() => {}))
  return connection
}

/** The arguments of the next call of `target` on the client. */
export function nextCall(connection: HubConnection, target: string): Promise<unknown[]> {
  return new Promise((resolve) => {
    const handler = (...args: unknown[]) => {
      connection.off(target, handler)
      resolve(args)
    }
    connection.on(target, handler)
  })
}

export function reconnected(connection: HubConnection): Promise<{ reconnecting: true }> {
  return new Promise((resolve) => {
    let reconnecting = false
    connection.onreconnecting(() => {
      reconnecting = true
    })
    connection.onreconnected(() => {
      if (reconnecting) resolve({ reconnecting })
    })
  })
}

export function closed(connection: HubConnection): Promise<Error | undefined> {
  return new Promise((resolve) => connection.onclose(resolve))
}

export function toWebSocketUrl(url: string): string {
  return url.replace(/^http/, 'ws')
}

export interface RawSocket {
  socket: WebSocket
  /** The next text frame received (frames are queued until asked for). */
  nextFrame(): Promise<string>
  closed: Promise<number>
}

/** A raw `ws` client; resolves once open. */
export function openRawSocket(
  url: string,
  headers: Record<string, string> = {},
): Promise<RawSocket> {
  const socket = new WebSocket(toWebSocketUrl(url), { headers })
  cleanups.push(() => socket.terminate())
  const frames: string[] = []
  const readers: ((frame: string) => void)[] = []
  socket.on('message', (data) => {
    const frame = Buffer.isBuffer(data) ? data.toString('utf8') : String(data)
    const reader = readers.shift()
    if (reader) reader(frame)
    else frames.push(frame)
  })
  const closedPromise = new Promise<number>((resolve) =>
    socket.on('close', (code) => resolve(code)),
  )
  return new Promise((resolve, reject) => {
    socket.on('open', () =>
      resolve({
        socket,
        closed: closedPromise,
        nextFrame: () => {
          const frame = frames.shift()
          if (frame !== undefined) return Promise.resolve(frame)
          return new Promise((resolveFrame) => readers.push(resolveFrame))
        },
      }),
    )
    socket.on('unexpected-response', (_req, res) =>
      reject(new Error(`upgrade answered ${res.statusCode}`)),
    )
    socket.on('error', reject)
  })
}

/** The status a WebSocket upgrade gets: 101 when it opens. */
export function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  const socket = new WebSocket(toWebSocketUrl(url), { headers })
  cleanups.push(() => socket.terminate())
  return new Promise((resolve, reject) => {
    socket.on('open', () => resolve(101))
    socket.on('unexpected-response', (req, res) => {
      resolve(res.statusCode ?? 0)
      req.destroy()
    })
    socket.on('error', reject)
  })
}

export async function negotiate(
  hubUrl: string,
  query = 'negotiateVersion=1',
  headers: Record<string, string> = {},
): Promise<Record<string, unknown>> {
  const response = await fetch(`${hubUrl}/negotiate?${query}`, { method: 'POST', headers })
  if (response.status !== 200) throw new Error(`negotiate answered ${response.status}`)
  return (await response.json()) as Record<string, unknown>
}

export function connectionTokenOf(answer: Record<string, unknown>): string {
  const token = answer.connectionToken ?? answer.connectionId
  if (typeof token !== 'string') throw new Error('no connection token in the negotiate answer')
  return token
}

/** A fetch the cleanup aborts (event streams, held polls). */
export function abortableFetch(url: string, init: RequestInit = {}): Promise<Response> {
  const controller = new AbortController()
  cleanups.push(() => controller.abort())
  return fetch(url, { ...init, signal: controller.signal })
}

/** Reads an open response body until `done` says the text so far is enough. */
export async function readUntil(
  response: Response,
  done: (text: string) => boolean,
): Promise<string> {
  const reader = response.body?.getReader()
  if (!reader) throw new Error('no body')
  const decoder = new TextDecoder()
  let text = ''
  while (!done(text)) {
    const { value, done: finished } = await reader.read()
    if (finished) throw new Error(`stream ended after: ${JSON.stringify(text)}`)
    text += decoder.decode(value, { stream: true })
  }
  reader.releaseLock()
  return text
}
