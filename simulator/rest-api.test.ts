import { afterAll, afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest'
import { MarkingState, RecordingAction, RecordingState, SavingState } from '../protocol/wire.ts'
import type { CapabilitiesResponse, RecordingStateResponse } from '../protocol/wire.ts'
import {
  DEFAULT_AGENT,
  DEFAULT_CALL_ID,
  DEFAULT_UCC,
  LOCKED_CALL_ID,
  LOCKED_UCC,
} from './default-data.ts'
import { silentChange } from './recorder.ts'
import type { Simulator } from './server.ts'
import { post, request, startTestSimulator } from './test-support.ts'

let sim: Simulator
const versions = ['/attendantservice/api/recording', '/attendantservice/api/v2/recording'] as const

beforeAll(async () => {
  sim = await startTestSimulator()
})
afterAll(() => sim.close())
beforeEach(() => sim.reset())
afterEach(() => {
  vi.restoreAllMocks()
})

const base = (version = 0) => `${sim.url}${versions[version]}`

function setBody(action: unknown, overrides: Record<string, unknown> = {}) {
  return {
    Action: action,
    RequesterSipUri: DEFAULT_AGENT,
    CorrelationId: DEFAULT_CALL_ID,
    UCCName: DEFAULT_UCC,
    ...overrides,
  }
}

function setRecordingState(recordingState: number, id = DEFAULT_CALL_ID, ucc = DEFAULT_UCC) {
  silentChange(sim.store, {
    uccName: ucc,
    correlationId: id,
    state: { recordingState },
    requester: 'test',
  })
}

test.each([0, 1])(
  'GET state of the default call answers the documented shape (API version %i)',
  async (version) => {
    const answer = await request<RecordingStateResponse>(
      `${base(version)}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`,
    )
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/)
    expect(answer.text).toBe(
      JSON.stringify({
        CorrelationId: DEFAULT_CALL_ID,
        RecordingState: RecordingState.Started,
        MarkingState: 0,
        SavingState: 0,
        ErrorMessage: null,
        UCCName: DEFAULT_UCC,
      }),
    )
  },
)

test('GET state matches UCC and correlation id case-insensitively and answers the stored spelling', async () => {
  const answer = await request<RecordingStateResponse>(
    `${base()}/UCC-Demo-NAME/${DEFAULT_CALL_ID.toUpperCase()}`,
  )
  expect(answer.body).toMatchObject({
    CorrelationId: DEFAULT_CALL_ID,
    UCCName: DEFAULT_UCC,
    ErrorMessage: null,
  })
})

test.each([0, 1])(
  'GET state of an unknown session answers the documented error (API version %i)',
  async (version) => {
    const id = '00000000-0000-4000-8000-000000000000'
    const answer = await request<RecordingStateResponse>(`${base(version)}/${DEFAULT_UCC}/${id}`)
    expect(answer.status).toBe(200)
    expect(answer.body).toEqual({
      CorrelationId: id,
      RecordingState: 0,
      MarkingState: 0,
      SavingState: 0,
      ErrorMessage: {
        ErrorType: 2,
        Message: `No Audio session with correlation Id:'${id}' was found.`,
      },
      UCCName: DEFAULT_UCC,
    })
  },
)

test('GET state in an unknown UCC answers UCC not found, echoing the request', async () => {
  const answer = await request<RecordingStateResponse>(`${base()}/No-Such-Ucc/${DEFAULT_CALL_ID}`)
  expect(answer.body).toEqual({
    CorrelationId: DEFAULT_CALL_ID,
    RecordingState: 0,
    MarkingState: 0,
    SavingState: 0,
    ErrorMessage: { ErrorType: 2, Message: "Ucc with name:'No-Such-Ucc' not found." },
    UCCName: 'No-Such-Ucc',
  })
})

test('GET state of a call in another UCC is an unknown session', async () => {
  const answer = await request<RecordingStateResponse>(`${base()}/${DEFAULT_UCC}/${LOCKED_CALL_ID}`)
  expect(answer.body.ErrorMessage?.Message).toBe(
    `No Audio session with correlation Id:'${LOCKED_CALL_ID}' was found.`,
  )
})

