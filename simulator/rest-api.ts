import type { IncomingMessage, ServerResponse } from 'node:http'
import {
  MarkingState,
  RecordingApiSegment,
  RecordingState,
  SavingState,
  recordingApiRoot,
} from '../protocol/wire.ts'
import type { CapabilitiesResponse, RecordingStateResponse } from '../protocol/wire.ts'
import { bearerChallenge, bearerToken } from './bearer.ts'
import type { TokenVerifier } from './bearer.ts'
import { invalidAction, missingFields, statusFor, unknownSession, unknownUcc } from './errors.ts'
import type { SimError } from './errors.ts'
import { faultReply } from './faults.ts'
import type { FaultEndpoint, Faults } from './faults.ts'
import {
  isRecord,
  json,
  matchRoute,
  message,
  methodNotAllowed,
  notFound,
  parseJson,
  readBody,
  segmentsAfter,
  sendReply,
} from './http.ts'
import type { BodyResult, Reply, Route } from './http.ts'
import { pause } from './pause.ts'
import { readAction, readProperty } from './read-wire.ts'
import { performAction } from './recorder.ts'
import type { Settings } from './settings.ts'
import type { Call, Store } from './store.ts'

export const REST_BASES = [recordingApiRoot('v1'), recordingApiRoot('v2')] as const

export interface RestContext {
  store: Store
  settings: Settings
  faults: Faults
  /** --latency; fault latency comes on top. */
  latencyMs: number
  authToken: string | undefined
  /** `--oidc`: every request needs a bearer token this accepts (never together with authToken). */
  verifyToken?: TokenVerifier
  signal: AbortSignal
}

interface RestEndpoint {
  endpoint: FaultEndpoint
  handle: (context: RestContext, params: Record<string, string>, body: unknown) => Reply
}

const restRoutes: readonly Route<RestEndpoint>[] = [
  {
    method: 'GET',
    path: [RecordingApiSegment.Capabilities, ':ucc'],
    handler: { endpoint: 'capabilities', handle: getCapabilities },
  },
  {
    method: 'POST',
    path: [RecordingApiSegment.Set],
    handler: { endpoint: 'set', handle: setRecording },
  },
  { method: 'GET', path: [':ucc', ':id'], handler: { endpoint: 'state', handle: getState } },
]

/** The path segments after either API base, or undefined for a path outside the REST API. */
export function restSegments(pathname: string): string[] | undefined {
  for (const base of REST_BASES) {
    const segments = segmentsAfter(pathname, base)
    if (segments) return segments
  }
  return undefined
}

export async function handleRest(
  req: IncomingMessage,
  res: ServerResponse,
  segments: readonly string[],
  context: RestContext,
): Promise<void> {
  if (!(await pause(context.latencyMs + context.faults.latencyMs(), context.signal))) return
  const refused = await refuseAccess(req, context)
  if (refused) return sendReply(res, refused)
  const match = matchRoute(restRoutes, req.method ?? 'GET', segments)
  if (match.kind === 'not-found') return sendReply(res, notFound())
  if (match.kind === 'wrong-method') return sendReply(res, methodNotAllowed(match.allow))
  const { endpoint, handle } = match.route.handler
  const fault = context.faults.take(endpoint)
  const body = await readBody(req, res)
  if (fault?.kind === 'hang') return context.faults.hold(res)
  const run = () =>
    answer(body, match.route.method, (value) => handle(context, match.params, value))
  if (!fault) return sendReply(res, run())
  if (fault.passThrough) run()
  if (await pause(fault.delayMs, context.signal)) sendReply(res, faultReply(fault))
}

function answer(body: BodyResult, method: string, handle: (value: unknown) => Reply): Reply {
  if (!body.ok) return body.reply
  if (method === 'GET') return handle(undefined)
  const parsed = parseJson(body.text)
  return parsed.ok ? handle(parsed.value) : parsed.reply
}

export function isAuthorized(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')
  return match?.[1]?.trim() === token
}

