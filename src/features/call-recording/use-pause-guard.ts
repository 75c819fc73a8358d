import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { useQueryClient } from '@tanstack/react-query'
import { useNow } from '../../lib/time.ts'
import type { CallEntry } from '../../recording-state/call-entry.ts'
import { pauseClock, type PauseClock } from '../../recording-state/pause-clock.ts'
import type { PausePolicy } from '../../recording-state/pause-policy.ts'
import { sharedCallChannel, type CallChannel } from './call-channel.ts'
import { claimLeadership, type Leadership, type LockManagerLike } from './guard-leadership.ts'

/** How long the guard waits before trying a refused or failed automatic resume again. */
export const RETRY_MS = 5_000
/** How long it waits when the fresh read could not confirm the pause yet. */
const UNCONFIRMED_RETRY_MS = 1_000

export interface PauseGuardInput {
  /** `ucc|correlationid`, lowercased: the call this guard watches. */
  callKey: string
  entry: CallEntry | undefined
  policy: PausePolicy
  /** The live connection is Connected: while it is not, a pause's start is not known for sure. */
  hubConnected: boolean
  /** Changes each time an action of this panel settles: other tabs on the call then re-read. */
  actionSettled: number
  /** A fresh read of the call (never a cached one). */
  reread: () => Promise<CallEntry | undefined>
  /** Sends Start as the agent, from the guard; resolves once the recorder is confirmed running. */
  resume: () => Promise<void>
  channel?: CallChannel
  locks?: LockManagerLike
}

export interface PauseGuardState {
  /** Where the pause stands against its limit; null when the guard is off or nothing is paused. */
  clock: PauseClock | null
  /** False when the pause was found already running: counted from when this browser first saw it. */
  exact: boolean
  /** This panel is the one that acts for the call (one per call in the browser). */
  leader: boolean
  /** The last automatic resume went through, after this long paused. */
  autoResumedAfterMs: number | null
  /** False when that pause was found already running: it lasted at least autoResumedAfterMs. */
  autoResumedExact: boolean
  /** The last automatic resume was refused or failed; it is being tried again. */
  failure: Error | null
  dismissAutoResumed: () => void
}

/**
 * The pause guard of one call: counts the pause against its limit and, at the limit, resumes the
 * recorder (if the policy says so), but only after a fresh read shows it still paused; a refused
 * or failed resume is tried again every few seconds, re-reading first, until the recorder runs
 * or the call ends. Only one panel in the browser acts for a call; the others count alike.
 */
export function usePauseGuard(input: PauseGuardInput): PauseGuardState {
  const { callKey, entry, policy, channel = sharedCallChannel() } = input
  const paused = entry?.state.recording === 'Paused' && entry.endedAt === null
  const on = paused && policy.maxPauseSeconds > 0
  const start = useSharedPauseStart(callKey, on ? entry : undefined, channel)
  const now = useNow(on, 1000)
  const clock = on && start ? pauseClock(start.since, policy, now) : null
  const leader = useLeadership(callKey, input.locks)
  const [autoResumedAfterMs, setAutoResumedAfterMs] = useState<number | null>(null)
  const [autoResumedExact, setAutoResumedExact] = useState(true)
  const exact = start?.exact ?? true
  const exactNow = useRef(exact)
  const [failure, setFailure] = useState<Error | null>(null)
  const latest = useRef(input)
  useEffect(() => {
    latest.current = input
    exactNow.current = exact
  })

  useTabsInStep(callKey, input.actionSettled, channel)

  const acting = clock?.phase === 'due' && policy.autoResume && leader && input.hubConnected
  const since = start?.since ?? null
  useEffect(() => {
    if (!acting || since === null) return
    const controller = new AbortController()
    // Whether this pause's start is exact, as it stands now: once resumed, the pause is gone.
    const wasExact = exactNow.current
    void resumeUntilRunning(latest, since, controller.signal, {
      resumed: (afterMs) => {
        setFailure(null)
        setAutoResumedExact(wasExact)
        setAutoResumedAfterMs(afterMs)
      },
      failed: setFailure,
      done: () => setFailure(null),
    })
    return () => controller.abort()
  }, [acting, since])

  // A new pause starts afresh; a call that runs again needs no failure notice (adjusted while
  // rendering, as React recommends for state that follows a prop).
  const [wasPaused, setWasPaused] = useState(paused)
  if (wasPaused !== paused) {
    setWasPaused(paused)
    if (paused) setAutoResumedAfterMs(null)
    else setFailure(null)
  }

  return {
    clock,
    exact,
    leader,
    autoResumedAfterMs,
    autoResumedExact,
    failure: paused ? failure : null,
    dismissAutoResumed: () => setAutoResumedAfterMs(null),
  }
}