test.each([0, 1])(
  'GET capabilities answers AgentCanEditRecordings (API version %i)',
  async (version) => {
    const open = await request<CapabilitiesResponse>(`${base(version)}/capabilities/${DEFAULT_UCC}`)
    const locked = await request<CapabilitiesResponse>(`${base(version)}/capabilities/UCC-LOCKED`)
    expect(open.text).toBe(
      JSON.stringify({ AgentCanEditRecordings: true, ErrorMessage: null, UCCName: DEFAULT_UCC }),
    )
    expect(locked.body).toEqual({
      AgentCanEditRecordings: false,
      ErrorMessage: null,
      UCCName: LOCKED_UCC,
    })
  },
)

test('GET capabilities of an unknown UCC answers the documented error', async () => {
  const answer = await request<CapabilitiesResponse>(`${base()}/capabilities/ucc-nowhere`)
  expect(answer.status).toBe(200)
  expect(answer.body).toEqual({
    AgentCanEditRecordings: false,
    ErrorMessage: { ErrorType: 2, Message: "Ucc with name:'ucc-nowhere' not found." },
    UCCName: 'ucc-nowhere',
  })
})

const { Uninitialized, Started, Stopped, Paused } = RecordingState
const recorderCases: [string, number, number | undefined][] = [
  ['Start', Uninitialized, Started],
  ['Start', Stopped, Started],
  ['Start', Paused, Started],
  ['Start', Started, undefined],
  ['Stop', Started, Stopped],
  ['Stop', Paused, Stopped],
  ['Stop', Stopped, undefined],
  ['Stop', Uninitialized, undefined],
  ['Pause', Started, Paused],
  ['Pause', Paused, undefined],
  ['Pause', Stopped, undefined],
  ['Pause', Uninitialized, undefined],
]
const stateNames = ['Uninitialized', 'Started', 'Stopped', 'Paused']

test.each(recorderCases)('%s from recording state %i gives %s', async (action, from, to) => {
  setRecordingState(from)
  const answer = await post<RecordingStateResponse>(`${base()}/set`, setBody(action))
  expect(answer.status).toBe(200)
  if (to === undefined) {
    expect(answer.body).toMatchObject({
      RecordingState: from,
      ErrorMessage: {
        ErrorType: 3,
        Message: `Cannot ${action} the recording of correlation Id:'${DEFAULT_CALL_ID}' while it is ${stateNames[from]}.`,
      },
    })
  } else {
    expect(answer.body).toMatchObject({ RecordingState: to, ErrorMessage: null })
  }
  const after = await request<RecordingStateResponse>(`${base()}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`)
  expect(after.body.RecordingState).toBe(to ?? from)
})

test.each([
  ['Save', { SavingState: SavingState.Save }],
  ['Delete', { SavingState: SavingState.Delete }],
  ['Mark', { MarkingState: MarkingState.Mark }],
  ['UnMark', { MarkingState: MarkingState.Unmark }],
])('%s sets its flag in any recording state, repeatedly', async (action, expected) => {
  for (const state of [Uninitialized, Started, Stopped, Paused]) {
    setRecordingState(state)
    for (let repeat = 0; repeat < 2; repeat += 1) {
      const answer = await post<RecordingStateResponse>(`${base()}/set`, setBody(action))
      expect(answer.body).toMatchObject({ ...expected, RecordingState: state, ErrorMessage: null })
    }
  }
})

test.each([
  [3, Paused],
  ['3', Paused],
  ['Pause', Paused],
  ['pause', Paused],
  ['PAUSE', Paused],
  [' Pause ', Paused],
])('Action %j is accepted as number or name in any casing', async (action, expected) => {
  const answer = await post<RecordingStateResponse>(`${base(1)}/set`, setBody(action))
  expect(answer.body).toMatchObject({ RecordingState: expected, ErrorMessage: null })
})

