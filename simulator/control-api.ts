import type { IncomingMessage, ServerResponse } from 'node:http'
import * as v from 'valibot'
import { RECORDING_STATE_CHANGED_EVENT, RecordingState } from '../protocol/wire.ts'
import type { RecordingStateResponse } from '../protocol/wire.ts'
import { ErrorStatusMode, httpStatusOf, invalidAction, unknownUcc } from './errors.ts'
import type { SimError } from './errors.ts'
import { FaultEndpoint } from './faults.ts'
import type { Faults } from './faults.ts'
import type { Hub } from './hub/hub.ts'
import {
  json,
  matchRoute,
  message,
  methodNotAllowed,
  notFound,
  readJson,
  sendReply,
} from './http.ts'
import type { Reply, Route } from './http.ts'
import type { Random } from './random.ts'
import { readAction } from './read-wire.ts'
import { endCall, performAction, silentChange, startCall } from './recorder.ts'
import type { LoadStatus } from './scenarios.ts'
import { EventCasing } from './settings.ts'
import type { Settings } from './settings.ts'
import { AuditSource } from './store.ts'
import type { Call, Store } from './store.ts'

export const CONTROL_BASE = '/__sim'
const CONTROL_REQUESTER = 'control-api'

export interface ControlContext {
  store: Store
  settings: Settings
  faults: Faults
  hub: Hub
  random: Random
  scenario: string
  startedAt: number
  /** Default data, faults and audit cleared, settings back to the start options; a running scenario restarts. */
  reset(): void
  /** The load scenario's numbers, shown by /__sim/health. */
  load?: () => LoadStatus
}

type Params = Record<string, string>

interface ControlRequest {
  params: Params
  body: unknown
  query: URLSearchParams
}

type ControlHandler = (context: ControlContext, request: ControlRequest) => Reply

const stateNumber = v.pipe(v.number(), v.integer(), v.minValue(0))
const name = v.pipe(v.string(), v.trim(), v.nonEmpty())
const endpoint = v.picklist(Object.values(FaultEndpoint))

const schemas = {
  ucc: v.object({
    name,
    agentCanEditRecordings: v.optional(v.boolean(), true),
    agents: v.optional(v.array(name), []),
  }),
  uccUpdate: v.object({ agentCanEditRecordings: v.boolean() }),
  agent: v.object({ sipUri: name }),
  call: v.object({
    ucc: name,
    correlationId: v.optional(name),
    recordingState: v.optional(stateNumber),
    markingState: v.optional(stateNumber),
    savingState: v.optional(stateNumber),
    silent: v.optional(v.boolean(), false),
  }),
  action: v.object({
    action: v.union([v.number(), v.string()]),
    requester: v.optional(name, CONTROL_REQUESTER),
    source: v.optional(v.picklist(Object.values(AuditSource)), AuditSource.Control),
  }),
  silent: v.pipe(
    v.object({
      recordingState: v.optional(stateNumber),
      markingState: v.optional(stateNumber),
      savingState: v.optional(stateNumber),
      requester: v.optional(name, CONTROL_REQUESTER),
    }),
    v.check(
      (change) =>
        [change.recordingState, change.markingState, change.savingState].some(
          (value) => value !== undefined,
        ),
      'Give at least one of recordingState, markingState, savingState.',
    ),
  ),
  event: v.object({
    target: v.optional(name, RECORDING_STATE_CHANGED_EVENT),
    arguments: v.array(v.unknown()),
  }),
  latency: v.object({ ms: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000)) }),
  nextFault: v.object({
    endpoint: v.optional(endpoint),
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1),
    status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(200), v.maxValue(599)), 500),
    body: v.optional(
      v.union([v.string(), v.record(v.string(), v.unknown()), v.array(v.unknown())]),
    ),
    contentType: v.optional(name),
    delayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000)), 0),
    passThrough: v.optional(v.boolean(), false),
  }),
  hang: v.object({
    endpoint: v.optional(endpoint),
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1),
  }),
  refuseNegotiation: v.object({ seconds: v.pipe(v.number(), v.minValue(0), v.maxValue(86_400)) }),
  closeConnections: v.object({
    error: v.optional(v.string()),
    allowReconnect: v.optional(v.boolean(), false),
  }),
  settings: v.object({
    eventCasing: v.optional(v.picklist(Object.values(EventCasing))),
    errorStatus: v.optional(v.picklist(Object.values(ErrorStatusMode))),
  }),
}

/** A handler whose body is checked against schema first ({} when the body is empty); 400 with the issues if not. */
function withBody<S extends v.GenericSchema>(
  schema: S,
  handle: (context: ControlContext, params: Params, input: v.InferOutput<S>) => Reply,
): ControlHandler {
  return (context, request) => {
    const result = v.safeParse(schema, request.body ?? {})
    return result.success
      ? handle(context, request.params, result.output)
      : message(400, v.summarize(result.issues))
  }
}

function snapshot(context: ControlContext) {
  return {
    scenario: context.scenario,
    settings: { ...context.settings },
    uccs: context.store.uccs().map((ucc) => ({ ...ucc, calls: context.store.calls(ucc.name) })),
  }
}

