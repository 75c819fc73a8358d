import { t } from '../i18n/messages.ts'
import { useEffect, useState } from 'react'

/** The current time, updated every `intervalMs` while `active`. */
export function useNow(active: boolean, intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (!active) return
    const tick = () => setNow(Date.now())
    const first = setTimeout(tick, 0)
    const timer = setInterval(tick, intervalMs)
    return () => {
      clearTimeout(first)
      clearInterval(timer)
    }
  }, [active, intervalMs])
  return now
}

export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.floor(ms / 1000))
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = String(totalSeconds % 60).padStart(2, '0')
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}`
    : `${minutes}:${seconds}`
}

/**
 * A pause's length as shown, and as read aloud. A pause the panel found already running is only
 * known from when it was first seen: it is shown as a lower bound ("≥ 0:42", "at least 0:42").
 */
export function pauseLength(ms: number, exact: boolean): { text: string; spoken: string } {
  const duration = formatDuration(ms)
  return exact
    ? { text: duration, spoken: duration }
    : { text: `≥ ${duration}`, spoken: t('atLeast', duration) }
}
