import { ErrorType } from '../../protocol/wire.ts'
import { t } from '../i18n/messages.ts'
import { readEnum } from './wire-read.ts'

/** Why a request to the recording service did not give a usable answer. */
export type ApiErrorKind =
  | 'server' // the service answered with an ErrorMessage
  | 'http' // a non-2xx status without an ErrorMessage
  | 'not-json' // the body is not JSON
  | 'invalid-response' // JSON, but not the documented shape
  | 'timeout'
  | 'network'
  | 'refused' // the panel would not send it: a value in it would change which endpoint is called

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
      return t('errHttp', details.status)
    case 'not-json':
      return t('errNotJson', details.status === undefined ? '' : ` (${details.status})`)
    case 'invalid-response':
      return t('errInvalid')
    case 'timeout':
      return t('errTimeout')
    case 'network':
      return t('errNetwork')
    case 'refused':
      return t('errRefused', details.serverMessage ?? '')
  }
}

function explainServerError(errorType: number | undefined): string {
  return t('errServer', readEnum(ErrorType, errorType) ?? String(errorType))
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError
}
