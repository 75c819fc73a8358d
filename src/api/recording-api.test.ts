import { expect, test, vi } from 'vitest'
import { ApiError } from './api-error.ts'
import {
  createRecordingApi,
  recordingPaths,
  resolveAgainstBase,
  type RecordingApiOptions,
} from './recording-api.ts'
import { RecordingAction } from '../../protocol/wire.ts'

const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const AGENT = 'sip:agent@example.com'
const NO_SESSION = `No Audio session with correlation Id:'${ID}' was found.`

type Handler = (url: string, init: RequestInit) => Response | Promise<Response>

function setup(handler: Handler, options: Partial<RecordingApiOptions> = {}) {
  const fetchMock = vi.fn((input: RequestInfo | URL, init?: RequestInit) =>
    Promise.resolve(handler(String(input), init ?? {})),
  )
  const api = createRecordingApi({
    apiBaseUrl: 'https://ucc.example.com',
    apiVersion: 'v1',
    requestTimeoutMs: 5_000,
    fetch: fetchMock,
    ...options,
  })
  return { api, fetchMock }
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

function text(body: string, status = 200, contentType = 'text/html'): Response {
  return new Response(body, { status, headers: { 'Content-Type': contentType } })
}

function stateBody(overrides: Record<string, unknown> = {}) {
  return {
    CorrelationId: ID,
    RecordingState: 1,
    MarkingState: 0,
    SavingState: 0,
    ErrorMessage: null,
    UCCName: UCC,
    ...overrides,
  }
}

/** The ApiError a promise rejects with (fails the test when it resolves or rejects with something else). */
async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const error: unknown = await promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`)
    },
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(ApiError)
  return error as ApiError
}

/** A fetch that, like the browser's, answers nothing until its signal aborts, then rejects with the reason. */
function neverAnswering(): Handler {
  return (_url, init) =>
    new Promise<Response>((_resolve, reject) => {
      init.signal?.addEventListener('abort', () => reject(init.signal?.reason))
    })
}

function requestOf(fetchMock: ReturnType<typeof setup>['fetchMock'], index = 0) {
  const call = fetchMock.mock.calls[index]
  if (!call) throw new Error(`fetch was not called ${index + 1} time(s)`)
  return { url: String(call[0]), init: call[1] ?? {} }
}

// Paths

test('v1 paths on the page origin', () => {
  const paths = recordingPaths('', 'v1')
  expect(paths.state(UCC, ID)).toBe(`/attendantservice/api/recording/${UCC}/${ID}`)
  expect(paths.set()).toBe('/attendantservice/api/recording/set')
  expect(paths.capabilities(UCC)).toBe(`/attendantservice/api/recording/capabilities/${UCC}`)
})

test('v2 paths insert v2 after api', () => {
  const paths = recordingPaths('https://ucc.example.com', 'v2')
  expect(paths.state(UCC, ID)).toBe(
    `https://ucc.example.com/attendantservice/api/v2/recording/${UCC}/${ID}`,
  )
  expect(paths.set()).toBe('https://ucc.example.com/attendantservice/api/v2/recording/set')
  expect(paths.capabilities(UCC)).toBe(
    `https://ucc.example.com/attendantservice/api/v2/recording/capabilities/${UCC}`,
  )
})

test('an apiBaseUrl with a path keeps the path, with or without trailing slashes', () => {
  const expected = 'https://proxy.example.com/recorder/attendantservice/api/recording/set'
  expect(recordingPaths('https://proxy.example.com/recorder', 'v1').set()).toBe(expected)
  expect(recordingPaths('https://proxy.example.com/recorder/', 'v1').set()).toBe(expected)
  expect(recordingPaths('https://proxy.example.com/recorder//', 'v1').set()).toBe(expected)
  expect(recordingPaths('https://ucc.example.com/', 'v1').set()).toBe(
    'https://ucc.example.com/attendantservice/api/recording/set',
  )
})

