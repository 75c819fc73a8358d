import { formatDuration, useNow } from '../../lib/time.ts'
import type { CallView } from './describe-call.ts'

const LOOK = {
  recording: {
    title: 'Recording',
    box: 'border-red-700 bg-red-50 text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50',
    dot: 'bg-red-600 animate-pulse',
  },
  paused: {
    title: 'Paused',
    box: 'border-emerald-700 bg-emerald-50 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-50',
    dot: 'bg-emerald-600',
  },
  stopped: {
    title: 'Stopped',
    box: 'border-slate-600 bg-slate-100 text-slate-950 dark:border-slate-400 dark:bg-slate-800 dark:text-slate-50',
    dot: 'bg-slate-600',
  },
  'not-started': {
    title: 'Not started',
    box: 'border-slate-600 bg-slate-100 text-slate-950 dark:border-slate-400 dark:bg-slate-800 dark:text-slate-50',
    dot: 'bg-slate-400',
  },
  unverified: {
    title: 'Not confirmed',
    box: 'border-amber-600 bg-amber-50 text-amber-950 border-dashed dark:border-amber-400 dark:bg-amber-950 dark:text-amber-50',
    dot: 'bg-amber-500',
  },
  'call-unknown': {
    title: 'Call not found',
    box: 'border-slate-600 bg-slate-100 text-slate-950 border-dashed dark:border-slate-400 dark:bg-slate-800 dark:text-slate-50',
    dot: 'bg-slate-400',
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
        {pausedFor !== null && (
          <span
            data-testid="pause-timer"
            className="ml-auto font-mono text-2xl font-bold tabular-nums"
            aria-label={`paused for ${formatDuration(pausedFor)}`}
          >
            {formatDuration(pausedFor)}
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