test('Mark and UnMark by name, and the others by number', async () => {
  await post(`${base()}/set`, setBody('unmark'))
  expect(sim.store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)?.markingState).toBe(MarkingState.Unmark)
  await post(`${base()}/set`, setBody(RecordingAction.Mark))
  expect(sim.store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)?.markingState).toBe(MarkingState.Mark)
  await post(`${base()}/set`, setBody(5))
  expect(sim.store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)?.savingState).toBe(SavingState.Delete)
})

test.each([
  {
    action: 3,
    requesterSipUri: DEFAULT_AGENT,
    correlationId: DEFAULT_CALL_ID,
    uccName: DEFAULT_UCC,
  },
  {
    ACTION: 3,
    REQUESTERSIPURI: DEFAULT_AGENT,
    CORRELATIONID: DEFAULT_CALL_ID,
    UCCNAME: DEFAULT_UCC,
  },
  {
    Action: 3,
    RequesterSipUri: DEFAULT_AGENT,
    CorrelationId: DEFAULT_CALL_ID,
    UccName: DEFAULT_UCC,
  },
])('JSON property names are read in any casing: %o', async (body) => {
  const answer = await post<RecordingStateResponse>(`${base()}/set`, body)
  expect(answer.body).toMatchObject({ RecordingState: Paused, ErrorMessage: null })
})

test('POST set matches UCC, call and requester case-insensitively and answers the stored spelling', async () => {
  const answer = await post<RecordingStateResponse>(
    `${base()}/set`,
    setBody('Pause', {
      UCCName: 'UCC-DEMO-NAME',
      CorrelationId: DEFAULT_CALL_ID.toUpperCase(),
      RequesterSipUri: 'SIP:Agent@Domain.com',
    }),
  )
  expect(answer.body).toMatchObject({
    UCCName: DEFAULT_UCC,
    CorrelationId: DEFAULT_CALL_ID,
    ErrorMessage: null,
  })
})

test('the POST answer has the same shape and values as a GET afterwards', async () => {
  const answer = await post<RecordingStateResponse>(`${base()}/set`, setBody('Pause'))
  const after = await request<RecordingStateResponse>(`${base()}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`)
  expect(answer.text).toBe(after.text)
  expect(Object.keys(answer.body)).toEqual([
    'CorrelationId',
    'RecordingState',
    'MarkingState',
    'SavingState',
    'ErrorMessage',
    'UCCName',
  ])
})

const errorCases: [string, Record<string, unknown>, number, string, number][] = [
  [
    'editing not allowed',
    { UCCName: LOCKED_UCC, CorrelationId: LOCKED_CALL_ID },
    1,
    "Agents are not allowed to edit recordings in Ucc with name:'ucc-locked'.",
    403,
  ],
  [
    'requester not an agent',
    { RequesterSipUri: 'sip:mallory@domain.com' },
    2,
    "Requester with sip uri:'sip:mallory@domain.com' is not an agent of Ucc with name:'ucc-demo-name'.",
    403,
  ],
  ['unknown UCC', { UCCName: 'ucc-gone' }, 2, "Ucc with name:'ucc-gone' not found.", 404],
  [
    'unknown session',
    { CorrelationId: 'no-such-call' },
    2,
    "No Audio session with correlation Id:'no-such-call' was found.",
    404,
  ],
  [
    'missing fields',
    { RequesterSipUri: undefined, UCCName: '  ' },
    2,
    'The RequesterSipUri field is required. The UCCName field is required.',
    400,
  ],
  ['missing action', { Action: undefined }, 2, 'The Action field is required.', 400],
  ['unknown action number', { Action: 9 }, 2, "The value '9' is not valid for Action.", 400],
  ['action zero', { Action: 0 }, 2, "The value '0' is not valid for Action.", 400],
  [
    'unknown action name',
    { Action: 'Resume' },
    2,
    "The value 'Resume' is not valid for Action.",
    400,
  ],
  [
    'action of the wrong type',
    { Action: true },
    2,
    "The value 'true' is not valid for Action.",
    400,
  ],
  [
    'invalid transition',
    { Action: 'Start' },
    3,
    `Cannot Start the recording of correlation Id:'${DEFAULT_CALL_ID}' while it is Started.`,
    409,
  ],
]