test('UCC names and correlation ids are URL-encoded as one path segment each', () => {
  const paths = recordingPaths('', 'v1')
  expect(paths.state('Sales & Support/NL #1?', 'a b')).toBe(
    '/attendantservice/api/recording/Sales%20%26%20Support%2FNL%20%231%3F/a%20b',
  )
  expect(paths.capabilities('Zoë')).toBe('/attendantservice/api/recording/capabilities/Zo%C3%AB')
})

test('resolveAgainstBase joins a path to the base and leaves absolute URLs alone', () => {
  expect(resolveAgainstBase('', '/attendantservice/hubs/recording')).toBe(
    '/attendantservice/hubs/recording',
  )
  expect(resolveAgainstBase('https://ucc.example.com', 'hubs/recording')).toBe(
    'https://ucc.example.com/hubs/recording',
  )
  expect(resolveAgainstBase('https://proxy.example.com/recorder/', '/hubs/recording')).toBe(
    'https://proxy.example.com/recorder/hubs/recording',
  )
  expect(resolveAgainstBase('https://proxy.example.com/recorder', '/hubs/recording')).toBe(
    'https://proxy.example.com/recorder/hubs/recording',
  )
  expect(resolveAgainstBase('https://ucc.example.com', 'wss://hub.example.com/recording')).toBe(
    'wss://hub.example.com/recording',
  )
  expect(resolveAgainstBase('', 'https://hub.example.com/recording')).toBe(
    'https://hub.example.com/recording',
  )
})

// Requests

test('getState sends a GET to the state path with Accept only', async () => {
  const { api, fetchMock } = setup(() => json(stateBody()), {
    apiBaseUrl: 'https://ucc.example.com/base/',
    apiVersion: 'v2',
  })
  await api.getState('Sales & Support', ID)
  expect(fetchMock).toHaveBeenCalledTimes(1)
  const { url, init } = requestOf(fetchMock)
  expect(url).toBe(
    `https://ucc.example.com/base/attendantservice/api/v2/recording/Sales%20%26%20Support/${ID}`,
  )
  expect(init.method).toBe('GET')
  expect(init.body).toBeUndefined()
  expect(init.headers).toEqual({ Accept: 'application/json' })
})

test('setRecording POSTs exactly the documented body with JSON headers', async () => {
  const { api, fetchMock } = setup(() => json(stateBody({ RecordingState: 3 })))
  await api.setRecording({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Pause,
    requesterSipUri: AGENT,
  })
  const { url, init } = requestOf(fetchMock)
  expect(url).toBe('https://ucc.example.com/attendantservice/api/recording/set')
  expect(init.method).toBe('POST')
  expect(init.body).toBe(
    `{"Action":3,"RequesterSipUri":"sip:agent@example.com","CorrelationId":"${ID}","UCCName":"ucc-demo"}`,
  )
  expect(init.headers).toEqual({ Accept: 'application/json', 'Content-Type': 'application/json' })
})

test('a bearer token is sent only when one is given', async () => {
  let token: string | undefined = 'eyJhbGciOi.token'
  const { api, fetchMock } = setup(() => json(stateBody()), { getAccessToken: () => token })
  await api.getState(UCC, ID)
  expect(requestOf(fetchMock, 0).init.headers).toEqual({
    Accept: 'application/json',
    Authorization: 'Bearer eyJhbGciOi.token',
  })

  token = undefined
  await api.getState(UCC, ID)
  expect(requestOf(fetchMock, 1).init.headers).toEqual({ Accept: 'application/json' })

  token = ''
  await api.getState(UCC, ID)
  expect(requestOf(fetchMock, 2).init.headers).toEqual({ Accept: 'application/json' })
})

test('each request carries an abort signal even when the caller gives none', async () => {
  const { api, fetchMock } = setup(() => json(stateBody()))
  await api.getState(UCC, ID)
  expect(requestOf(fetchMock).init.signal).toBeInstanceOf(AbortSignal)
})

// Parsing the documented answers

test('a PascalCase state answer with numbers is read into names', async () => {
  const { api } = setup(() =>
    json(stateBody({ RecordingState: 3, MarkingState: 1, SavingState: 2 })),
  )
  await expect(api.getState(UCC, ID)).resolves.toEqual({
    uccName: UCC,
    correlationId: ID,
    recording: 'Paused',
    marking: 'Mark',
    saving: 'Delete',
  })
})

