import { ErrorType } from '../../protocol/wire.ts'
import { readEnum } from './wire-read.ts'

/** Why a request to the recording service did not give a usable answer. */
export type ApiErrorKind =
  | 'server' // the service answered with an ErrorMessage
  | 'http' // a non-2xx status without an ErrorMessage
  | 'not-json' // the body is not JSON
  | 'invalid-response' // JSON, but not the documented shape
  | 'timeout'
  | 'network'

export interface ApiErrorDetails {
  kind: ApiErrorKind
  status?: number
  /** The server's ErrorType when kind is 'server'. */
  errorType?: number
  /** The server's own text (ErrorMessage.Message, or the start of a non-JSON body), shown verbatim. */
  serverMessage?: string
  /** The state the server sent along with its ErrorMessage, when it sent one. */
  body?: unknown
}

export class ApiError extends Error {
  readonly kind: ApiErrorKind
  readonly status?: number
  readonly errorType?: number
  readonly serverMessage?: string
  readonly body?: unknown

  constructor(details: ApiErrorDetails) {
    super(explainError(details))
    this.name = 'ApiError'
    this.kind = details.kind
    this.status = details.status
    this.errorType = details.errorType
    this.serverMessage = details.serverMessage
    this.body = details.body
  }

  /** Worth trying again later without changing anything (not for POSTs: those are re-read, never repeated). */
  get isTransient(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'network' ||
      (this.kind === 'http' && this.status !== undefined && this.status >= 500)
    )
  }
}

/** A plain explanation of what went wrong and what to do, without the server's own text. */
export function explainError(details: ApiErrorDetails): string {
  switch (details.kind) {
    case 'server':
      return explainServerError(details.errorType)
    case 'http':
      return explainHttpStatus(details.status)
    case 'not-json':
      return `The recording service answered${statusSuffix(details.status)} with something that is not JSON. A proxy or login page may be in the way; check the panel's apiBaseUrl, then try again.`
    case 'invalid-response':
      return 'The recording service answered in a form this panel does not understand. The server may be a newer version; tell your administrator.'
    case 'timeout':
      return 'The recording service did not answer in time. Check the state before acting again.'
    case 'network':
      return 'The recording service could not be reached. Check your network connection; the panel keeps trying.'
  }
}

function explainServerError(errorType: number | undefined): string {
  const name = readEnum(ErrorType, errorType)
  switch (name) {
    case 'Configuration':
      return 'The contact center is not set up to allow this (configuration error). Ask your administrator.'
    case 'Validation':
      return 'The recording service refused the request as invalid (validation error): the call, contact center or agent was not recognised.'
    case 'Processing':
      return 'The recorder could not do this now (processing error). Its state is shown as the server reports it.'
    default:
      return `The recording service reported an error of an unknown type (${String(errorType)}).`
  }
}

function explainHttpStatus(status: number | undefined): string {
  if (status === 401)
    return 'The recording service asks for a sign-in (401). Sign in again, then retry.'
  if (status === 403)
    return 'The recording service refused access (403). Ask your administrator for permission.'
  if (status === 404)
    return 'The recording service does not know this address (404). Check the panel configuration (apiBaseUrl, apiVersion).'
  if (status !== undefined && status >= 500)
    return `The recording service had an internal error (${status}). Try again in a moment.`
  return `The recording service answered with an unexpected status (${String(status)}).`
}

function statusSuffix(status: number | undefined): string {
  return status === undefined ? '' : ` (${status})`
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}
