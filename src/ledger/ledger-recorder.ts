import { RecordingAction, type RecordingActionName } from '../../protocol/wire.ts'
import type { CallEntry, Change, ChangeSource } from '../recording-state/call-entry.ts'
import { showsEffectOf } from '../recording-state/derive-state.ts'
import {
  isoTime,
  ledgerCallKey,
  newRecordId,
  type ChangeRecord,
  type LedgerOp,
  type PauseEnd,
  type PauseRecord,
} from './ledger-records.ts'

// What the ledger must write, derived from consecutive versions of one call's entry of the
// call-state core (src/recording-state). Pure: no IndexedDB, no clock of its own. It only
// remembers, per call, what is still open: the change records the service has not confirmed yet
// (those of the call's latest change) and the pause that is running.
//
//   const recorder = new LedgerRecorder()
//   ledger.apply(recorder.observe(previousEntry, nextEntry, { actorSipUri, now: Date.now() }))
//
// Rules, for each observed step prev → next of a call:
// - A new `next.lastChange` (by identity) gives one change record per action in it, credited to
//   its source; confirmed at once when `next` is confirmed (a read or a trusted answer made it).
// - The entry becoming confirmed sets `confirmedAt` of the call's latest unconfirmed change
//   records whose effect the confirmed state shows; the others stay unconfirmed for good.
// - Entering Paused opens a pause record (start `next.pausedSince`, exact `next.pausedSinceExact`).
//   Leaving it for a known state closes it: ended by `agent` or `auto-resume` when that source's
//   change ended it, by `other-party` otherwise. A pause that turns Unknown stays open. The call
//   ending while paused (`next.endedAt`) closes it as `call-ended`, at that time. The service
//   stops the recorder as a call ends and announces that Stop first: a pause just closed by
//   another party's unconfirmed Stop becomes `call-ended` when the call then ends while paused
//   (`next.endedWhilePaused`), its end left at the Stop.
// Every step of a call must be observed, in order: a skipped version may hide a change.

/** Who acts for this panel (its agent, or the board's supervisor), and the time of the step. */
export interface RecordContext {
  readonly actorSipUri: string | null
  readonly now: number
}

interface OpenRecords {
  /** The change records of the call's latest change, while the service has not confirmed them. */
  unconfirmed: readonly { readonly id: string; readonly action: RecordingAction }[]
  /** The running pause. */
  pause: { readonly id: string; readonly startMs: number } | null
  /** The pause another party's Stop just closed, unconfirmed: the call's end may explain it. */
  stoppedPause: { readonly id: string } | null
}

const OUR_SOURCES: ReadonlySet<ChangeSource> = new Set([
  'agent',
  'auto-resume',
  'supervisor',
  'host',
])

export class LedgerRecorder {
  private readonly open = new Map<string, OpenRecords>()
  private readonly newId: (now: number) => string

  constructor(options: { newId?: (now: number) => string } = {}) {
    this.newId = options.newId ?? newRecordId
  }