test('a camelCase state answer is read the same way', async () => {
  const { api } = setup(() =>
    json({
      correlationId: ID,
      recordingState: 2,
      markingState: 2,
      savingState: 1,
      errorMessage: null,
      uccName: UCC,
    }),
  )
  await expect(api.getState(UCC, ID)).resolves.toEqual({
    uccName: UCC,
    correlationId: ID,
    recording: 'Stopped',
    marking: 'Unmark',
    saving: 'Save',
  })
})

test('enumeration values as names (any casing) and as numeric strings are accepted', async () => {
  const { api } = setup(() =>
    json(stateBody({ RecordingState: 'paused', MarkingState: 'Mark', SavingState: '1' })),
  )
  await expect(api.getState(UCC, ID)).resolves.toMatchObject({
    recording: 'Paused',
    marking: 'Mark',
    saving: 'Save',
  })
})

test('values outside an enumeration become Unknown, never Paused', async () => {
  const { api } = setup(() =>
    json(stateBody({ RecordingState: 4, MarkingState: 'Resumed', SavingState: -1 })),
  )
  await expect(api.getState(UCC, ID)).resolves.toMatchObject({
    recording: 'Unknown',
    marking: 'Unknown',
    saving: 'Unknown',
  })
})

test('missing ids in the answer fall back to the requested ones', async () => {
  const { api } = setup(() =>
    json({ RecordingState: 0, MarkingState: 0, SavingState: 0, ErrorMessage: null }),
  )
  await expect(api.getState(UCC, ID)).resolves.toEqual({
    uccName: UCC,
    correlationId: ID,
    recording: 'Uninitialized',
    marking: 'None',
    saving: 'None',
  })
})

test('capabilities are read in PascalCase and camelCase', async () => {
  const pascal = setup(() =>
    json({ AgentCanEditRecordings: true, ErrorMessage: null, UCCName: UCC }),
  )
  await expect(pascal.api.getCapabilities(UCC)).resolves.toEqual({
    uccName: UCC,
    agentCanEditRecordings: true,
  })
  expect(requestOf(pascal.fetchMock).url).toBe(
    `https://ucc.example.com/attendantservice/api/recording/capabilities/${UCC}`,
  )

  const camel = setup(() =>
    json({ agentCanEditRecordings: false, errorMessage: null, uccName: UCC }),
  )
  await expect(camel.api.getCapabilities(UCC)).resolves.toEqual({
    uccName: UCC,
    agentCanEditRecordings: false,
  })
})

// Errors

test('an ErrorMessage with status 200 is a server error with the message verbatim', async () => {
  const body = stateBody({ RecordingState: 0, ErrorMessage: { ErrorType: 2, Message: NO_SESSION } })
  const { api } = setup(() => json(body))
  const error = await apiErrorOf(api.getState(UCC, ID))
  expect(error.kind).toBe('server')
  expect(error.status).toBe(200)
  expect(error.errorType).toBe(2)
  expect(error.serverMessage).toBe(NO_SESSION)
  expect(error.body).toEqual(body)
})

test('an ErrorMessage with a 4xx status is a server error with the message verbatim', async () => {
  const { api } = setup(() =>
    json(
      stateBody({ RecordingState: 0, ErrorMessage: { ErrorType: 2, Message: NO_SESSION } }),
      404,
    ),
  )
  const error = await apiErrorOf(api.getState(UCC, ID))
  expect(error).toMatchObject({
    kind: 'server',
    status: 404,
    errorType: 2,
    serverMessage: NO_SESSION,
  })
})

