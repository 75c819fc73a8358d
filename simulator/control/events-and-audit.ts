// The control API's raw hub events and the audit log.
import * as v from 'valibot'
import { RECORDING_STATE_CHANGED_EVENT } from '../../protocol/wire.ts'
import { json, message } from '../http.ts'
import { name, withBody } from './context.ts'
import type { ControlHandler } from './context.ts'

const eventSchema = v.object({
  target: v.optional(v.pipe(name, v.maxLength(200)), RECORDING_STATE_CHANGED_EVENT),
  arguments: v.array(v.unknown()),
})

export const sendEvent = withBody(eventSchema, (context, _params, input) => {
  context.hub.broadcast(input.target, input.arguments)
  return json(202, {
    target: input.target,
    arguments: input.arguments,
    connections: context.hub.connections(),
  })
})

export const getAudit: ControlHandler = (context, { query }) => {
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

export const clearAudit: ControlHandler = (context) => {
  context.store.clearAudit()
  return json(200, [])
}
