import { ErrorType, RecordingState } from '../protocol/wire.ts'
import type { ErrorMessage, RecordingActionName } from '../protocol/wire.ts'
import { nameOf } from './read-wire.ts'

/** Why a recording request failed; decides the ErrorType and, in `http` error-status mode, the status. */
export const ErrorKind = {
  UnknownSession: 'unknown-session',
  UnknownUcc: 'unknown-ucc',
  EditingNotAllowed: 'editing-not-allowed',
  NotAnAgent: 'not-an-agent',
  Validation: 'validation',
  InvalidTransition: 'invalid-transition',
} as const
export type ErrorKind = (typeof ErrorKind)[keyof typeof ErrorKind]

export interface SimError {
  kind: ErrorKind
  message: ErrorMessage
}

export const ErrorStatusMode = { Ok: 'ok', Http: 'http' } as const
export type ErrorStatusMode = (typeof ErrorStatusMode)[keyof typeof ErrorStatusMode]

export const httpStatusOf: Record<ErrorKind, number> = {
  'unknown-session': 404,
  'unknown-ucc': 404,
  'editing-not-allowed': 403,
  'not-an-agent': 403,
  validation: 400,
  'invalid-transition': 409,
}

export function statusFor(error: SimError | undefined, mode: ErrorStatusMode): number {
  if (!error || mode === ErrorStatusMode.Ok) return 200
  return httpStatusOf[error.kind]
}

function simError(kind: ErrorKind, type: ErrorType, text: string): SimError {
  return { kind, message: { ErrorType: type, Message: text } }
}

export function unknownSession(correlationId: string): SimError {
  return simError(
    ErrorKind.UnknownSession,
    ErrorType.Validation,
    `No Audio session with correlation Id:'${correlationId}' was found.`,
  )
}

export function unknownUcc(uccName: string): SimError {
  return simError(
    ErrorKind.UnknownUcc,
    ErrorType.Validation,
    `Ucc with name:'${uccName}' not found.`,
  )
}

export function editingNotAllowed(uccName: string): SimError {
  return simError(
    ErrorKind.EditingNotAllowed,
    ErrorType.Configuration,
    `Agents are not allowed to edit recordings in Ucc with name:'${uccName}'.`,
  )
}

export function notAnAgent(sipUri: string, uccName: string): SimError {
  return simError(
    ErrorKind.NotAnAgent,
    ErrorType.Validation,
    `Requester with sip uri:'${sipUri}' is not an agent of Ucc with name:'${uccName}'.`,
  )
}

export function missingFields(fields: readonly string[]): SimError {
  return simError(
    ErrorKind.Validation,
    ErrorType.Validation,
    fields.map((field) => `The ${field} field is required.`).join(' '),
  )
}

export function invalidAction(raw: unknown): SimError {
  const shown = typeof raw === 'string' ? raw : JSON.stringify(raw)
  return simError(
    ErrorKind.Validation,
    ErrorType.Validation,
    `The value '${shown}' is not valid for Action.`,
  )
}

export function invalidTransition(
  action: RecordingActionName,
  correlationId: string,
  recordingState: number,
): SimError {
  const state = nameOf(RecordingState, recordingState) ?? `in state ${recordingState}`
  return simError(
    ErrorKind.InvalidTransition,
    ErrorType.Processing,
    `Cannot ${action} the recording of correlation Id:'${correlationId}' while it is ${state}.`,
  )
}