async function resumeUntilRunning(
  latest: { current: PauseGuardInput },
  since: number,
  signal: AbortSignal,
  report: { resumed: (afterMs: number) => void; failed: (error: Error) => void; done: () => void },
): Promise<void> {
  while (!signal.aborted) {
    let fresh: CallEntry | undefined
    try {
      fresh = await latest.current.reread()
    } catch (error) {
      report.failed(asError(error))
      if (await wait(RETRY_MS, signal)) continue
      return
    }
    if (signal.aborted) return
    // Running again (resumed by someone else) or the call ended: nothing to do.
    if (!fresh || fresh.endedAt !== null || fresh.state.recording !== 'Paused') return report.done()
    if (!fresh.confirmed) {
      if (await wait(UNCONFIRMED_RETRY_MS, signal)) continue
      return
    }
    try {
      await latest.current.resume()
      report.resumed(Date.now() - since)
      return
    } catch (error) {
      report.failed(asError(error))
      if (!(await wait(RETRY_MS, signal))) return
    }
  }
}

/** Waits `ms`; false when aborted first. */
function wait(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false)
    const timer = setTimeout(() => resolve(true), ms)
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer)
        resolve(false)
      },
      { once: true },
    )
  })
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error))
}

/**
 * Tabs on the same call stay in step: an action settled here makes the others re-read at once,
 * and an action settled there makes this one re-read.
 */
function useTabsInStep(callKey: string, actionSettled: number, channel: CallChannel): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (actionSettled > 0) channel.post({ type: 'acted', key: callKey })
  }, [actionSettled, callKey, channel])
  useEffect(
    () =>
      channel.subscribe((message) => {
        if (message.type !== 'acted' || message.key !== callKey) return
        void queryClient.invalidateQueries({ queryKey: ['recording', ...callKey.split('|')] })
      }),
    [callKey, channel, queryClient],
  )
}

function useLeadership(callKey: string, locks: LockManagerLike | undefined): boolean {
  const claim = useRef<Leadership | null>(null)
  const subscribe = useCallback(
    (notify: () => void) => {
      // Claimed while subscribed, released on unsubscribe (StrictMode subscribes twice: one lives).
      const own = claimLeadership(callKey, locks)
      claim.current = own
      const unsubscribe = own.subscribe(notify)
      return () => {
        unsubscribe()
        own.release()
        if (claim.current === own) claim.current = null
      }
    },
    [callKey, locks],
  )
  return useSyncExternalStore(subscribe, () => claim.current?.isLeader() ?? false)
}

/**
 * When this pause began, as early as any tab of this browser saw it: every tab counts the same
 * pause from the same start (and says "at least" alike when none saw it begin).
 */
function useSharedPauseStart(
  callKey: string,
  entry: CallEntry | undefined,
  channel: CallChannel,
): { since: number; exact: boolean } | null {
  const own =
    entry?.pausedSince != null ? { since: entry.pausedSince, exact: entry.pausedSinceExact } : null
  // What other tabs said of this same pause, kept with the start it was heard against.
  const [heard, setHeard] = useState<{ of: number; since: number; exact: boolean } | null>(null)
  const ownSince = own?.since ?? null
  const ownExact = own?.exact ?? false
  useEffect(() => {
    if (ownSince === null) return
    let known = { since: ownSince, exact: ownExact }
    channel.post({ type: 'pause-seen', key: callKey, ...known })
    return channel.subscribe((message) => {
      if (message.type !== 'pause-seen' || message.key !== callKey) return
      if (message.since < known.since) {
        // Another tab saw this same pause earlier: count from there.
        known = { since: message.since, exact: message.exact }
        setHeard({ of: ownSince, ...known })
      } else if (message.since > known.since) {
        // A tab that saw it later (one opened since): tell it when it began.
        channel.post({ type: 'pause-seen', key: callKey, ...known })
      }
    })
  }, [callKey, channel, ownSince, ownExact])
  if (!own) return null
  return heard && heard.of === own.since && heard.since < own.since
    ? { since: heard.since, exact: heard.exact }
    : own
}
