import { RecordingAction, RecordingState } from '../protocol/wire.ts'
import { editingNotAllowed, notAnAgent, unknownSession, unknownUcc } from './errors.ts'
import type { SimError } from './errors.ts'
import { nameOf } from './read-wire.ts'
import type { AuditSource, Call, Store } from './store.ts'
import { transition } from './transitions.ts'
import type { RecorderState } from './transitions.ts'

export interface ActionRequest {
  uccName: string
  correlationId: string
  action: RecordingAction
  requester: string
  source: AuditSource
  /** Check AgentCanEditRecordings and that the requester is an agent of the UCC (REST does; the control API's
   *  "other party" and the scenarios do not). */
  asAgent: boolean
}

export type ActionResult = { ok: true; call: Call } | { ok: false; error: SimError; call?: Call }

/** Checks in this order: UCC, editing allowed, requester, session, transition. */
export function performAction(store: Store, request: ActionRequest): ActionResult {
  const { uccName, correlationId, action, requester } = request
  const ucc = store.findUcc(uccName)
  const call = store.findCall(uccName, correlationId)
  if (!ucc) return { ok: false, error: unknownUcc(uccName) }
  if (request.asAgent && !ucc.agentCanEditRecordings)
    return refused(editingNotAllowed(ucc.name), call)
  if (request.asAgent && !store.isAgent(ucc.name, requester))
    return refused(notAnAgent(requester, ucc.name), call)
  if (!call) return { ok: false, error: unknownSession(correlationId) }
  const result = transition(call, action, call.correlationId)
  if (!result.ok) return refused(result.error, call)
  const changed = store.changeCall(call.uccName, call.correlationId, result.state, {
    action: nameOf(RecordingAction, action) ?? String(action),
    stateAction: action,
    requester,
    source: request.source,
    event: true,
  })
  return changed ? { ok: true, call: changed } : { ok: false, error: unknownSession(correlationId) }
}

function refused(error: SimError, call: Call | undefined): ActionResult {
  return call ? { ok: false, error, call } : { ok: false, error }
}

export interface EndCallRequest {
  uccName: string
  correlationId: string
  requester: string
  source: AuditSource
  silent: boolean
}

/** A call that ends with its recorder running or paused stops it first, and that Stop is announced unless silent. */
export function endCall(store: Store, request: EndCallRequest): Call | undefined {
  const call = store.findCall(request.uccName, request.correlationId)
  if (!call) return undefined
  const note = { requester: request.requester, source: request.source }
  if (
    call.recordingState === RecordingState.Started ||
    call.recordingState === RecordingState.Paused
  ) {
    store.changeCall(
      call.uccName,
      call.correlationId,
      { recordingState: RecordingState.Stopped },
      { ...note, action: 'Stop', stateAction: RecordingAction.Stop, event: !request.silent },
    )
  }
  return store.endCall(call.uccName, call.correlationId, {
    ...note,
    action: 'CallEnded',
    stateAction: null,
    event: false,
  })
}

export interface NewCallRequest {
  uccName: string
  correlationId: string
  state: Partial<RecorderState>
  requester: string
  source: AuditSource
  silent: boolean
}

const announcedOnStart: Partial<Record<number, RecordingAction>> = {
  [RecordingState.Started]: RecordingAction.Start,
  [RecordingState.Paused]: RecordingAction.Pause,
  [RecordingState.Stopped]: RecordingAction.Stop,
}

/** A call that starts with its recorder in a known non-initial state announces the action that got it there. */
export function startCall(store: Store, request: NewCallRequest): Call | undefined {
  const stateAction = request.silent
    ? undefined
    : announcedOnStart[request.state.recordingState ?? -1]
  return store.addCall(
    { ...request.state, uccName: request.uccName, correlationId: request.correlationId },
    {
      action: 'CallStarted',
      stateAction: stateAction ?? null,
      requester: request.requester,
      source: request.source,
      event: stateAction !== undefined,
    },
  )
}

export interface SilentChangeRequest {
  uccName: string
  correlationId: string
  state: Partial<RecorderState>
  requester: string
}

export function silentChange(store: Store, request: SilentChangeRequest): Call | undefined {
  return store.changeCall(request.uccName, request.correlationId, request.state, {
    action: 'Silent',
    stateAction: null,
    requester: request.requester,
    source: 'control',
    event: false,
  })
}
