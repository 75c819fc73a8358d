import { t } from '../../i18n/messages.ts'
import type { CallView } from './describe-call.ts'

/** The recorder's state in words, with who made it so when the panel knows ("Paused by another party"). */
export function recorderWords(view: Pick<CallView, 'recording' | 'recordingBy'>): string {
  const words = t('stateWord', 'recording', view.recording)
  const by = view.recordingBy ? t('byWhom', view.recordingBy) : ''
  if (!by) return words
  return view.recording === 'Started' ? t('recordingAgain', by) : `${words} ${by}`
}
