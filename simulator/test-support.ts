import { startSimulator } from './server.ts'
import type { Simulator, SimulatorOptions } from './server.ts'

/** Helpers for the simulator's own tests (and e2e fixtures): a quiet simulator on a free port, and JSON calls. */
export function startTestSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ port: 0, ...options })
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
