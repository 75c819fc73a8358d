import { useId } from 'react'
import { t } from '../i18n/messages.ts'

/** The reasons offered when none are configured, in the panel's language. */
export function defaultPauseReasons(): string[] {
  return [
    t('ledgerReasonCard'),
    t('ledgerReasonIdentity'),
    t('ledgerReasonPersonal'),
    t('ledgerReasonOther'),
  ]
}

/**
 * Why the recording is paused, in one tap, for the ledger (`ledger.setPauseReason`). Optional:
 * nothing waits for it. Toggle buttons (`aria-pressed`); tapping the chosen one again unchooses it.
 */
export function PauseReasonChips({
  reasons,
  chosen,
  onChoose,
}: {
  reasons: readonly string[]
  chosen: string | null
  onChoose: (reason: string | null) => void
}) {
  const labelId = useId()
  return (
    <div role="group" aria-labelledby={labelId} className="flex flex-col gap-1 text-sm">
      <p id={labelId} className="text-muted">
        {t('ledgerReasonsLabel')}
      </p>
      <div className="flex flex-wrap gap-1">
        {reasons.map((reason) => {
          const pressed = reason === chosen
          return (
            <button
              key={reason}
              type="button"
              data-testid="pause-reason"
              aria-pressed={pressed}
              onClick={() => onChoose(pressed ? null : reason)}
              className={`min-h-8 max-w-full rounded-full border px-3 py-1 text-xs font-semibold wrap-anywhere focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${
                pressed
                  ? 'border-blue-700 bg-blue-700 text-white dark:border-blue-300 dark:bg-blue-300 dark:text-slate-950'
                  : 'border-slate-400 bg-white text-slate-900 hover:bg-slate-100 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700'
              }`}
            >
              {reason}
            </button>
          )
        })}
      </div>
    </div>
  )
}