/** The 401 in the service's error shape; the challenge says why when a token was refused. */
export function unauthorized(challenge = 'Bearer'): Reply {
  return message(401, 'Authorization has been denied for this request.', {
    'WWW-Authenticate': challenge,
  })
}

/** The 401 for a request without the --auth-token or a valid access token; undefined when it may go on. */
async function refuseAccess(
  req: IncomingMessage,
  context: RestContext,
): Promise<Reply | undefined> {
  if (!context.verifyToken) return isAuthorized(req, context.authToken) ? undefined : unauthorized()
  const token = bearerToken(req)
  if (token === undefined) return unauthorized()
  const verdict = await context.verifyToken(token)
  return verdict.ok ? undefined : unauthorized(bearerChallenge(verdict.reason))
}

interface Requested {
  uccName: string
  correlationId: string
}

/** Always the call's current state when it exists (errors leave it unchanged), zeros otherwise. */
function stateReply(
  context: RestContext,
  requested: Requested,
  found?: Call,
  error?: SimError,
): Reply {
  const call = found ?? context.store.findCall(requested.uccName, requested.correlationId)
  const body: RecordingStateResponse = {
    CorrelationId: call?.correlationId ?? requested.correlationId,
    RecordingState: call?.recordingState ?? RecordingState.Uninitialized,
    MarkingState: call?.markingState ?? MarkingState.None,
    SavingState: call?.savingState ?? SavingState.None,
    ErrorMessage: error?.message ?? null,
    UCCName: call?.uccName ?? context.store.findUcc(requested.uccName)?.name ?? requested.uccName,
  }
  return json(statusFor(error, context.settings.errorStatus), body)
}

function getState(context: RestContext, params: Record<string, string>): Reply {
  const requested = { uccName: params.ucc ?? '', correlationId: params.id ?? '' }
  if (!context.store.findUcc(requested.uccName))
    return stateReply(context, requested, undefined, unknownUcc(requested.uccName))
  const call = context.store.findCall(requested.uccName, requested.correlationId)
  return call
    ? stateReply(context, requested, call)
    : stateReply(context, requested, undefined, unknownSession(requested.correlationId))
}

function getCapabilities(context: RestContext, params: Record<string, string>): Reply {
  const requested = params.ucc ?? ''
  const ucc = context.store.findUcc(requested)
  const error = ucc ? undefined : unknownUcc(requested)
  const body: CapabilitiesResponse = {
    AgentCanEditRecordings: ucc?.agentCanEditRecordings ?? false,
    ErrorMessage: error?.message ?? null,
    UCCName: ucc?.name ?? requested,
  }
  return json(statusFor(error, context.settings.errorStatus), body)
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
}

function setRecording(context: RestContext, _params: Record<string, string>, body: unknown): Reply {
  if (body === undefined) return message(400, 'A non-empty request body is required.')
  if (!isRecord(body)) return message(400, 'The request body must be a JSON object.')
  const rawAction = readProperty(body, 'Action')
  const fields = {
    RequesterSipUri: textOf(readProperty(body, 'RequesterSipUri')),
    CorrelationId: textOf(readProperty(body, 'CorrelationId')),
    UCCName: textOf(readProperty(body, 'UCCName')),
  }
  const requested = { uccName: fields.UCCName ?? '', correlationId: fields.CorrelationId ?? '' }
  const missing = [
    ...(isMissing(rawAction) ? ['Action'] : []),
    ...Object.entries(fields).flatMap(([name, value]) => (value === undefined ? [name] : [])),
  ]
  if (missing.length > 0) return stateReply(context, requested, undefined, missingFields(missing))
  const action = readAction(rawAction)
  if (action === undefined)
    return stateReply(context, requested, undefined, invalidAction(rawAction))
  const result = performAction(context.store, {
    uccName: requested.uccName,
    correlationId: requested.correlationId,
    action,
    requester: fields.RequesterSipUri ?? '',
    source: 'rest',
    asAgent: true,
  })
  return result.ok
    ? stateReply(context, requested, result.call)
    : stateReply(context, requested, result.call, result.error)
}
