// The control API's faults: latency, replaced and hung answers, and what happens to hub connections.
import * as v from 'valibot'
import { FaultEndpoint } from '../faults.ts'
import { json } from '../http.ts'
import { withBody } from './context.ts'
import type { ControlHandler } from './context.ts'

const endpoint = v.picklist(Object.values(FaultEndpoint))

/** A media type as a Content-Type header carries it: `type/subtype`, then parameters; printable
 *  ASCII only (no CR, LF or other control character can split the header), at most 200 characters. */
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+(?:[ \t]*;[\x20-\x7e]*)?$/
const contentType = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(200, 'contentType may be at most 200 characters.'),
  v.regex(
    MEDIA_TYPE,
    'contentType must be a media type such as text/html; charset=utf-8 (printable ASCII, no line breaks).',
  ),
)

const schemas = {
  latency: v.object({ ms: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000)) }),
  nextFault: v.object({
    endpoint: v.optional(endpoint),
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1),
    status: v.optional(v.pipe(v.number(), v.integer(), v.minValue(200), v.maxValue(599)), 500),
    body: v.optional(
      v.union([v.string(), v.record(v.string(), v.unknown()), v.array(v.unknown())]),
    ),
    contentType: v.optional(contentType),
    delayMs: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(600_000)), 0),
    passThrough: v.optional(v.boolean(), false),
  }),
  hang: v.object({
    endpoint: v.optional(endpoint),
    count: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1)), 1),
  }),
  refuseNegotiation: v.object({ seconds: v.pipe(v.number(), v.minValue(0), v.maxValue(86_400)) }),
  closeConnections: v.object({
    error: v.optional(v.pipe(v.string(), v.maxLength(1000))),
    allowReconnect: v.optional(v.boolean(), false),
  }),
}

export const faultsNow: ControlHandler = (context) => json(200, context.faults.snapshot())

export const setLatency = withBody(schemas.latency, (context, _params, input) => {
  context.faults.setLatency(input.ms)
  return json(200, context.faults.snapshot())
})

export const nextFault = withBody(schemas.nextFault, (context, _params, input) => {
  const { endpoint, count, ...reply } = input
  context.faults.add({ kind: 'reply', endpoint: endpoint ?? null, remaining: count, ...reply })
  return json(200, context.faults.snapshot())
})

export const hang = withBody(schemas.hang, (context, _params, input) => {
  context.faults.add({ kind: 'hang', endpoint: input.endpoint ?? null, remaining: input.count })
  return json(200, context.faults.snapshot())
})

export const clearFaults: ControlHandler = (context) => {
  context.faults.clear()
  context.hub.refuseNegotiationFor(0)
  context.oidc?.endOutage()
  return json(200, context.faults.snapshot())
}

export const dropConnections: ControlHandler = (context) => {
  const before = context.hub.connections()
  context.hub.dropAll()
  return json(200, { dropped: before.total })
}

export const closeConnections = withBody(schemas.closeConnections, (context, _params, input) => {
  const before = context.hub.connections()
  context.hub.closeAll(input.error, input.allowReconnect)
  return json(200, { closed: before.total })
})

export const refuseNegotiation = withBody(schemas.refuseNegotiation, (context, _params, input) => {
  context.hub.refuseNegotiationFor(input.seconds * 1000)
  return json(200, { refusingForMs: input.seconds * 1000 })
})
