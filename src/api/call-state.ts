import { isApiError } from './api-error.ts'
import { ErrorType, RecordingAction } from '../../protocol/wire.ts'
import { readEnum } from './wire-read.ts'
import { t } from '../i18n/messages.ts'

// When the service says a call is gone, and an action's name: shared by both views.

/** The service says it does not know this call (or its UCC): it has ended, or the address is wrong. */
export function isUnknownCallError(error: unknown): boolean {
  if (!isApiError(error)) return false
  if (error.kind === 'server')
    return error.errorType === ErrorType.Validation || error.status === 404
  return false
}

/** An action's name in the user's words (the service's own name in English: Start, UnMark…). */
export function actionName(action: RecordingAction | undefined): string {
  return t('actionName', readEnum(RecordingAction, action) ?? '')
}
