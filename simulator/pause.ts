import { setTimeout as wait } from 'node:timers/promises'

/** Waits ms; false when the signal aborted the wait (the simulator is closing). */
export async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return false
  if (ms <= 0) return true
  try {
    await wait(ms, undefined, { signal })
    return true
  } catch {
    return false
  }
}
