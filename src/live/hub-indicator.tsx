import type { HubState } from './live-connection.ts'
import { t, type TextKey } from '../i18n/messages.ts'

const LOOK: Record<HubState, { label: TextKey; dot: string }> = {
  Connected: { label: 'hubLive', dot: 'bg-emerald-600' },
  Connecting: { label: 'hubConnecting', dot: 'bg-amber-500' },
  Reconnecting: { label: 'hubReconnecting', dot: 'bg-amber-500 animate-pulse' },
  Disconnected: { label: 'hubOffline', dot: 'bg-red-600' },
}

/** The live connection's state, for QA (`data-state`) and for people (a dot and a word). */
export function HubIndicator({ state }: { state: HubState }) {
  const look = LOOK[state]
  return (
    <span
      data-testid="hub-state"
      data-state={state}
      className="pill"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      <span>
        <span className="sr-only">{t('hubPrefix')}</span>
        {t(look.label)}
      </span>
    </span>
  )
}