test.each(errorCases)(
  'POST set error: %s',
  async (_name, overrides, errorType, text, httpStatus) => {
    const body = setBody('Pause', overrides)
    const okMode = await post<RecordingStateResponse>(`${base()}/set`, body)
    expect(okMode.status).toBe(200)
    expect(okMode.body.ErrorMessage).toEqual({ ErrorType: errorType, Message: text })
    sim.settings.errorStatus = 'http'
    const httpMode = await post<RecordingStateResponse>(`${base(1)}/set`, body)
    expect(httpMode.status).toBe(httpStatus)
    expect(httpMode.body).toEqual(okMode.body)
  },
)

test('an error leaves the state unchanged and answers the current state of the call', async () => {
  const answer = await post<RecordingStateResponse>(
    `${base()}/set`,
    setBody('Pause', { RequesterSipUri: 'sip:x@y' }),
  )
  expect(answer.body).toMatchObject({
    RecordingState: Started,
    CorrelationId: DEFAULT_CALL_ID,
    UCCName: DEFAULT_UCC,
  })
  expect(sim.store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)?.recordingState).toBe(Started)
  expect(sim.store.audit()).toEqual([])
})

test('the errors of GET follow the error status switch too', async () => {
  sim.settings.errorStatus = 'http'
  expect((await request(`${base()}/${DEFAULT_UCC}/nobody`)).status).toBe(404)
  expect((await request(`${base()}/nowhere/${DEFAULT_CALL_ID}`)).status).toBe(404)
  expect((await request(`${base()}/capabilities/nowhere`)).status).toBe(404)
  expect((await request(`${base()}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`)).status).toBe(200)
})

test('a change is written to the audit log with its source and resulting states', async () => {
  await post(`${base()}/set`, setBody('Pause'))
  await post(`${base()}/set`, setBody('Mark', { RequesterSipUri: 'sip:alice@domain.com' }))
  const entries = sim.store.audit()
  expect(entries).toEqual([
    expect.objectContaining({
      uccName: DEFAULT_UCC,
      correlationId: DEFAULT_CALL_ID,
      action: 'Pause',
      stateAction: RecordingAction.Pause,
      requester: DEFAULT_AGENT,
      source: 'rest',
      recordingState: Paused,
      markingState: 0,
      savingState: 0,
      event: true,
    }),
    expect.objectContaining({
      action: 'Mark',
      requester: 'sip:alice@domain.com',
      recordingState: Paused,
      markingState: 1,
    }),
  ])
  expect(new Date(entries[0]?.time ?? '').toISOString()).toBe(entries[0]?.time)
})

test('a change broadcasts RecordingStateChangedEvent with the action number; an error broadcasts nothing', async () => {
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  await post(`${base()}/set`, setBody('Pause', { UCCName: 'UCC-DEMO-NAME' }))
  await post(`${base()}/set`, setBody('Pause'))
  expect(broadcast).toHaveBeenCalledTimes(1)
  expect(broadcast).toHaveBeenCalledWith('RecordingStateChangedEvent', [
    { UccName: DEFAULT_UCC, CorrelationId: DEFAULT_CALL_ID, StateAction: 3 },
  ])
})

test('camel event casing sends camelCase properties', async () => {
  sim.settings.eventCasing = 'camel'
  const broadcast = vi.spyOn(sim.hub, 'broadcast')
  await post(`${base()}/set`, setBody(6))
  expect(broadcast).toHaveBeenCalledWith('RecordingStateChangedEvent', [
    { uccName: DEFAULT_UCC, correlationId: DEFAULT_CALL_ID, stateAction: 6 },
  ])
})

test('a pause records when it began, and a resume clears it', async () => {
  await post(`${base()}/set`, setBody('Pause'))
  const paused = sim.store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)
  expect(paused?.pausedSince).toEqual(expect.any(String))
  await post(`${base()}/set`, setBody('Start'))
  expect(sim.store.findCall(DEFAULT_UCC, DEFAULT_CALL_ID)?.pausedSince).toBeNull()
})
