// The control API under /__sim/: its routes, and the handling of one request. The handlers live in
// control/ by job (the service as a whole, calls, faults, events and audit, the OpenID Provider).
import type { IncomingMessage, ServerResponse } from 'node:http'
import { applyAction, addCall, changeSilently, getCall, removeCall } from './control/calls.ts'
import type { ControlContext, ControlHandler } from './control/context.ts'
import { clearAudit, getAudit, sendEvent } from './control/events-and-audit.ts'
import {
  clearFaults,
  closeConnections,
  dropConnections,
  faultsNow,
  hang,
  nextFault,
  refuseNegotiation,
  setLatency,
} from './control/faults.ts'
import {
  addAgent,
  addUcc,
  changeSettings,
  getSettings,
  health,
  removeAgent,
  removeUcc,
  reset,
  state,
  updateUcc,
} from './control/service.ts'
import { refuseContentType, refuseControl } from './control/guard.ts'
import { endOutage, mintToken, oidcNow, revokeUser, startOutage } from './control/oidc.ts'
import { matchRoute, methodNotAllowed, notFound, readJson, sendReply } from './http.ts'
import type { Route } from './http.ts'

export const CONTROL_BASE = '/__sim'

const routes: readonly Route<ControlHandler>[] = [
  { method: 'GET', path: ['health'], handler: health },
  { method: 'POST', path: ['reset'], handler: reset },
  { method: 'GET', path: ['state'], handler: state },
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
  { method: 'GET', path: ['oidc'], handler: oidcNow },
  { method: 'POST', path: ['oidc', 'token'], handler: mintToken },
  { method: 'POST', path: ['oidc', 'revoke'], handler: revokeUser },
  { method: 'POST', path: ['oidc', 'outage'], handler: startOutage },
  { method: 'DELETE', path: ['oidc', 'outage'], handler: endOutage },
]

/** One control request: who may send it (control/guard.ts), its route, then its JSON body. */
export async function handleControl(
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
  url: URL,
  context: ControlContext,
): Promise<void> {
  const refused = refuseControl(req, context.access)
  if (refused) return sendReply(res, refused)
  const match = matchRoute(routes, req.method ?? 'GET', segments)
  if (match.kind === 'not-found') return sendReply(res, notFound())
  if (match.kind === 'wrong-method') return sendReply(res, methodNotAllowed(match.allow))
  const wrongType = refuseContentType(req)
  if (wrongType) return sendReply(res, wrongType)
  const body =
    req.method === 'GET' ? ({ ok: true, value: undefined } as const) : await readJson(req, res)
  if (!body.ok) return sendReply(res, body.reply)
  sendReply(
    res,
    await match.route.handler(context, {
      params: match.params,
      body: body.value,
      query: url.searchParams,
    }),
  )
}
