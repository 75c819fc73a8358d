import { useEffect } from 'react'
import { t } from '../../i18n/messages.ts'

// How the pause guard makes itself noticed beyond the panel: the page title, a short tone (when
// the agent wants it) and a desktop notification.

const SOUND_KEY = 'recording-panel.guard-sound'

/** The page title, a short tone and a desktop notification, once per warning and once at the limit. */
export function useGuardAlarms(
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

/** Whether the agent wants the warning tone (on unless turned off). */
export function readSound(): boolean {
  try {
    return localStorage.getItem(SOUND_KEY) !== 'off'
  } catch {
    return true
  }
}

/** Keeps the agent's choice of the warning tone; returns it. */
export function writeSound(on: boolean): boolean {
  try {
    localStorage.setItem(SOUND_KEY, on ? 'on' : 'off')
  } catch {
    // Storage refused: the choice lasts until the page closes.
  }
  return on
}