function callNotFound(params: Params): Reply {
  return message(404, `No call '${params.id ?? ''}' in Ucc '${params.ucc ?? ''}'.`)
}

function uccNotFound(params: Params): Reply {
  return message(404, unknownUcc(params.ucc ?? '').message.Message)
}

function recordingReply(call: Call | undefined, params: Params, error?: SimError): Reply {
  const body: RecordingStateResponse = {
    CorrelationId: call?.correlationId ?? params.id ?? '',
    RecordingState: call?.recordingState ?? 0,
    MarkingState: call?.markingState ?? 0,
    SavingState: call?.savingState ?? 0,
    ErrorMessage: error?.message ?? null,
    UCCName: call?.uccName ?? params.ucc ?? '',
  }
  return json(error ? httpStatusOf[error.kind] : 200, body)
}

const health: ControlHandler = (context) =>
  json(200, {
    status: 'ok',
    scenario: context.scenario,
    uptimeMs: Date.now() - context.startedAt,
    connections: context.hub.connections(),
    ...(context.load ? { load: context.load() } : {}),
  })

const reset: ControlHandler = (context) => {
  context.reset()
  return json(200, snapshot(context))
}

const addUcc = withBody(schemas.ucc, (context, _params, input) => {
  if (context.store.findUcc(input.name))
    return message(409, `Ucc with name:'${input.name}' already exists.`)
  return json(201, context.store.addUcc(input))
})

const updateUcc = withBody(schemas.uccUpdate, (context, params, input) => {
  const ucc = context.store.updateUcc(params.ucc ?? '', input)
  return ucc ? json(200, ucc) : uccNotFound(params)
})

const removeUcc: ControlHandler = (context, { params }) => {
  const removed = context.store.removeUcc(params.ucc ?? '', {
    action: 'CallEnded',
    stateAction: null,
    requester: CONTROL_REQUESTER,
    source: AuditSource.Control,
    event: false,
  })
  return removed ? json(200, { removed: params.ucc }) : uccNotFound(params)
}

const addAgent = withBody(schemas.agent, (context, params, input) => {
  const ucc = context.store.addAgent(params.ucc ?? '', input.sipUri)
  return ucc ? json(201, ucc) : uccNotFound(params)
})

const removeAgent: ControlHandler = (context, { params }) => {
  const ucc = context.store.removeAgent(params.ucc ?? '', params.sipUri ?? '')
  return ucc ? json(200, ucc) : uccNotFound(params)
}

const addCall = withBody(schemas.call, (context, _params, input) => {
  const ucc = context.store.findUcc(input.ucc)
  if (!ucc) return uccNotFound({ ucc: input.ucc })
  const correlationId = input.correlationId ?? context.random.uuid()
  if (context.store.findCall(ucc.name, correlationId)) {
    return message(
      409,
      `A call with correlation Id:'${correlationId}' already exists in Ucc '${ucc.name}'.`,
    )
  }
  const call = startCall(context.store, {
    uccName: ucc.name,
    correlationId,
    state: {
      recordingState: input.recordingState ?? RecordingState.Started,
      markingState: input.markingState,
      savingState: input.savingState,
    },
    requester: CONTROL_REQUESTER,
    source: AuditSource.Control,
    silent: input.silent,
  })
  return call ? json(201, call) : uccNotFound({ ucc: input.ucc })
})

const getCall: ControlHandler = (context, { params }) => {
  const call = context.store.findCall(params.ucc ?? '', params.id ?? '')
  return call ? json(200, call) : callNotFound(params)
}

const removeCall: ControlHandler = (context, { params, query }) => {
  const silent = query.get('silent') === 'true'
  const call = endCall(context.store, {
    uccName: params.ucc ?? '',
    correlationId: params.id ?? '',
    requester: CONTROL_REQUESTER,
    source: AuditSource.Control,
    silent,
  })
  return call ? json(200, call) : callNotFound(params)
}

const applyAction = withBody(schemas.action, (context, params, input) => {
  const action = readAction(input.action)
  if (action === undefined) return recordingReply(undefined, params, invalidAction(input.action))
  const result = performAction(context.store, {
    uccName: params.ucc ?? '',
    correlationId: params.id ?? '',
    action,
    requester: input.requester,
    source: input.source,
    asAgent: false,
  })
  return result.ok
    ? recordingReply(result.call, params)
    : recordingReply(result.call, params, result.error)
})

const changeSilently = withBody(schemas.silent, (context, params, input) => {
  const { requester, ...state } = input
  const call = silentChange(context.store, {
    uccName: params.ucc ?? '',
    correlationId: params.id ?? '',
    state,
    requester,
  })
  return call ? json(200, call) : callNotFound(params)
})

const sendEvent = withBody(schemas.event, (context, _params, input) => {
  context.hub.broadcast(input.target, input.arguments)
  return json(202, {
    target: input.target,
    arguments: input.arguments,
    connections: context.hub.connections(),
  })
})

const faultsNow: ControlHandler = (context) => json(200, context.faults.snapshot())

const setLatency = withBody(schemas.latency, (context, _params, input) => {
  context.faults.setLatency(input.ms)
  return json(200, context.faults.snapshot())
})

