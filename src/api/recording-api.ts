import { ApiError } from './api-error.ts'
import {
  parseCapabilitiesResponse,
  parseErrorMessage,
  parseStateResponse,
  type Capabilities,
  type CallState,
  type Parsed,
} from './schemas.ts'
import {
  RecordingApiSegment,
  recordingApiRoot,
  type ApiVersion,
  type RecordingAction,
} from '../../protocol/wire.ts'

export interface RecordingApiOptions {
  /** '' for the panel's own origin, else an absolute URL (a path after the host is kept). */
  apiBaseUrl: string
  apiVersion: ApiVersion
  requestTimeoutMs: number
  /** Bearer token for "AnywhereNow Authentication"; kept in memory only. */
  getAccessToken?: () => string | undefined
  fetch?: typeof fetch
}

export interface SetRecordingInput {
  uccName: string
  correlationId: string
  action: RecordingAction
  requesterSipUri: string
}

export interface RecordingApi {
  getState(uccName: string, correlationId: string, signal?: AbortSignal): Promise<CallState>
  getCapabilities(uccName: string, signal?: AbortSignal): Promise<Capabilities>
  /** The state the server answered with, or undefined when the answer carried none (confirm with a GET). */
  setRecording(input: SetRecordingInput, signal?: AbortSignal): Promise<CallState | undefined>
}

/** Names that, as the first segment under the root, would call another endpoint. */
const RESERVED = new Set<string>(Object.values(RecordingApiSegment))

/**
 * One path segment from a value. A value the URL parser would read as a segment of its own ("."
 * or ".."), or one that would call another endpoint, is refused: no value can change which
 * endpoint is called (addresses are validated before; this is the last line).
 */
export function pathSegment(value: string, position: 'first' | 'other' = 'other'): string {
  const lower = value.toLowerCase()
  if (value === '' || /^\.{1,2}$/.test(value) || (position === 'first' && RESERVED.has(lower)))
    throw new ApiError({ kind: 'refused', serverMessage: value })
  return encodeURIComponent(value)
}

export function recordingPaths(apiBaseUrl: string, apiVersion: ApiVersion) {
  const root = `${joinBase(apiBaseUrl)}${recordingApiRoot(apiVersion)}`
  return {
    state: (uccName: string, correlationId: string) =>
      `${root}/${pathSegment(uccName, 'first')}/${pathSegment(correlationId)}`,
    set: () => `${root}/${RecordingApiSegment.Set}`,
    capabilities: (uccName: string) =>
      `${root}/${RecordingApiSegment.Capabilities}/${pathSegment(uccName)}`,
  }
}

/** A path or absolute URL resolved against the API base ('' = the page's origin). */
export function resolveAgainstBase(apiBaseUrl: string, pathOrUrl: string): string {
  if (/^[a-z][a-z\d+.-]*:\/\//i.test(pathOrUrl)) return pathOrUrl
  const path = pathOrUrl.startsWith('/') ? pathOrUrl : `/${pathOrUrl}`
  return `${joinBase(apiBaseUrl)}${path}`
}

function joinBase(apiBaseUrl: string): string {
  return apiBaseUrl.replace(/\/+$/, '')
}

export function createRecordingApi(options: RecordingApiOptions): RecordingApi {
  const paths = recordingPaths(options.apiBaseUrl, options.apiVersion)
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init))

  async function request(url: string, init: RequestInit, signal?: AbortSignal) {
    const timeout = AbortSignal.timeout(options.requestTimeoutMs)
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (init.body !== undefined) headers['Content-Type'] = 'application/json'
    const token = options.getAccessToken?.()
    if (token) headers.Authorization = `Bearer ${token}`
    let response: Response
    try {
      response = await doFetch(url, {
        ...init,
        headers,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      })
    } catch (error) {
      if (signal?.aborted) throw error
      if (timeout.aborted) throw new ApiError({ kind: 'timeout' })
      throw new ApiError({
        kind: 'network',
        serverMessage: error instanceof Error ? error.message : undefined,
      })
    }
    const text = await readText(response, timeout, signal)
    const body = parseJson(text)
    if (body === NOT_JSON) {
      throw new ApiError({
        kind: response.ok ? 'not-json' : 'http',
        status: response.status,
        serverMessage: text.trim().slice(0, 300) || undefined,
      })
    }
    if (!response.ok) {
      const serverError = parseErrorMessage(body)
      if (serverError) {
        throw new ApiError({
          kind: 'server',
          status: response.status,
          errorType: serverError.errorType,
          serverMessage: serverError.message,
          body,
        })
      }
      throw new ApiError({ kind: 'http', status: response.status, serverMessage: messageOf(body) })
    }
    return { status: response.status, body }
  }

  function unwrap<T>(parsed: Parsed<T> | undefined, status: number, body: unknown): T {
    if (!parsed) throw new ApiError({ kind: 'invalid-response', status })
    if (parsed.error) {
      throw new ApiError({
        kind: 'server',
        status,
        errorType: parsed.error.errorType,
        serverMessage: parsed.error.message,
        body,
      })
    }
    return parsed.value
  }

  return {
    async getState(uccName, correlationId, signal) {
      const { status, body } = await request(
        paths.state(uccName, correlationId),
        { method: 'GET' },
        signal,
      )
      return unwrap(parseStateResponse(body, { uccName, correlationId }), status, body)
    },
    async getCapabilities(uccName, signal) {
      const { status, body } = await request(paths.capabilities(uccName), { method: 'GET' }, signal)
      return unwrap(parseCapabilitiesResponse(body, uccName), status, body)
    },
    async setRecording(input, signal) {
      const { status, body } = await request(
        paths.set(),
        {
          method: 'POST',
          body: JSON.stringify({
            Action: input.action,
            RequesterSipUri: input.requesterSipUri,
            CorrelationId: input.correlationId,
            UCCName: input.uccName,
          }),
        },
        signal,
      )
      const parsed = parseStateResponse(body, input)
      if (parsed?.error) return unwrap(parsed, status, body)
      // The POST answer's body is undocumented: use it only when it is a full state for this call.
      if (!parsed || !sameCall(parsed.value, input) || hasUnknown(parsed.value)) return undefined
      return parsed.value
    },
  }
}

function sameCall(state: CallState, input: { uccName: string; correlationId: string }): boolean {
  return (
    state.correlationId.toLowerCase() === input.correlationId.toLowerCase() &&
    state.uccName.toLowerCase() === input.uccName.toLowerCase()
  )
}

function hasUnknown(state: CallState): boolean {
  return state.recording === 'Unknown' || state.marking === 'Unknown' || state.saving === 'Unknown'
}

const NOT_JSON = Symbol('not-json')

function parseJson(text: string): unknown {
  if (text.trim() === '') return null
  try {
    return JSON.parse(text) as unknown
  } catch {
    return NOT_JSON
  }
}

async function readText(
  response: Response,
  timeout: AbortSignal,
  signal?: AbortSignal,
): Promise<string> {
  try {
    return await response.text()
  } catch (error) {
    if (signal?.aborted) throw error
    if (timeout.aborted) throw new ApiError({ kind: 'timeout' })
    throw new ApiError({ kind: 'network' })
  }
}

function messageOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined
  for (const [key, value] of Object.entries(body)) {
    if (/^(message|error|title)$/i.test(key) && typeof value === 'string') return value
  }
  return undefined
}
