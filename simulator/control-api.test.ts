import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest'
import { RecordingState } from '../protocol/wire.ts'
import type { RecordingStateResponse } from '../protocol/wire.ts'
import {
  DEFAULT_AGENT,
  DEFAULT_CALL_ID,
  DEFAULT_UCC,
  LOCKED_CALL_ID,
  LOCKED_UCC,
} from './default-data.ts'
import type { Simulator } from './server.ts'
import type { AuditEntry, Call, Ucc } from './store.ts'
import { control as controlRequest, post, request, startTestSimulator } from './test-support.ts'

let sim: Simulator
const rest = '/attendantservice/api/recording'

beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())
beforeEach(async () => {
  expect((await post(`${sim.controlUrl}/reset`, {})).status).toBe(200)
})
afterEach(() => {
  vi.restoreAllMocks()
})

const control = (path: string) => `${sim.controlUrl}${path}`
const getState = (ucc = DEFAULT_UCC, id = DEFAULT_CALL_ID) =>
  request<RecordingStateResponse>(
    `${sim.url}${rest}/${encodeURIComponent(ucc)}/${encodeURIComponent(id)}`,
  )
const setAction = (action: unknown, overrides: Record<string, unknown> = {}) =>
  post<RecordingStateResponse>(`${sim.url}${rest}/set`, {
    Action: action,
    RequesterSipUri: DEFAULT_AGENT,
    CorrelationId: DEFAULT_CALL_ID,
    UCCName: DEFAULT_UCC,
    ...overrides,
  })

interface StateSnapshot {
  scenario: string
  settings: { eventCasing: string; errorStatus: string }
  uccs: (Ucc & { calls: Call[] })[]
}

test('GET /__sim/health answers ok with the hub connection counts', async () => {
  const answer = await request<{
    status: string
    scenario: string
    connections: { total: number }
  }>(control('/health'))
  expect(answer.status).toBe(200)
  expect(answer.body).toMatchObject({ status: 'ok', scenario: 'static', connections: { total: 0 } })
})

test('GET /__sim/state lists the default data', async () => {
  const answer = await request<StateSnapshot>(control('/state'))
  expect(answer.body.settings).toEqual({ eventCasing: 'pascal', errorStatus: 'ok' })
  expect(answer.body.uccs).toEqual([
    {
      name: DEFAULT_UCC,
      agentCanEditRecordings: true,
      agents: [
        'sip:agent@domain.com',
        'sip:alice@domain.com',
        'sip:bob@domain.com',
        'sip:supervisor@domain.com',
      ],
      calls: [
        expect.objectContaining({
          correlationId: DEFAULT_CALL_ID,
          recordingState: 1,
          markingState: 0,
          savingState: 0,
          pausedSince: null,
        }),
      ],
    },
    {
      name: LOCKED_UCC,
      agentCanEditRecordings: false,
      agents: ['sip:agent@domain.com'],
      calls: [expect.objectContaining({ correlationId: LOCKED_CALL_ID, recordingState: 1 })],
    },
  ])
})

test('POST /__sim/reset restores data, clears faults and audit, and restores settings', async () => {
  await setAction('Pause')
  await post(control('/uccs'), { name: 'ucc-extra' })
  await post(control('/faults/next'), { status: 503, count: 5 })
  await post(control('/settings'), { errorStatus: 'http', eventCasing: 'camel' })
  const answer = await post<StateSnapshot>(control('/reset'), {})
  expect(answer.body.uccs.map((ucc) => ucc.name)).toEqual([DEFAULT_UCC, LOCKED_UCC])
  expect(answer.body.settings).toEqual({ eventCasing: 'pascal', errorStatus: 'ok' })
  expect((await getState()).body.RecordingState).toBe(RecordingState.Started)
  expect((await request(control('/audit'))).body).toEqual([])
  expect((await request<{ pending: unknown[] }>(control('/faults'))).body.pending).toEqual([])
})

