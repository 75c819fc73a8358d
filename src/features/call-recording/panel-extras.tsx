import { useEffect, useEffectEvent, useState } from 'react'
import { isApiError } from '../../api/api-error.ts'
import { Alert } from '../../components/ui/alert.tsx'

// Stop and Delete ask first: the question comes with this chunk, not with the first paint.
export { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
export { CallRecord } from './call-record.tsx'
export { CallAlerts } from './call-alerts.tsx'
export { HostLink } from '../../embed/host-link.tsx'
import { t } from '../../i18n/messages.ts'
import { formatDuration, useNow } from '../../lib/time.ts'
import { PauseReasonChips } from '../../ledger/pause-reason-chips.tsx'
import { sharedLedger } from '../../ledger/shared-ledger.ts'
import { readPauseConfig } from '../../lib/pause-config.ts'
import { policyFor } from '../../recording-state/pause-policy.ts'
import { actionName } from '../../api/call-state.ts'
import type { AnnouncedChange, CallEntry } from '../../recording-state/call-entry.ts'
import type { PausePolicy } from '../../recording-state/pause-policy.ts'
import { usePauseGuard, type PauseGuardInput, type PauseGuardState } from './use-pause-guard.ts'
import { pauseDue } from '../../embed/panel-link.ts'
import type { ActionGrid as Grid } from './action-grid.tsx'
import type { ActionId, CallView } from './describe-call.ts'

const SOUND_KEY = 'recording-panel.guard-sound'

// What the agent panel shows after its first paint: the pause guard, and the question Stop and
// Delete ask first. A chunk of its own, asked for at the first render.

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

/** The page title, a short tone and a desktop notification, once per warning and once at the limit. */
function useGuardAlarms(
  phase: 'counting' | 'warning' | 'due' | null,
  soundOn: boolean,
  autoResume: boolean,
) {
  const alarming = phase === 'warning' || phase === 'due'
  useEffect(() => {
    if (!alarming) return
    const before = document.title
    document.title = `⚠ ${t('guardTitle')} · ${before}`
    return () => {
      document.title = before
    }
  }, [alarming])
  useEffect(() => {
    if (!alarming) return
    if (soundOn) playTone()
    if (
      document.hidden &&
      typeof Notification !== 'undefined' &&
      Notification.permission === 'granted'
    ) {
      try {
        new Notification(t('guardTitle'), {
          body: phase === 'due' && !autoResume ? t('guardDueManual') : t('guardNotificationBody'),
          tag: 'recording-panel-guard',
        })
      } catch {
        // Some browsers only notify from a service worker: the title and the alert still say it.
      }
    }
    // Once per phase: not on every tick of the countdown.
  }, [phase, alarming, soundOn, autoResume])
}

/** A short, clear tone (Web Audio); silent where audio is not available. */
function playTone(): void {
  const Context = typeof AudioContext === 'undefined' ? undefined : AudioContext
  if (!Context) return
  try {
    const audio = new Context()
    const oscillator = audio.createOscillator()
    const gain = audio.createGain()
    oscillator.frequency.value = 880
    gain.gain.setValueAtTime(0.2, audio.currentTime)
    gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + 0.4)
    oscillator.connect(gain).connect(audio.destination)
    oscillator.start()
    oscillator.stop(audio.currentTime + 0.4)
    oscillator.onended = () => void audio.close()
  } catch {
    // No audio device, or autoplay refused: the alert and the title still say it.
  }
}

function readSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off'
  } catch {
    return true
  }
}

function writeSound(on: boolean): boolean {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off')
  } catch {
    // Storage refused: the choice lasts until the page closes.
  }
  return on
}

/** The last change the hub announced, as a row of the state list. */
export function LastChange({ lastEvent }: { lastEvent: AnnouncedChange | null }) {
  if (!lastEvent) return null
  return (
    <div className="contents">
      <dt className="text-muted">{t('rowLastChange')}</dt>
      <dd data-testid="last-event">
        {t('lastChangeAt', actionName(lastEvent.action), t('time', lastEvent.at))}
      </dd>
    </div>
  )
}

/** Ctrl+Shift+2 anywhere on the page: pause or resume (the panel decides which is offered). */
export const TOGGLE_SHORTCUT = 'Ctrl+Shift+2'

/** The actions beyond pause and resume (marking, saving, Stop) and the shortcut's hint: after the
 * first paint, which needs only what tells the agent whether it is safe, and Pause. */
export function MoreActions({
  ActionGrid,
  ...props
}: {
  /** The panel's own (passed in: imported from here, it would split the first paint's chunk). */
  ActionGrid: typeof Grid
  view: CallView
  busyId: ActionId | null
  onClick: (id: ActionId) => void
}) {
  return (
    <>
      <ActionGrid ids={['mark', 'unmark', 'save', 'delete']} {...props} />

      <section aria-labelledby="recorder-controls" className="rule-above">
        <h2 id="recorder-controls" className="mb-2 text-sm font-semibold text-soft">
          {t('recorderHeading')}
        </h2>
        <ActionGrid ids={['stop']} {...props} />
      </section>

      <p className="text-xs text-muted">
        {t('shortcutBefore')}
        <kbd className="rounded border px-1 font-mono">{TOGGLE_SHORTCUT}</kbd>
        {t('shortcutAfter')}
      </p>
    </>
  )
}

export function ToggleShortcut({ onToggle }: { onToggle: () => void }) {
  const toggle = useEffectEvent(onToggle)
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey && event.shiftKey && !event.altKey && event.code === 'Digit2') {
        event.preventDefault()
        toggle()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
  return null
}

/** Closing or leaving the tab while the recorder is paused asks first (the pause may be forgotten). */
export function LeaveWhilePaused({ paused }: { paused: boolean }) {
  useEffect(() => {
    if (!paused) return
    const ask = (event: BeforeUnloadEvent) => {
      event.preventDefault()
      // Older browsers only ask when a value is returned.
      event.returnValue = ''
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [paused])
  return null
}
