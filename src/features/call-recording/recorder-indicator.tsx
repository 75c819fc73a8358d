import { pauseLength, useNow } from '../../lib/time.ts'
import { t } from '../../i18n/messages.ts'
import type { CallView } from './describe-call.ts'

const LOOK = {
  recording: {
    box: 'border-recording bg-recording-surface text-recording-ink',
    dot: 'bg-recording animate-pulse',
  },
  paused: {
    box: 'border-paused bg-paused-surface text-paused-ink',
    dot: 'bg-paused',
  },
  stopped: {
    box: 'border-stopped bg-stopped-surface text-stopped-ink',
    dot: 'bg-stopped',
  },
  'not-started': {
    box: 'border-stopped bg-stopped-surface text-stopped-ink',
    dot: 'bg-stopped/50',
  },
  unverified: {
    box: 'border-unverified bg-unverified-surface text-unverified-ink border-dashed',
    dot: 'bg-unverified',
  },
  'call-ended': {
    box: 'border-stopped bg-stopped-surface text-stopped-ink',
    dot: 'bg-stopped/50',
  },
  'call-unknown': {
    box: 'border-stopped bg-stopped-surface text-stopped-ink border-dashed',
    dot: 'bg-stopped/50',
  },
} as const satisfies Record<string, { box: string; dot: string }>

/** The one thing an agent must read right: is the recorder running, and is that confirmed? */
export function RecorderIndicator({ view }: { view: CallView }) {
  const look = LOOK[view.indicator]
  const now = useNow(view.pausedSince !== null)
  const pausedFor = view.pausedSince !== null ? now - view.pausedSince : null
  const length = pausedFor !== null ? pauseLength(pausedFor, view.pausedSinceExact) : null

  return (
    <section
      aria-labelledby="recorder-title"
      data-testid="recorder-indicator"
      data-indicator={view.indicator}
      className={`rounded-lg border-4 p-3 ${look.box}`}
    >
      <div className="flex items-center gap-3">
        <span aria-hidden="true" className={`size-5 shrink-0 rounded-full ${look.dot}`} />
        <h2 id="recorder-title" className="text-2xl font-black tracking-wide uppercase">
          {t('indicatorTitle', view.indicator)}
        </h2>
        {length !== null && (
          <span
            data-testid="pause-timer"
            className="ml-auto font-mono text-2xl font-bold tabular-nums"
            aria-label={t('pausedFor', length.spoken)}
          >
            {length.text}
          </span>
        )}
      </div>
      <p className="mt-2 text-base font-semibold">
        {view.endedAt !== null ? (
          <>
            {t('adviceCallEnded', t('time', view.endedAt))}
            {view.endedWhilePaused && (
              <span data-testid="ended-while-paused">{t('endedWhilePaused')}</span>
            )}
            .
          </>
        ) : (
          t('advice', view.indicator, view.recording)
        )}
      </p>
    </section>
  )
}
