import type { HubState } from './live-connection.ts'
import { t } from '../i18n/messages.ts'

/**
 * The live connection's state, for QA (`data-state`) and for people (a dot and a word). The dot's
 * colour follows `data-state` in the stylesheet (`hub-dot`).
 */
export function HubIndicator({ state }: { state: HubState }) {
  return (
    <span data-testid="hub-state" data-state={state} className="pill">
      <span aria-hidden="true" className="hub-dot" />
      <span>
        <span className="sr-only">{t('hubPrefix')}</span>
        {t('hubLabel', state)}
      </span>
    </span>
  )
}