test('POST /__sim/uccs adds a UCC that REST then knows; a duplicate is 409 and bad input 400', async () => {
  const added = await post<Ucc>(control('/uccs'), {
    name: 'ucc-sales',
    agents: ['sip:carol@domain.com'],
  })
  expect(added.status).toBe(201)
  expect(added.body).toEqual({
    name: 'ucc-sales',
    agentCanEditRecordings: true,
    agents: ['sip:carol@domain.com'],
  })
  const capabilities = await request(`${sim.url}${rest}/capabilities/ucc-sales`)
  expect(capabilities.body).toEqual({
    AgentCanEditRecordings: true,
    ErrorMessage: null,
    UCCName: 'ucc-sales',
  })
  expect((await post(control('/uccs'), { name: 'UCC-SALES' })).status).toBe(409)
  const bad = await post<{ Message: string }>(control('/uccs'), {
    name: '',
    agentCanEditRecordings: 'yes',
  })
  expect(bad.status).toBe(400)
  expect(bad.body.Message).toEqual(expect.any(String))
})

test('PATCH /__sim/uccs/{ucc} switches AgentCanEditRecordings (POST works too)', async () => {
  const patched = await request<Ucc>(control(`/uccs/${DEFAULT_UCC}`), {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ agentCanEditRecordings: false }),
  })
  expect(patched.body.agentCanEditRecordings).toBe(false)
  expect((await setAction('Pause')).body.ErrorMessage?.ErrorType).toBe(1)
  await post(control(`/uccs/${LOCKED_UCC}`), { agentCanEditRecordings: true })
  const unlocked = await setAction('Pause', { UCCName: LOCKED_UCC, CorrelationId: LOCKED_CALL_ID })
  expect(unlocked.body).toMatchObject({ RecordingState: RecordingState.Paused, ErrorMessage: null })
  expect((await post(control('/uccs/nowhere'), { agentCanEditRecordings: true })).status).toBe(404)
})

test('POST /__sim/uccs/{ucc}/agents adds a requester REST then accepts; DELETE removes it', async () => {
  expect(
    (await setAction('Pause', { RequesterSipUri: 'sip:zoe@domain.com' })).body.ErrorMessage
      ?.ErrorType,
  ).toBe(2)
  const added = await post<Ucc>(control(`/uccs/${DEFAULT_UCC}/agents`), {
    sipUri: 'sip:zoe@domain.com',
  })
  expect(added.status).toBe(201)
  expect(added.body.agents).toContain('sip:zoe@domain.com')
  expect(
    (await setAction('Pause', { RequesterSipUri: 'sip:zoe@domain.com' })).body.ErrorMessage,
  ).toBeNull()
  await controlRequest(
    control(`/uccs/${DEFAULT_UCC}/agents/${encodeURIComponent('sip:zoe@domain.com')}`),
    { method: 'DELETE' },
  )
  expect(
    (await setAction('Start', { RequesterSipUri: 'sip:zoe@domain.com' })).body.ErrorMessage
      ?.ErrorType,
  ).toBe(2)
})

test('DELETE /__sim/uccs/{ucc} removes a UCC and its calls', async () => {
  expect((await controlRequest(control(`/uccs/${LOCKED_UCC}`), { method: 'DELETE' })).status).toBe(
    200,
  )
  expect(
    (
      await request<{ ErrorMessage: { Message: string } }>(
        `${sim.url}${rest}/capabilities/${LOCKED_UCC}`,
      )
    ).body.ErrorMessage.Message,
  ).toBe("Ucc with name:'ucc-locked' not found.")
})

test('POST /__sim/calls creates a call with a generated GUID, announcing its recorder state', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  const created = await post<Call>(control('/calls'), {
    ucc: 'UCC-DEMO-NAME',
    recordingState: 1,
    markingState: 1,
  })
  expect(created.status).toBe(201)
  expect(created.body.correlationId).toMatch(
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  )
  expect(created.body).toMatchObject({
    uccName: DEFAULT_UCC,
    recordingState: 1,
    markingState: 1,
    savingState: 0,
  })
  const state = await getState(DEFAULT_UCC, created.body.correlationId)
  expect(state.body).toMatchObject({ RecordingState: 1, MarkingState: 1, ErrorMessage: null })
  expect(broadcast).toHaveBeenCalledWith('RecordingStateChangedEvent', [
    { UccName: DEFAULT_UCC, CorrelationId: created.body.correlationId, StateAction: 1 },
  ])
})

test('a call created without a recorder state is recording (Started), and calls are not audit entries', async () => {
  const created = await post<Call>(control('/calls'), { ucc: DEFAULT_UCC })
  expect(created.body.recordingState).toBe(RecordingState.Started)
  expect((await request(control('/audit'))).body).toEqual([])
  await controlRequest(control(`/calls/${DEFAULT_UCC}/${created.body.correlationId}`), {
    method: 'DELETE',
  })
  expect(
    (await request<AuditEntry[]>(control('/audit'))).body.map((entry) => entry.action),
  ).toEqual(['Stop'])
})