  /** The ops for the step `prev` → `next` of one call (`prev` undefined: first seen). */
  observe(prev: CallEntry | undefined, next: CallEntry, context: RecordContext): LedgerOp[] {
    const call = { ucc: next.state.uccName, correlationId: next.state.correlationId }
    const key = ledgerCallKey(call.ucc, call.correlationId)
    const open: OpenRecords = this.open.get(key) ?? {
      unconfirmed: [],
      pause: null,
      stoppedPause: null,
    }
    const ops: LedgerOp[] = []
    const change = next.lastChange !== (prev?.lastChange ?? null) ? next.lastChange : null

    // Confirmation of what was announced before
    if (next.confirmed && (!prev?.confirmed || change)) {
      for (const pending of open.unconfirmed) {
        if (showsEffectOf(next.state, pending.action))
          ops.push(patch(pending.id, { confirmedAt: isoTime(context.now) }))
      }
      open.unconfirmed = []
    }

    // A new change: one record per action
    if (change) {
      const records = change.actions.map((action) =>
        this.changeRecord(call, action, change, next.confirmed, context),
      )
      ops.push(...records.map((record) => ({ type: 'append' as const, record })))
      open.unconfirmed = next.confirmed
        ? []
        : records.map((record) => ({ id: record.id, action: RecordingAction[record.action] }))
    }

    // The pause
    const recording = next.state.recording
    const ended = next.endedAt !== null && prev?.endedAt !== next.endedAt
    if (ended && open.stoppedPause && next.endedWhilePaused) {
      ops.push(patch(open.stoppedPause.id, { endedBy: 'call-ended' }))
    }
    if (change || next.confirmed || ended) open.stoppedPause = null
    if (open.pause && next.endedAt !== null) {
      ops.push(closePause(open.pause, next.endedAt, 'call-ended'))
      open.pause = null
    } else if (open.pause && recording !== 'Paused' && recording !== 'Unknown') {
      const ender = change && endsPause(change) ? change : null
      const endedBy = pauseEndOf(ender?.source)
      ops.push(closePause(open.pause, ender?.at ?? context.now, endedBy))
      if (endedBy === 'other-party' && !next.confirmed) open.stoppedPause = { id: open.pause.id }
      open.pause = null
    }
    if (!open.pause && recording === 'Paused' && next.endedAt === null) {
      const startMs = next.pausedSince ?? context.now
      const record: PauseRecord = {
        kind: 'pause',
        id: this.newId(startMs),
        time: isoTime(startMs),
        ...call,
        start: isoTime(startMs),
        startExact: next.pausedSince !== null && next.pausedSinceExact,
        end: null,
        durationMs: null,
        endedBy: null,
        reason: null,
      }
      ops.push({ type: 'append', record })
      open.pause = { id: record.id, startMs }
    }

    if (open.unconfirmed.length === 0 && !open.pause && !open.stoppedPause) this.open.delete(key)
    else this.open.set(key, open)
    return ops
  }

  /** Lets go of a call no longer shown (its open records stay as written). */
  forget(ucc: string, correlationId: string): void {
    this.open.delete(ledgerCallKey(ucc, correlationId))
  }

  /** How many calls have something open (for tests and bounds). */
  get openCalls(): number {
    return this.open.size
  }

  private changeRecord(
    call: { ucc: string; correlationId: string },
    action: RecordingAction,
    change: Change,
    confirmed: boolean,
    context: RecordContext,
  ): ChangeRecord {
    return {
      kind: 'change',
      id: this.newId(change.at),
      time: isoTime(change.at),
      ...call,
      action: ACTION_NAMES[action],
      source: change.source,
      requesterSipUri: OUR_SOURCES.has(change.source) ? context.actorSipUri : null,
      confirmedAt: confirmed ? isoTime(change.at) : null,
    }
  }
}

const ACTION_NAMES = Object.fromEntries(
  Object.entries(RecordingAction).map(([name, value]) => [value, name]),
) as Record<RecordingAction, RecordingActionName>

function patch(id: string, fields: Extract<LedgerOp, { type: 'patch' }>['patch']): LedgerOp {
  return { type: 'patch', id, patch: fields }
}

function closePause(
  pause: { id: string; startMs: number },
  endMs: number,
  endedBy: PauseEnd,
): LedgerOp {
  return patch(pause.id, {
    end: isoTime(endMs),
    durationMs: Math.max(0, endMs - pause.startMs),
    endedBy,
  })
}

/** A change that takes the recorder out of Paused (Start resumes, Stop stops). */
function endsPause(change: Change): boolean {
  return change.actions.some(
    (action) => action === RecordingAction.Start || action === RecordingAction.Stop,
  )
}

function pauseEndOf(source: ChangeSource | undefined): PauseEnd {
  return source === 'agent' || source === 'auto-resume' ? source : 'other-party'
}
