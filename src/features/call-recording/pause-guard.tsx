import { useEffect, useState } from 'react'
import { isApiError } from '../../api/api-error.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { t } from '../../i18n/messages.ts'
import { formatDuration, useNow } from '../../lib/time.ts'
import { PauseReasonChips } from '../../ledger/pause-reason-chips.tsx'
import { sharedLedger } from '../../ledger/shared-ledger.ts'
import { readPauseConfig } from '../../lib/pause-config.ts'
import { policyFor } from '../../recording-state/pause-policy.ts'
import type { CallEntry } from '../../recording-state/call-entry.ts'
import type { PausePolicy } from '../../recording-state/pause-policy.ts'
import { usePauseGuard, type PauseGuardInput, type PauseGuardState } from './use-pause-guard.ts'
import { pauseDue } from '../../embed/panel-link.ts'
import { readSound, useGuardAlarms, writeSound } from './guard-alarms.ts'

// The pause guard on the agent panel (after the first paint: panel-extras.tsx's chunk).

/**
 * What the pause guard says: a countdown to the limit while paused, a warning the agent cannot
 * miss before it (an alert, the page title, a short tone, a desktop notification when the tab is
 * hidden), what an automatic resume did, and a loud alert while it cannot.
 */
export function PauseGuard({
  pauseAlertSeconds,
  confirmedPaused,
  pauseConfig,
  uccName,
  ...input
}: Omit<PauseGuardInput, 'policy'> & {
  pauseAlertSeconds: number
  confirmedPaused: boolean
  /** config.json's pause keys, read here: this UCC's policy. */
  pauseConfig: Readonly<Record<string, unknown>>
  uccName: string
}) {
  const policy = policyFor(readPauseConfig(pauseConfig).policies, uccName)
  const guard = usePauseGuard({ ...input, policy })
  // A host page is told when the limit falls (secondsLeft).
  const dueAt = guard.clock?.dueAt ?? null
  useEffect(() => pauseDue.set(dueAt), [dueAt])
  useEffect(() => () => pauseDue.set(null), [])
  const { entry } = input
  const reasons = usePauseReason(entry, confirmedPaused)
  const now = useNow(confirmedPaused && policy.maxPauseSeconds <= 0, 1000)
  const remind =
    confirmedPaused &&
    policy.maxPauseSeconds <= 0 &&
    entry?.pausedSince != null &&
    now - entry.pausedSince > pauseAlertSeconds * 1000
  return (
    <>
      <PauseGuardView guard={guard} policy={policy} />
      {confirmedPaused && policy.pauseReasons.length > 0 && (
        <PauseReasonChips
          reasons={policy.pauseReasons}
          chosen={reasons.chosen}
          onChoose={reasons.choose}
        />
      )}
      {/* With the guard off, a reminder once the pause is long. */}
      {remind && (
        <p data-testid="pause-reminder" className="text-sm font-bold">
          {t('pauseReminder', Math.round(pauseAlertSeconds / 60) || 1)}
        </p>
      )}
    </>
  )
}

function PauseGuardView({ guard, policy }: { guard: PauseGuardState; policy: PausePolicy }) {
  const [soundOn, setSoundOn] = useState(() => readSound())
  const { clock } = guard
  const phase = clock?.phase ?? null
  useGuardAlarms(phase, soundOn, policy.autoResume)

  return (
    <>
      {clock && (
        <div className="flex flex-col gap-1 text-sm">
          <p
            data-testid="pause-countdown"
            data-seconds-left={clock.secondsLeft}
            className="font-semibold"
          >
            {policy.autoResume
              ? t('guardCountdownAuto', formatDuration(clock.secondsLeft * 1000))
              : t('guardCountdownLimit', formatDuration(clock.secondsLeft * 1000))}
            {!guard.exact && (
              <span className="block font-normal">{t('guardCountedFromFirstSeen')}</span>
            )}
          </p>
          <div className="flex flex-wrap gap-x-3 text-xs">
            <button
              type="button"
              className="underline"
              aria-pressed={soundOn}
              onClick={() => setSoundOn(writeSound(!soundOn))}
            >
              {soundOn ? t('guardSoundOn') : t('guardSoundOff')}
            </button>
            <NotificationOffer />
          </div>
        </div>
      )}
      {(phase === 'warning' || phase === 'due') && !guard.failure && (
        <div role="alert" data-testid="pause-warning">
          <Alert
            tone="warning"
            title={
              phase === 'due'
                ? policy.autoResume
                  ? t('guardDueAuto')
                  : t('guardDueManual')
                : policy.autoResume
                  ? t('guardWarningAuto', formatDuration((clock?.secondsLeft ?? 0) * 1000))
                  : t('guardWarningManual', formatDuration((clock?.secondsLeft ?? 0) * 1000))
            }
          />
        </div>
      )}
      {guard.failure && (
        <div data-testid="auto-resume-failed">
          <Alert
            tone="error"
            title={t('guardStillPaused')}
            explanation={t('guardRetrying', guard.failure.message)}
            serverMessage={isApiError(guard.failure) ? guard.failure.serverMessage : undefined}
          />
        </div>
      )}
      {guard.autoResumedAfterMs !== null && (
        <div role="status" data-testid="auto-resumed" className="text-sm font-semibold">
          {t(
            guard.autoResumedExact ? 'guardAutoResumed' : 'guardAutoResumedAtLeast',
            formatDuration(guard.autoResumedAfterMs),
          )}{' '}
          <button
            type="button"
            className="font-normal underline"
            onClick={guard.dismissAutoResumed}
          >
            {t('dismiss')}
          </button>
        </div>
      )}
    </>
  )
}

/** The reason chosen for this pause, kept in the ledger; a new pause starts without one. */
function usePauseReason(entry: CallEntry | undefined, paused: boolean) {
  const [chosen, setChosen] = useState<{ since: number | null; reason: string | null }>({
    since: null,
    reason: null,
  })
  const since = paused ? (entry?.pausedSince ?? null) : null
  const [ucc, correlationId] = [entry?.state.uccName ?? '', entry?.state.correlationId ?? '']
  return {
    chosen: chosen.since === since ? chosen.reason : null,
    choose(reason: string | null) {
      setChosen({ since, reason })
      void sharedLedger.run((ledger) => ledger.setPauseReason(ucc, correlationId, reason))
    },
  }
}

/** Desktop notifications, when the browser has them and the agent has not decided yet. */
function NotificationOffer() {
  const [permission, setPermission] = useState(() =>
    typeof Notification === 'undefined' ? 'unsupported' : Notification.permission,
  )
  if (permission !== 'default') return null
  return (
    <button
      type="button"
      className="underline"
      onClick={() => {
        void Notification.requestPermission().then(setPermission)
      }}
    >
      {t('guardEnableNotifications')}
    </button>
  )
}