test('POST /__sim/calls takes a given id and state; duplicates 409, unknown UCC 404, silent sends nothing', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  const created = await post<Call>(control('/calls'), {
    ucc: DEFAULT_UCC,
    correlationId: 'call-42',
    recordingState: 3,
    silent: true,
  })
  expect(created.body).toMatchObject({
    correlationId: 'call-42',
    recordingState: 3,
    pausedSince: expect.any(String),
  })
  expect(broadcast).not.toHaveBeenCalled()
  expect(
    (await post(control('/calls'), { ucc: DEFAULT_UCC, correlationId: 'CALL-42' })).status,
  ).toBe(409)
  expect((await post(control('/calls'), { ucc: 'nowhere' })).status).toBe(404)
  expect((await post(control('/calls'), { ucc: DEFAULT_UCC, recordingState: -1 })).status).toBe(400)
})

test('DELETE /__sim/calls/{ucc}/{id} ends a call: GET then says not found, and a running recorder announces Stop', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  const ended = await controlRequest<Call>(control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`), {
    method: 'DELETE',
  })
  expect(ended.status).toBe(200)
  expect(ended.body.recordingState).toBe(RecordingState.Stopped)
  expect((await getState()).body.ErrorMessage?.Message).toBe(
    `No Audio session with correlation Id:'${DEFAULT_CALL_ID}' was found.`,
  )
  expect(broadcast).toHaveBeenCalledWith('RecordingStateChangedEvent', [
    { UccName: DEFAULT_UCC, CorrelationId: DEFAULT_CALL_ID, StateAction: 2 },
  ])
  expect(
    (
      await controlRequest(control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`), {
        method: 'DELETE',
      })
    ).status,
  ).toBe(404)
  const silent = await controlRequest(
    control(`/calls/${LOCKED_UCC}/${LOCKED_CALL_ID}?silent=true`),
    { method: 'DELETE' },
  )
  expect(silent.status).toBe(200)
  expect(broadcast).toHaveBeenCalledTimes(1)
})

test('POST /__sim/calls/{ucc}/{id}/action applies an action as another party: state, event, audit', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  const answer = await post<RecordingStateResponse>(
    control(`/calls/${LOCKED_UCC}/${LOCKED_CALL_ID}/action`),
    {
      action: 'pause',
      requester: 'sip:payment-system@domain.com',
    },
  )
  expect(answer.status).toBe(200)
  expect(answer.body).toMatchObject({
    RecordingState: RecordingState.Paused,
    ErrorMessage: null,
    UCCName: LOCKED_UCC,
  })
  expect(broadcast).toHaveBeenCalledWith('RecordingStateChangedEvent', [
    { UccName: LOCKED_UCC, CorrelationId: LOCKED_CALL_ID, StateAction: 3 },
  ])
  const audit = await request<AuditEntry[]>(
    control(`/audit?correlationId=${LOCKED_CALL_ID.toUpperCase()}`),
  )
  expect(audit.body).toEqual([
    expect.objectContaining({
      action: 'Pause',
      requester: 'sip:payment-system@domain.com',
      source: 'control',
      recordingState: 3,
    }),
  ])
})

