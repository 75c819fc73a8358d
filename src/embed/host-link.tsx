import { useEffect, useLayoutEffect, useRef } from 'react'
import { isApiError } from '../api/api-error.ts'
import type { PanelState } from '../../protocol/embed.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { t } from '../i18n/messages.ts'
import type { CallView } from '../features/call-recording/describe-call.ts'
import { recorderWords } from '../features/call-recording/state-words.ts'
import { EmbedFailure, panelLink, pauseDue, type HostAction } from './panel-link.ts'

// The agent view's side of the embedding contract (protocol/embed.ts): its state as a host page
// sees it, and the host's pause and resume, sent with source `host` (guarded and recorded like any
// other). A pause is reported done only once the screen itself shows it confirmed.

/** How long a host's action waits for the recorder to be confirmed in the state it asked for. */
export const HOST_CONFIRM_MS = 8_000

export interface HostLinkProps {
  view: CallView
  call: { uccName: string; correlationId: string }
  hubState: string
  /** Sends an action with source `host`; rejects as the action does. */
  send: (action: RecordingAction) => Promise<void>
}

export function HostLink(props: HostLinkProps) {
  const latest = useRef(props)
  const waiters = useRef(new Set<() => void>())
  // As the screen commits, not after its paint: a host hears of a confirmed state (and a waiting
  // pause resolves) in the same task as the screen shows it, not a frame later.
  useLayoutEffect(() => {
    latest.current = props
    for (const waiter of waiters.current) waiter()
    panelLink.changed()
  })
  useEffect(() => {
    panelLink.set({
      state: () => hostState(latest.current),
      act: (action) => act(latest, waiters.current, action),
    })
    return () => panelLink.set(null)
  }, [])
  return null
}

/** The state as a host sees it: `confirmed` is the screen's own (not stale, call known). */
export function hostState({ view, call, hubState }: HostLinkProps): PanelState {
  const known = !view.callUnknown && view.endedAt === null
  const dueAt = pauseDue.get()
  const paused = view.recording === 'Paused' && known
  return {
    recording: view.recording,
    marking: view.marking,
    saving: view.saving,
    confirmed: known && !view.stale,
    hub: hubState,
    pausedSince:
      paused && view.pausedSince !== null ? new Date(view.pausedSince).toISOString() : null,
    secondsLeft:
      paused && dueAt !== null ? Math.max(0, Math.ceil((dueAt - Date.now()) / 1000)) : null,
    callKnown: known,
    call: { ucc: call.uccName, correlationId: call.correlationId },
  }
}

async function act(
  latest: { current: HostLinkProps },
  waiters: Set<() => void>,
  asked: HostAction,
): Promise<void> {
  const { view } = latest.current
  if (view.callUnknown || view.endedAt !== null)
    throw new EmbedFailure('unknown-call', t('hostCallUnknown'))
  const kind =
    asked !== 'toggle-pause'
      ? asked
      : view.allowed.pause
        ? 'pause'
        : view.allowed.resume
          ? 'resume'
          : null
  const wanted = kind === 'pause' ? 'Paused' : 'Started'
  // Already so, and confirmed: nothing to send.
  if (kind && view.recording === wanted && !view.stale) return
  if (!kind || !view.allowed[kind])
    throw new EmbedFailure(
      'not-allowed',
      view.blockedReason ?? t('hostNotOffered', recorderWords(view)),
    )
  try {
    await latest.current.send(kind === 'pause' ? RecordingAction.Pause : RecordingAction.Start)
  } catch (error) {
    throw failureOf(error)
  }
  await confirmedIn(latest, waiters, wanted)
}

/** Waits until the screen shows `wanted` confirmed (or the call ends, or time runs out). */
function confirmedIn(
  latest: { current: HostLinkProps },
  waiters: Set<() => void>,
  wanted: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: EmbedFailure) => {
      clearTimeout(timer)
      waiters.delete(check)
      if (error) reject(error)
      else resolve()
    }
    const check = () => {
      const { view } = latest.current
      if (view.callUnknown || view.endedAt !== null)
        done(new EmbedFailure('unknown-call', t('hostCallUnknown')))
      else if (view.recording === wanted && !view.stale) done()
    }
    const timer = setTimeout(
      () =>
        done(
          new EmbedFailure(
            'not-confirmed',
            t('hostNotConfirmed', HOST_CONFIRM_MS / 1000, recorderWords(latest.current.view)),
          ),
        ),
      HOST_CONFIRM_MS,
    )
    waiters.add(check)
    check()
  })
}

/** An action's failure in the protocol's terms: the server's ErrorType and words when it gave them. */
function failureOf(error: unknown): EmbedFailure {
  if (!isApiError(error)) {
    const message = error instanceof Error ? error.message : String(error)
    return new EmbedFailure(
      error instanceof Error && error.name === 'ActionWithoutEffectError'
        ? 'not-confirmed'
        : 'not-allowed',
      message,
    )
  }
  const message = error.serverMessage ?? error.message
  switch (error.kind) {
    case 'server':
      return new EmbedFailure(error.errorType ?? 'http', message)
    case 'network':
    case 'timeout':
      return new EmbedFailure(error.kind, message)
    case 'refused':
      return new EmbedFailure('invalid-message', message)
    default:
      return new EmbedFailure('http', message)
  }
}
