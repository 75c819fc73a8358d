// The control API's calls: start and end them, act on them as another party, change them silently.
import * as v from 'valibot'
import { RecordingState } from '../../protocol/wire.ts'
import type { RecordingStateResponse } from '../../protocol/wire.ts'
import { httpStatusOf, invalidAction } from '../errors.ts'
import type { SimError } from '../errors.ts'
import { json, message } from '../http.ts'
import type { Reply } from '../http.ts'
import { readAction } from '../read-wire.ts'
import { endCall, performAction, silentChange, startCall } from '../recorder.ts'
import { AuditSource } from '../store.ts'
import type { Call } from '../store.ts'
import { CONTROL_REQUESTER, name, withBody } from './context.ts'
import type { ControlHandler, Params } from './context.ts'
import { uccNotFound } from './service.ts'

const stateNumber = v.pipe(v.number(), v.integer(), v.minValue(0))

const schemas = {
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
}

function callNotFound(params: Params): Reply {
  return message(404, `No call '${params.id ?? ''}' in Ucc '${params.ucc ?? ''}'.`)
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

export const addCall = withBody(schemas.call, (context, _params, input) => {
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

export const getCall: ControlHandler = (context, { params }) => {
  const call = context.store.findCall(params.ucc ?? '', params.id ?? '')
  return call ? json(200, call) : callNotFound(params)
}

export const removeCall: ControlHandler = (context, { params, query }) => {
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

export const applyAction = withBody(schemas.action, (context, params, input) => {
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

export const changeSilently = withBody(schemas.silent, (context, params, input) => {
  const { requester, ...state } = input
  const call = silentChange(context.store, {
    uccName: params.ucc ?? '',
    correlationId: params.id ?? '',
    state,
    requester,
  })
  return call ? json(200, call) : callNotFound(params)
})
