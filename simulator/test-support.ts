import { request as httpRequest } from 'node:http'
import type { IncomingHttpHeaders } from 'node:http'
import type { OidcInfo, OidcOptions } from './oidc/options.ts'
import { startSimulator } from './server.ts'
import type { Simulator, SimulatorOptions } from './server.ts'

/** Helpers for the simulator's own tests (and e2e fixtures): a quiet simulator on a free port, and JSON calls. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ port: 0, ...options })
}

/** A test simulator with its OpenID Provider (--oidc) on a free port: REST and the hub then take
 *  its access tokens only. `simulator.oidc` has the issuer, client id, audience and test users;
 *  oidc/oidc-test-kit.ts signs a user in with them. */
export async function startOidcTestSimulator(
  oidc: OidcOptions = {},
  options: Omit<SimulatorOptions, 'oidc'> = {},
): Promise<Simulator & { oidc: OidcInfo }> {
  const simulator = await startTestSimulator({ ...options, oidc })
  if (!simulator.oidc) throw new Error('the simulator started without its OpenID Provider')
  return simulator as Simulator & { oidc: OidcInfo }
}

export interface JsonAnswer<T = unknown> {
  status: number
  headers: Headers
  body: T
  text: string
}

export async function request<T = unknown>(
  url: string,
  init: RequestInit = {},
): Promise<JsonAnswer<T>> {
  const response = await fetch(url, init)
  const text = await response.text()
  let body: unknown = undefined
  try {
    body = text === '' ? undefined : JSON.parse(text)
  } catch {
    body = undefined
  }
  return { status: response.status, headers: response.headers, body: body as T, text }
}

export function post<T = unknown>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JsonAnswer<T>> {
  return request<T>(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

export interface RawAnswer {
  status: number
  headers: IncomingHttpHeaders
  text: string
}

/** A request through node:http, which (unlike fetch) sends any Host or Origin header as given. */
export function rawRequest(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text: Buffer.concat(chunks).toString('utf8'),
        }),
      )
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(init.body)
  })
}

/** A control API request as a client of the control API sends it: JSON, with the token if given. */
export function control<T = unknown>(
  url: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<JsonAnswer<T>> {
  return request<T>(url, {
    method: init.method ?? 'GET',
    headers: {
      'Content-Type': 'application/json',
      ...(init.token === undefined ? {} : { Authorization: `Bearer ${init.token}` }),
    },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  })
}
