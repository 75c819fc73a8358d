import { pauseLength, useNow } from '../../lib/time.ts'
import type { CallView } from './describe-call.ts'

const LOOK = {
  recording: {
    title: 'Recording',
    box: 'border-recording bg-recording-surface text-recording-ink',
    dot: 'bg-recording animate-pulse',
  },
  paused: {
    title: 'Paused',
    box: 'border-paused bg-paused-surface text-paused-ink',
    dot: 'bg-paused',
  },
  stopped: {
    title: 'Stopped',
    box: 'border-stopped bg-stopped-surface text-stopped-ink',
    dot: 'bg-stopped',
  },
  'not-started': {
    title: 'Not started',
    box: 'border-stopped bg-stopped-surface text-stopped-ink',
    dot: 'bg-stopped/50',
  },
  unverified: {
    title: 'Not confirmed',
    box: 'border-unverified bg-unverified-surface text-unverified-ink border-dashed',
    dot: 'bg-unverified',
  },
  'call-unknown': {
    title: 'Call not found',
    box: 'border-stopped bg-stopped-surface text-stopped-ink border-dashed',
    dot: 'bg-stopped/50',
  },
} as const

export const NOT_CONFIRMED_WARNING = 'recording state not confirmed — do not take card details'

/** The one thing an agent must read right: is the recorder running, and is that confirmed? */
export function RecorderIndicator({
  view,
  pauseAlertSeconds,
}: {
  view: CallView
  pauseAlertSeconds: number
}) {
  const look = LOOK[view.indicator]
  const now = useNow(view.pausedSince !== null)
  const pausedFor = view.pausedSince !== null ? now - view.pausedSince : null
  const longPause = pausedFor !== null && pausedFor > pauseAlertSeconds * 1000
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
          {look.title}
        </h2>
        {length !== null && (
          <span
            data-testid="pause-timer"
            className="ml-auto font-mono text-2xl font-bold tabular-nums"
            aria-label={`paused for ${length.spoken}`}
          >
            {length.text}
          </span>
        )}
      </div>
      <p className="mt-2 text-base font-semibold">{adviceFor(view)}</p>
      {longPause && view.indicator === 'paused' && (
        <p data-testid="pause-reminder" className="mt-1 text-sm font-bold">
          Paused for more than {Math.round(pauseAlertSeconds / 60) || 1} min — remember to resume.
        </p>
      )}
    </section>
  )
}

function adviceFor(view: CallView): string {
  switch (view.indicator) {
    case 'recording':
      return 'The call is being recorded. Pause before the customer gives card details.'
    case 'paused':
      return 'Recording is paused: safe to take card details. Resume when done.'
    case 'stopped':
      return 'The recorder is stopped: this part of the call is not recorded.'
    case 'not-started':
      return 'The recorder has not started for this call.'
    case 'call-unknown':
      return `The recording service does not know this call — ${NOT_CONFIRMED_WARNING}.`
    case 'unverified': {
      const shown = view.recording === 'Unknown' ? '' : ` Last reported: ${view.recording}.`
      return `Unverified: ${NOT_CONFIRMED_WARNING}.${shown}`
    }
  }
}