test('a camelCase ErrorMessage is read as well, with 200 and with 4xx', async () => {
  const body = {
    correlationId: ID,
    recordingState: 0,
    errorMessage: { errorType: 2, message: NO_SESSION },
  }
  const ok = setup(() => json(body))
  expect(await apiErrorOf(ok.api.getState(UCC, ID))).toMatchObject({
    kind: 'server',
    status: 200,
    errorType: 2,
    serverMessage: NO_SESSION,
  })
  const bad = setup(() => json(body, 400))
  expect(await apiErrorOf(bad.api.getState(UCC, ID))).toMatchObject({
    kind: 'server',
    status: 400,
    errorType: 2,
    serverMessage: NO_SESSION,
  })
})

test('a capabilities ErrorMessage for an unknown UCC is a server error', async () => {
  const message = "Ucc with name:'nope' not found."
  const { api } = setup(() =>
    json({
      AgentCanEditRecordings: false,
      ErrorMessage: { ErrorType: 2, Message: message },
      UCCName: 'nope',
    }),
  )
  expect(await apiErrorOf(api.getCapabilities('nope'))).toMatchObject({
    kind: 'server',
    errorType: 2,
    serverMessage: message,
  })
})

test('a 5xx without ErrorMessage is an http error', async () => {
  const { api } = setup(() =>
    json({ title: 'An error occurred while processing your request.', status: 500 }, 500),
  )
  const error = await apiErrorOf(api.getState(UCC, ID))
  expect(error.kind).toBe('http')
  expect(error.status).toBe(500)
  expect(error.errorType).toBeUndefined()
  expect(error.serverMessage).toBe('An error occurred while processing your request.')
  expect(error.isTransient).toBe(true)
})

test('an HTML page with status 200 is not-json, with the start of the page as the server text', async () => {
  const { api } = setup(() =>
    text('  <!doctype html><html><body>Sign in to continue</body></html>\n'),
  )
  const error = await apiErrorOf(api.getState(UCC, ID))
  expect(error).toMatchObject({ kind: 'not-json', status: 200 })
  expect(error.serverMessage).toBe('<!doctype html><html><body>Sign in to continue</body></html>')
  expect(error.message).toContain('not JSON')
})

test('an HTML page with status 502 is an http error', async () => {
  const page = `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(500)}</body></html>`
  const { api } = setup(() => text(page, 502))
  const error = await apiErrorOf(api.getState(UCC, ID))
  expect(error).toMatchObject({ kind: 'http', status: 502 })
  expect(error.serverMessage).toBe(page.slice(0, 300))
  expect(error.isTransient).toBe(true)
})

test.each([
  ['an object without the state', { Hello: 'world' }],
  ['an array', [1, 2, 3]],
  ['a string', 'Started'],
  ['a number', 1],
  ['null (an empty body)', null],
  ['a boolean RecordingState', { RecordingState: true }],
  ['a numeric CorrelationId', { CorrelationId: 5, RecordingState: 1 }],
])('JSON of the wrong shape (%s) is invalid-response', async (_name, body) => {
  const { api } = setup(() => json(body))
  expect(await apiErrorOf(api.getState(UCC, ID))).toMatchObject({
    kind: 'invalid-response',
    status: 200,
  })
})

test('capabilities without AgentCanEditRecordings are invalid-response', async () => {
  const { api } = setup(() => json({ UCCName: UCC, ErrorMessage: null }))
  expect(await apiErrorOf(api.getCapabilities(UCC))).toMatchObject({ kind: 'invalid-response' })
})

test('a network failure is a network error', async () => {
  const { api } = setup(() => Promise.reject(new TypeError('Failed to fetch')))
  const error = await apiErrorOf(api.getState(UCC, ID))
  expect(error.kind).toBe('network')
  expect(error.serverMessage).toBe('Failed to fetch')
  expect(error.isTransient).toBe(true)
})

test('a fetch that never answers times out after requestTimeoutMs', async () => {
  const { api } = setup(neverAnswering(), { requestTimeoutMs: 20 })
  const error = await apiErrorOf(api.getState(UCC, ID))
  expect(error.kind).toBe('timeout')
  expect(error.isTransient).toBe(true)
})

test('a POST that never answers times out too', async () => {
  const { api } = setup(neverAnswering(), { requestTimeoutMs: 20 })
  const error = await apiErrorOf(
    api.setRecording({
      uccName: UCC,
      correlationId: ID,
      action: RecordingAction.Pause,
      requesterSipUri: AGENT,
    }),
  )
  expect(error.kind).toBe('timeout')
})

