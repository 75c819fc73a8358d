// The soak's rules, apart from the browser: the true state of each call and since when, the
// judgement of one shown value against it (the PCI invariant of docs/decisions/0004), and the
// pause limit (no call left paused past its limit while its panel could resume it).
import { RecordingState } from '../../protocol/wire.ts'

export const GRACE_MS = 1000

export const ViolationKind = {
  /** A confirmed Paused while the recorder is not Paused: card details would be recorded. */
  PausedWhileNotPaused: 'pausedWhileNotPaused',
  /** A confirmed Started while the recorder is Paused. */
  StartedWhilePaused: 'startedWhilePaused',
  /**
   * The recorder Paused past its limit plus the slack while the call's agent panel was open, its
   * hub Connected and the service answering as it should: its pause guard did not resume it.
   */
  PausedPastLimit: 'pausedPastLimit',
} as const
export type ViolationKind = (typeof ViolationKind)[keyof typeof ViolationKind]

const STATE_NAMES = new Map<number, string>(
  Object.entries(RecordingState).map(([name, value]) => [value, name]),
)

export function recordingStateName(value: number): string {
  return STATE_NAMES.get(value) ?? 'Unknown'
}

export function callKey(uccName: string, correlationId: string): string {
  return `${uccName.toLowerCase()}|${correlationId.toLowerCase()}`
}

/** One change of a call as the simulator's store reported it (Date.now() when it happened). */
export interface TruthChange {
  at: number
  recording: string
  action: string
  stateAction: number | null
  source: string
  requester: string
  /** Whether a RecordingStateChangedEvent went out for it. */
  event: boolean
}

interface TruthEntry {
  recording: string
  /** When the recorder entered its current state. */
  since: number
  history: TruthChange[]
}

const HISTORY_KEPT = 50

/** The recorder's true state per call and since when, fed by the store's change listener. */
export class TruthTracker {
  private readonly calls = new Map<string, TruthEntry>()

  record(key: string, change: TruthChange): void {
    const entry = this.calls.get(key)
    if (!entry) {
      this.calls.set(key, { recording: change.recording, since: change.at, history: [change] })
      return
    }
    if (entry.recording !== change.recording) {
      entry.recording = change.recording
      entry.since = change.at
    }
    entry.history.push(change)
    if (entry.history.length > HISTORY_KEPT) entry.history.shift()
  }

  get(key: string): { recording: string; since: number } | undefined {
    const entry = this.calls.get(key)
    return entry && { recording: entry.recording, since: entry.since }
  }

  history(key: string): readonly TruthChange[] {
    return this.calls.get(key)?.history ?? []
  }
}

export interface Observation {
  /** data-state as shown; null when the element is missing. */
  shown: string | null
  stale: boolean
  /** The recorder's true state when the page was read, and since when (Date.now()). */
  truth: string
  truthSince: number
  /** Since when the page's hub indicator has said Connected; null when it does not. */
  connectedSince: number | null
  /** Date.now() in the page when it was read. */
  at: number
}

export type Outcome =
  /** Not confirmed (data-stale), or nothing shown: says nothing false. */
  | 'stale'
  /** Confirmed, but within the grace: the true state or the hub connection is younger than 1 s. */
  | 'unsettled'
  | 'agrees'
  | ViolationKind
  /** Confirmed, settled and wrong, but not one of the two kinds (Stopped shown for Started, …). */
  | 'mismatch'

export interface Judgement {
  outcome: Outcome
  /** The hub has been Connected, and the true state has held, for more than the grace. */
  settled: boolean
}

/**
 * The invariant: a confirmed (no data-stale) Paused for a recorder that is not Paused, or a
 * confirmed Started for one that is Paused, once the true state has held for more than `graceMs`
 * and the page's hub has been Connected for that long.
 */
export function judge(observation: Observation, graceMs = GRACE_MS): Judgement {
  const { shown, stale, truth, truthSince, connectedSince, at } = observation
  const settled =
    connectedSince !== null && at - connectedSince > graceMs && at - truthSince > graceMs
  if (stale || shown === null) return { outcome: 'stale', settled }
  if (!settled) return { outcome: 'unsettled', settled }
  if (shown === 'Paused' && truth !== 'Paused')
    return { outcome: ViolationKind.PausedWhileNotPaused, settled }
  if (shown === 'Started' && truth === 'Paused')
    return { outcome: ViolationKind.StartedWhilePaused, settled }
  return { outcome: shown === truth ? 'agrees' : 'mismatch', settled }
}

export function isViolation(
  outcome: Outcome | PauseLimitJudgement['outcome'],
): outcome is ViolationKind {
  return (
    outcome === ViolationKind.PausedWhileNotPaused ||
    outcome === ViolationKind.StartedWhilePaused ||
    outcome === ViolationKind.PausedPastLimit
  )
}

/** The pause guard's limit as the agent pages are configured (maxPauseSeconds), and the slack. */
export interface PauseLimit {
  limitMs: number
  /** How much later than the limit a resume may come: a retry (5 s) and the round trips. */
  slackMs: number
}

export interface PauseLimitObservation {
  /** The recorder's true state, and since when (Date.now()). */
  truth: string
  truthSince: number
  /** Since when the call's agent page has said Connected; null when it does not. */
  connectedSince: number | null
  /**
   * The last time the page's count of this pause may rightly have begun again (an old or
   * duplicate event for the call: a read then finds the pause and counts it from then); null: never.
   */
  restartedAt: number | null
  /**
   * The last time the service might not have taken or answered a resume as it should (a fault
   * pending or in effect on set or the state read, a hung request, a latency spike, a slow
   * answer); null: never.
   */
  disturbedAt: number | null
  /** Date.now() when the page was read. */
  at: number
}

export interface PauseLimitJudgement {
  /**
   * `not-paused`; `hub-down`: the page's hub is not Connected (the guard rightly waits);
   * `within`: paused, not yet past the deadline; `pausedPastLimit`: past it.
   */
  outcome: 'not-paused' | 'hub-down' | 'within' | typeof ViolationKind.PausedPastLimit
  /** When the pause would become a violation (Date.now()); null unless paused with the hub up. */
  deadline: number | null
}

/**
 * The pause limit: a call must not stay Paused longer than its limit plus the slack, counted from
 * when its agent page could first count it (the pause began, or the page's hub connected, or an
 * old event made it count again, whichever is last), and no sooner than the slack after the
 * service last misbehaved: a refused or failed resume is rightly tried again later.
 */
export function judgePauseLimit(
  observation: PauseLimitObservation,
  limit: PauseLimit,
): PauseLimitJudgement {
  const { truth, truthSince, connectedSince, restartedAt, disturbedAt, at } = observation
  if (truth !== 'Paused') return { outcome: 'not-paused', deadline: null }
  if (connectedSince === null) return { outcome: 'hub-down', deadline: null }
  const counted = Math.max(truthSince, connectedSince, restartedAt ?? -Infinity)
  const deadline = Math.max(counted + limit.limitMs, disturbedAt ?? -Infinity) + limit.slackMs
  return { outcome: at > deadline ? ViolationKind.PausedPastLimit : 'within', deadline }
}
