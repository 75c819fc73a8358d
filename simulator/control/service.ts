// The control API's view of the service as a whole: health, the state snapshot, reset, settings,
// and the UCCs with their agents.
import * as v from 'valibot'
import { ErrorStatusMode, unknownUcc } from '../errors.ts'
import { json, message } from '../http.ts'
import type { Reply } from '../http.ts'
import { EventCasing } from '../settings.ts'
import { AuditSource } from '../store.ts'
import { CONTROL_REQUESTER, name, withBody } from './context.ts'
import type { ControlContext, ControlHandler, Params } from './context.ts'

const schemas = {
  ucc: v.object({
    name,
    agentCanEditRecordings: v.optional(v.boolean(), true),
    agents: v.optional(v.array(name), []),
  }),
  uccUpdate: v.object({ agentCanEditRecordings: v.boolean() }),
  agent: v.object({ sipUri: name }),
  settings: v.object({
    eventCasing: v.optional(v.picklist(Object.values(EventCasing))),
    errorStatus: v.optional(v.picklist(Object.values(ErrorStatusMode))),
  }),
}

export function snapshot(context: ControlContext) {
  return {
    scenario: context.scenario,
    settings: { ...context.settings },
    uccs: context.store.uccs().map((ucc) => ({ ...ucc, calls: context.store.calls(ucc.name) })),
  }
}

export function uccNotFound(params: Params): Reply {
  return message(404, unknownUcc(params.ucc ?? '').message.Message)
}

export const health: ControlHandler = (context) =>
  json(200, {
    status: 'ok',
    scenario: context.scenario,
    uptimeMs: Date.now() - context.startedAt,
    connections: context.hub.connections(),
    ...(context.load ? { load: context.load() } : {}),
  })

export const state: ControlHandler = (context) => json(200, snapshot(context))

export const reset: ControlHandler = (context) => {
  context.reset()
  return json(200, snapshot(context))
}

export const getSettings: ControlHandler = (context) => json(200, context.settings)

export const changeSettings = withBody(schemas.settings, (context, _params, input) => {
  if (input.eventCasing) context.settings.eventCasing = input.eventCasing
  if (input.errorStatus) context.settings.errorStatus = input.errorStatus
  return json(200, context.settings)
})

export const addUcc = withBody(schemas.ucc, (context, _params, input) => {
  if (context.store.findUcc(input.name))
    return message(409, `Ucc with name:'${input.name}' already exists.`)
  return json(201, context.store.addUcc(input))
})

export const updateUcc = withBody(schemas.uccUpdate, (context, params, input) => {
  const ucc = context.store.updateUcc(params.ucc ?? '', input)
  return ucc ? json(200, ucc) : uccNotFound(params)
})

export const removeUcc: ControlHandler = (context, { params }) => {
  const removed = context.store.removeUcc(params.ucc ?? '', {
    action: 'CallEnded',
    stateAction: null,
    requester: CONTROL_REQUESTER,
    source: AuditSource.Control,
    event: false,
  })
  return removed ? json(200, { removed: params.ucc }) : uccNotFound(params)
}

export const addAgent = withBody(schemas.agent, (context, params, input) => {
  const ucc = context.store.addAgent(params.ucc ?? '', input.sipUri)
  return ucc ? json(201, ucc) : uccNotFound(params)
})

export const removeAgent: ControlHandler = (context, { params }) => {
  const ucc = context.store.removeAgent(params.ucc ?? '', params.sipUri ?? '')
  return ucc ? json(200, ucc) : uccNotFound(params)
}
