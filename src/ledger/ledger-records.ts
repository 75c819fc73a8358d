import type { RecordingActionName } from '../../protocol/wire.ts'
import type { ChangeSource } from '../recording-state/call-entry.ts'

// What the pause ledger keeps (docs/decisions/0010-ledger-storage.md): for each call, every change
// of its recorder the panel made or saw, every pause with how long it lasted and how it ended, and
// every "card data may be in the recording" incident. Times are ISO 8601 in UTC with milliseconds
// (`2026-11-23T10:03:12.345Z`), so that they sort as text and read the same in every export.

/** Every record has an id (unique across tabs), a time, and the call it concerns. */
interface RecordBase {
  readonly id: string
  /** When it happened: a change as the panel learnt of it, a pause's start, an incident's report. */
  readonly time: string
  /** The contact center (UCC) as the service or the address spells it. */
  readonly ucc: string
  readonly correlationId: string
}

/** One action of the recorder (Start, Stop, Pause, Save, Delete, Mark, UnMark) and who took it. */
export interface ChangeRecord extends RecordBase {
  readonly kind: 'change'
  /** The service's action name. Resuming is Start. */
  readonly action: RecordingActionName
  /**
   * `agent`: this panel's own action; `auto-resume`: the pause guard's resume; `supervisor`: from
   * the board; `host`: from a host page that embeds the panel; `other`: an event the panel did
   * not cause; `read`: a change a read found with no event.
   */
  readonly source: ChangeSource
  /** The panel's own actor for agent, auto-resume, supervisor and host; null for other and read. */
  readonly requesterSipUri: string | null
  /** When the service confirmed it (a fresh read or a trusted answer); null until then. */
  readonly confirmedAt: string | null
}

/** `other-party`: another party, a supervisor, a host page, or a change found by a read. */
export type PauseEnd = 'agent' | 'auto-resume' | 'other-party' | 'call-ended'

/** One pause of the recorder, from when it began to when it ended. */
export interface PauseRecord extends RecordBase {
  readonly kind: 'pause'
  /** When it began; the same as `time`. */
  readonly start: string
  /** False when the pause was found already running: `start` is then only a lower bound. */
  readonly startExact: boolean
  /** Null while the pause runs, or when its end was never seen (the panel closed meanwhile). */
  readonly end: string | null
  readonly durationMs: number | null
  readonly endedBy: PauseEnd | null
  /** Why the agent paused, when a reason chip was chosen; null otherwise. */
  readonly reason: string | null
}

/** "Card data may be in the recording": reported, and kept whether or not the recording is deleted. */
export interface IncidentRecord extends RecordBase {
  readonly kind: 'incident'
  readonly requesterSipUri: string | null
  /** The recording was marked when the incident was reported (or later). */
  readonly marked: boolean
  /** The recording was deleted afterwards. */
  readonly deleted: boolean
}

export type LedgerRecord = ChangeRecord | PauseRecord | IncidentRecord
export type LedgerRecordKind = LedgerRecord['kind']

/** What may change in a record after it was written (fields a record does not have are ignored). */
export type LedgerPatch = Partial<
  Pick<ChangeRecord, 'confirmedAt'> &
    Pick<PauseRecord, 'end' | 'durationMs' | 'endedBy' | 'reason'> &
    Pick<IncidentRecord, 'marked' | 'deleted'>
>

export type IncidentPatch = Partial<Pick<IncidentRecord, 'marked' | 'deleted'>>

/** A write to the ledger: the recorder's output, queued and written in batches by the store. */
export type LedgerOp =
  | { readonly type: 'append'; readonly record: LedgerRecord }
  | { readonly type: 'patch'; readonly id: string; readonly patch: LedgerPatch }
  /** Sets the reason of the call's latest pause, as the ledger holds it when the op is written. */
  | {
      readonly type: 'pause-reason'
      readonly ucc: string
      readonly correlationId: string
      readonly reason: string | null
    }

/** A call's key in the ledger: UCC and correlation id, lowercased (neither is case-sensitive). */
export function ledgerCallKey(ucc: string, correlationId: string): string {
  return `${ucc.toLowerCase()}|${correlationId.toLowerCase()}`
}

export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}

let sequence = 0

/**
 * A record id: the time, a count in this tab (records of one moment keep the order they were
 * made in: the ledger sorts by time, then id), then 64 random bits, so that no two tabs pick the
 * same one.
 */
export function newRecordId(now: number = Date.now()): string {
  const random = crypto.getRandomValues(new Uint32Array(2))
  const count = (sequence++ % 36 ** 4).toString(36).padStart(4, '0')
  return `${now.toString(36)}-${count}-${Array.from(random, (n) => n.toString(36).padStart(7, '0')).join('')}`
}