test('the control action answers errors with ErrorMessage and a 4xx status', async () => {
  const twice = await post<RecordingStateResponse>(
    control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}/action`),
    { action: 1 },
  )
  expect(twice.status).toBe(409)
  expect(twice.body.ErrorMessage?.ErrorType).toBe(3)
  const unknown = await post<RecordingStateResponse>(
    control(`/calls/${DEFAULT_UCC}/nobody/action`),
    { action: 3 },
  )
  expect(unknown.status).toBe(404)
  expect(unknown.body.ErrorMessage?.Message).toBe(
    "No Audio session with correlation Id:'nobody' was found.",
  )
  const bad = await post<RecordingStateResponse>(
    control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}/action`),
    { action: 'Resume' },
  )
  expect(bad.status).toBe(400)
  const scenario = await post(control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}/action`), {
    action: 'Pause',
    source: 'scenario',
  })
  expect(scenario.status).toBe(200)
  expect((await request<AuditEntry[]>(control('/audit'))).body.at(-1)?.source).toBe('scenario')
})

test('POST /__sim/calls/{ucc}/{id}/silent changes state with no event but an audit entry', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  const answer = await post<Call>(control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}/silent`), {
    recordingState: 3,
    savingState: 2,
  })
  expect(answer.status).toBe(200)
  expect(answer.body).toMatchObject({ recordingState: 3, savingState: 2, markingState: 0 })
  expect((await getState()).body).toMatchObject({ RecordingState: 3, SavingState: 2 })
  expect(broadcast).not.toHaveBeenCalled()
  expect((await request<AuditEntry[]>(control('/audit'))).body).toEqual([
    expect.objectContaining({
      action: 'Silent',
      stateAction: null,
      event: false,
      recordingState: 3,
    }),
  ])
  const outOfRange = await post<Call>(control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}/silent`), {
    recordingState: 9,
  })
  expect(outOfRange.body.recordingState).toBe(9)
  expect((await post(control(`/calls/${DEFAULT_UCC}/${DEFAULT_CALL_ID}/silent`), {})).status).toBe(
    400,
  )
  expect(
    (await post(control(`/calls/${DEFAULT_UCC}/nobody/silent`), { recordingState: 1 })).status,
  ).toBe(404)
})

test('POST /__sim/events broadcasts a raw hub message of any shape', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  const positional = await post(control('/events'), {
    arguments: ['ucc-demo-name', DEFAULT_CALL_ID, 'Pause'],
  })
  expect(positional.status).toBe(202)
  expect(broadcast).toHaveBeenLastCalledWith('RecordingStateChangedEvent', [
    'ucc-demo-name',
    DEFAULT_CALL_ID,
    'Pause',
  ])
  await post(control('/events'), { target: 'SomethingElse', arguments: [{ any: ['shape'] }, 7] })
  expect(broadcast).toHaveBeenLastCalledWith('SomethingElse', [{ any: ['shape'] }, 7])
  expect((await post(control('/events'), { target: 'x' })).status).toBe(400)
})

test('POST /__sim/faults/next replaces the next N answers of an endpoint, then answers normally', async () => {
  await post(control('/faults/next'), {
    endpoint: 'state',
    count: 2,
    status: 503,
    body: { Message: 'busy' },
  })
  expect((await request(`${sim.url}${rest}/capabilities/${DEFAULT_UCC}`)).status).toBe(200)
  for (let index = 0; index < 2; index += 1) {
    const faulty = await getState()
    expect(faulty.status).toBe(503)
    expect(faulty.body).toEqual({ Message: 'busy' })
  }
  expect((await getState()).status).toBe(200)
})

test('a fault body given as a string is sent raw with its content type', async () => {
  await post(control('/faults/next'), {
    endpoint: 'set',
    status: 502,
    body: '<html><body>Bad Gateway</body></html>',
    contentType: 'text/html',
  })
  const answer = await setAction('Pause')
  expect(answer.status).toBe(502)
  expect(answer.headers.get('content-type')).toBe('text/html')
  expect(answer.text).toBe('<html><body>Bad Gateway</body></html>')
  expect((await getState()).body.RecordingState).toBe(RecordingState.Started)
})

test('a fault without an endpoint hits any REST endpoint; one with passThrough lets the change happen', async () => {
  await post(control('/faults/next'), { status: 500, passThrough: true })
  const answer = await setAction('Pause')
  expect(answer.status).toBe(500)
  expect((await getState()).body.RecordingState).toBe(RecordingState.Paused)
  await post(control('/faults/next'), { status: 200, body: { ErrorMessage: null } })
  expect((await getState()).body).toEqual({ ErrorMessage: null })
})

test('a fault delay holds the faulty answer back', async () => {
  await post(control('/faults/next'), { endpoint: 'capabilities', status: 504, delayMs: 80 })
  const before = performance.now()
  expect((await request(`${sim.url}${rest}/capabilities/${DEFAULT_UCC}`)).status).toBe(504)
  expect(performance.now() - before).toBeGreaterThanOrEqual(75)
})

test('POST /__sim/faults/hang leaves a request unanswered until the faults are cleared', async () => {
  await post(control('/faults/hang'), { endpoint: 'state', count: 1 })
  const hanging = fetch(`${sim.url}${rest}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`)
  await vi.waitFor(() => expect(sim.faults.snapshot().hungRequests).toBe(1))
  const cleared = await controlRequest<{ hungRequests: number }>(control('/faults'), {
    method: 'DELETE',
  })
  expect(cleared.body.hungRequests).toBe(0)
  await expect(hanging).rejects.toThrow()
  expect((await getState()).status).toBe(200)
})

test('a negotiate fault answers the hub negotiate request, once', async () => {
  await post(control('/faults/next'), { endpoint: 'negotiate', status: 500, body: 'down' })
  const negotiate = `${sim.hubUrl}/negotiate?negotiateVersion=1`
  const faulty = await request(negotiate, { method: 'POST' })
  expect(faulty.status).toBe(500)
  expect(faulty.text).toBe('down')
  expect((await request(negotiate, { method: 'POST' })).status).toBe(200)
})

test('hub faults: drop, close and refuse negotiation reach the hub', async () => {
  const dropAll = vi.spyOn(sim.hub, 'dropAll')
  const closeAll = vi.spyOn(sim.hub, 'closeAll')
  const refuse = vi.spyOn(sim.hub, 'refuseNegotiationFor')
  expect((await post(control('/faults/drop-connections'), {})).status).toBe(200)
  expect(dropAll).toHaveBeenCalledTimes(1)
  await post(control('/faults/close-connections'), {
    error: 'Server shutting down',
    allowReconnect: true,
  })
  expect(closeAll).toHaveBeenCalledWith('Server shutting down', true)
  await post(control('/faults/refuse-negotiation'), { seconds: 30 })
  expect(refuse).toHaveBeenCalledWith(30_000)
  const negotiate = `${sim.hubUrl}/negotiate?negotiateVersion=1`
  expect((await request(negotiate, { method: 'POST' })).status).toBe(503)
  await controlRequest(control('/faults'), { method: 'DELETE' })
  expect(refuse).toHaveBeenLastCalledWith(0)
  expect((await request(negotiate, { method: 'POST' })).status).toBe(200)
  expect((await post(control('/faults/refuse-negotiation'), { seconds: -1 })).status).toBe(400)
})

test('POST /__sim/faults/latency sets and DELETE /__sim/faults clears fault latency', async () => {
  const set = await post<{ latencyMs: number }>(control('/faults/latency'), { ms: 250 })
  expect(set.body.latencyMs).toBe(250)
  const cleared = await controlRequest<{ latencyMs: number }>(control('/faults'), {
    method: 'DELETE',
  })
  expect(cleared.body.latencyMs).toBe(0)
  expect((await post(control('/faults/latency'), { ms: 'soon' })).status).toBe(400)
})

test('POST /__sim/settings switches error status and event casing', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  const changed = await post(control('/settings'), { errorStatus: 'http', eventCasing: 'camel' })
  expect(changed.body).toEqual({ eventCasing: 'camel', errorStatus: 'http' })
  expect((await request(control('/settings'))).body).toEqual({
    eventCasing: 'camel',
    errorStatus: 'http',
  })
  expect((await getState(DEFAULT_UCC, 'nobody')).status).toBe(404)
  await setAction('Pause')
  expect(broadcast).toHaveBeenCalledWith('RecordingStateChangedEvent', [
    { uccName: DEFAULT_UCC, correlationId: DEFAULT_CALL_ID, stateAction: 3 },
  ])
  expect((await post(control('/settings'), { errorStatus: 'sometimes' })).status).toBe(400)
})

test('GET /__sim/audit lists changes oldest first, filtered by call, UCC or id', async () => {
  await setAction('Pause')
  await post(control(`/calls/${LOCKED_UCC}/${LOCKED_CALL_ID}/action`), { action: 'Stop' })
  await setAction('Start')
  const all = await request<AuditEntry[]>(control('/audit'))
  expect(all.body.map((entry) => entry.action)).toEqual(['Pause', 'Stop', 'Start'])
  const byCall = await request<AuditEntry[]>(control(`/audit?correlationId=${DEFAULT_CALL_ID}`))
  expect(byCall.body.map((entry) => entry.action)).toEqual(['Pause', 'Start'])
  const byUcc = await request<AuditEntry[]>(control(`/audit?ucc=${LOCKED_UCC}`))
  expect(byUcc.body.map((entry) => entry.action)).toEqual(['Stop'])
  const after = await request<AuditEntry[]>(control(`/audit?after=${all.body[0]?.id}`))
  expect(after.body.map((entry) => entry.action)).toEqual(['Stop', 'Start'])
  expect((await request(control('/audit?after=x'))).status).toBe(400)
})