test("an abort from the caller's signal passes through unchanged", async () => {
  const { api } = setup(neverAnswering(), { requestTimeoutMs: 60_000 })
  const controller = new AbortController()
  const reason = new DOMException('The panel was closed', 'AbortError')
  const pending = api.getState(UCC, ID, controller.signal)
  controller.abort(reason)
  await expect(pending).rejects.toBe(reason)
})

// setRecording answers

const pause = {
  uccName: UCC,
  correlationId: ID,
  action: RecordingAction.Pause,
  requesterSipUri: AGENT,
} as const

test.each([
  ['an empty body', () => new Response('', { status: 200 })],
  ['a 204 without a body', () => new Response(null, { status: 204 })],
  ['an empty object', () => json({})],
  ['true', () => json(true)],
  ['an acknowledgement', () => json({ Success: true })],
  [
    'a body for another call',
    () =>
      json(stateBody({ CorrelationId: '00000000-0000-4000-8000-000000000000', RecordingState: 3 })),
  ],
  ['a body for another UCC', () => json(stateBody({ UCCName: 'other-ucc', RecordingState: 3 }))],
  ['a state with a value outside the enumeration', () => json(stateBody({ RecordingState: 9 }))],
])('setRecording returns undefined for %s', async (_name, answer) => {
  const { api } = setup(answer)
  await expect(api.setRecording(pause)).resolves.toBeUndefined()
})

test('setRecording returns the state of a full answer for this call', async () => {
  const { api } = setup(() =>
    json(
      stateBody({
        RecordingState: 3,
        MarkingState: 1,
        UCCName: 'UCC-Demo',
        CorrelationId: ID.toUpperCase(),
      }),
    ),
  )
  await expect(api.setRecording(pause)).resolves.toEqual({
    uccName: 'UCC-Demo',
    correlationId: ID.toUpperCase(),
    recording: 'Paused',
    marking: 'Mark',
    saving: 'None',
  })
})

test('setRecording throws for an ErrorMessage answer with 200', async () => {
  const message = "Agent 'sip:agent@example.com' is not an agent of this UCC."
  const { api } = setup(() => json(stateBody({ ErrorMessage: { ErrorType: 3, Message: message } })))
  expect(await apiErrorOf(api.setRecording(pause))).toMatchObject({
    kind: 'server',
    status: 200,
    errorType: 3,
    serverMessage: message,
  })
})

test('setRecording throws for an ErrorMessage-only answer with 400', async () => {
  const { api } = setup(() => json({ ErrorMessage: { ErrorType: 2, Message: NO_SESSION } }, 400))
  expect(await apiErrorOf(api.setRecording(pause))).toMatchObject({
    kind: 'server',
    status: 400,
    errorType: 2,
    serverMessage: NO_SESSION,
  })
})

test.each([
  ['..', ID],
  ['.', ID],
  ['capabilities', ID],
  ['ucc-demo', '..'],
])(
  'getState(%j, %j) is refused before anything is sent: no value changes the endpoint',
  async (ucc, id) => {
    const { api, fetchMock } = setup(() => json({}))
    await expect(api.getState(ucc, id)).rejects.toMatchObject({ kind: 'refused' })
    expect(fetchMock).not.toHaveBeenCalled()
  },
)

test.each(['..', '.', ''])(
  'getCapabilities(%j) is refused before anything is sent',
  async (ucc) => {
    const { api, fetchMock } = setup(() => json({}))
    await expect(api.getCapabilities(ucc)).rejects.toMatchObject({ kind: 'refused' })
    expect(fetchMock).not.toHaveBeenCalled()
  },
)

test('percent-encoded dots stay inside their segment', () => {
  const paths = recordingPaths('', 'v1')
  const url = new URL(paths.state('%2e%2e', ID), 'http://panel.example')
  expect(url.pathname).toBe(`/attendantservice/api/recording/%252e%252e/${ID}`)
})