const nextFault = withBody(schemas.nextFault, (context, _params, input) => {
  const { endpoint, count, ...reply } = input
  context.faults.add({ kind: 'reply', endpoint: endpoint ?? null, remaining: count, ...reply })
  return json(200, context.faults.snapshot())
})

const hang = withBody(schemas.hang, (context, _params, input) => {
  context.faults.add({ kind: 'hang', endpoint: input.endpoint ?? null, remaining: input.count })
  return json(200, context.faults.snapshot())
})

const clearFaults: ControlHandler = (context) => {
  context.faults.clear()
  context.hub.refuseNegotiationFor(0)
  return json(200, context.faults.snapshot())
}

const dropConnections: ControlHandler = (context) => {
  const before = context.hub.connections()
  context.hub.dropAll()
  return json(200, { dropped: before.total })
}

const closeConnections = withBody(schemas.closeConnections, (context, _params, input) => {
  const before = context.hub.connections()
  context.hub.closeAll(input.error, input.allowReconnect)
  return json(200, { closed: before.total })
})

const refuseNegotiation = withBody(schemas.refuseNegotiation, (context, _params, input) => {
  context.hub.refuseNegotiationFor(input.seconds * 1000)
  return json(200, { refusingForMs: input.seconds * 1000 })
})

const getAudit: ControlHandler = (context, { query }) => {
  const after = query.get('after')
  const afterId = after === null ? undefined : Number(after)
  if (afterId !== undefined && !Number.isInteger(afterId))
    return message(400, `'after' must be an audit entry id.`)
  const filter = {
    correlationId: query.get('correlationId') ?? undefined,
    uccName: query.get('ucc') ?? undefined,
    afterId,
  }
  return json(200, context.store.audit(filter))
}

const getSettings: ControlHandler = (context) => json(200, context.settings)

const changeSettings = withBody(schemas.settings, (context, _params, input) => {
  if (input.eventCasing) context.settings.eventCasing = input.eventCasing
  if (input.errorStatus) context.settings.errorStatus = input.errorStatus
  return json(200, context.settings)
})

const clearAudit: ControlHandler = (context) => {
  context.store.clearAudit()
  return json(200, [])
}

const routes: readonly Route<ControlHandler>[] = [
  { method: 'GET', path: ['health'], handler: health },
  { method: 'POST', path: ['reset'], handler: reset },
  { method: 'GET', path: ['state'], handler: (context) => json(200, snapshot(context)) },
  { method: 'GET', path: ['settings'], handler: getSettings },
  { method: 'POST', path: ['settings'], handler: changeSettings },
  { method: 'POST', path: ['uccs'], handler: addUcc },
  { method: 'PATCH', path: ['uccs', ':ucc'], handler: updateUcc },
  { method: 'POST', path: ['uccs', ':ucc'], handler: updateUcc },
  { method: 'DELETE', path: ['uccs', ':ucc'], handler: removeUcc },
  { method: 'POST', path: ['uccs', ':ucc', 'agents'], handler: addAgent },
  { method: 'DELETE', path: ['uccs', ':ucc', 'agents', ':sipUri'], handler: removeAgent },
  { method: 'POST', path: ['calls'], handler: addCall },
  { method: 'GET', path: ['calls', ':ucc', ':id'], handler: getCall },
  { method: 'DELETE', path: ['calls', ':ucc', ':id'], handler: removeCall },
  { method: 'POST', path: ['calls', ':ucc', ':id', 'action'], handler: applyAction },
  { method: 'POST', path: ['calls', ':ucc', ':id', 'silent'], handler: changeSilently },
  { method: 'POST', path: ['events'], handler: sendEvent },
  { method: 'GET', path: ['faults'], handler: faultsNow },
  { method: 'DELETE', path: ['faults'], handler: clearFaults },
  { method: 'POST', path: ['faults', 'latency'], handler: setLatency },
  { method: 'POST', path: ['faults', 'next'], handler: nextFault },
  { method: 'POST', path: ['faults', 'hang'], handler: hang },
  { method: 'POST', path: ['faults', 'drop-connections'], handler: dropConnections },
  { method: 'POST', path: ['faults', 'close-connections'], handler: closeConnections },
  { method: 'POST', path: ['faults', 'refuse-negotiation'], handler: refuseNegotiation },
  { method: 'GET', path: ['audit'], handler: getAudit },
  { method: 'DELETE', path: ['audit'], handler: clearAudit },
]

export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
  url: URL,
  context: ControlContext,
): Promise<void> {
  const match = matchRoute(routes, req.method ?? 'GET', segments)
  if (match.kind === 'not-found') return sendReply(res, notFound())
  if (match.kind === 'wrong-method') return sendReply(res, methodNotAllowed(match.allow))
  const body =
    req.method === 'GET' ? ({ ok: true, value: undefined } as const) : await readJson(req)
  if (!body.ok) return sendReply(res, body.reply)
  sendReply(
    res,
    match.route.handler(context, {
      params: match.params,
      body: body.value,
      query: url.searchParams,
    }),
  )
}
