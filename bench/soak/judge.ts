// The soak's rules, apart from the browser: the true state of each call and since when, and the
// judgement of one shown value against it (the PCI invariant of docs/decisions/0004).
import { RecordingState } from '../../protocol/wire.ts'

export const GRACE_MS = 1000

export const ViolationKind = {
  /** A confirmed Paused while the recorder is not Paused: card details would be recorded. */
  PausedWhileNotPaused: 'pausedWhileNotPaused',
  /** A confirmed Started while the recorder is Paused. */
  StartedWhilePaused: 'startedWhilePaused',
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

export function isViolation(outcome: Outcome): outcome is ViolationKind {
  return (
    outcome === ViolationKind.PausedWhileNotPaused || outcome === ViolationKind.StartedWhilePaused
  )
}
