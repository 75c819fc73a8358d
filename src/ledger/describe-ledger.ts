import type { RecordingActionName } from '../../protocol/wire.ts'
import { t, type TextKey } from '../i18n/messages.ts'
import { pauseLength } from '../lib/time.ts'
import type { ChangeSource } from '../recording-state/call-entry.ts'
import type { LedgerRecord, PauseRecord } from './ledger-records.ts'

// A call's ledger in words, newest first: what the agent panel lists.

export interface LedgerLine {
  readonly id: string
  readonly kind: LedgerRecord['kind']
  /** The action's name; `Pause` for a pause; `Incident` for an incident. */
  readonly action: string
  /** A change's source; how a pause ended (absent while open); absent for an incident. */
  readonly source: string | undefined
  /** For a change: whether the service confirmed it. */
  readonly confirmed: boolean | undefined
  readonly text: string
  readonly details: readonly string[]
  /** ISO times: when it happened (a pause's start), and a pause's end. */
  readonly time: string
  readonly endTime: string | null
}

const DID: Record<RecordingActionName, TextKey> = {
  Start: 'ledgerDidStart',
  Stop: 'ledgerDidStop',
  Pause: 'ledgerDidPause',
  Save: 'ledgerDidSave',
  Delete: 'ledgerDidDelete',
  Mark: 'ledgerDidMark',
  UnMark: 'ledgerDidUnMark',
}

const BY: Record<ChangeSource, TextKey> = {
  agent: 'ledgerByAgent',
  'auto-resume': 'ledgerByAutoResume',
  supervisor: 'ledgerBySupervisor',
  host: 'ledgerByHost',
  other: 'ledgerByOther',
  read: 'ledgerByRead',
}

/** At one time, a pause's summary comes above the change that began it, an incident above both. */
const RANK: Record<LedgerRecord['kind'], number> = { incident: 0, pause: 1, change: 2 }

export function describeLedger(records: readonly LedgerRecord[]): LedgerLine[] {
  // A Start at the moment a pause ended is a resume.
  const pauseEnds = new Set(records.flatMap((r) => (r.kind === 'pause' && r.end ? [r.end] : [])))
  return [...records]
    .reverse()
    .sort((a, b) => b.time.localeCompare(a.time) || RANK[a.kind] - RANK[b.kind])
    .map((record) => describe(record, pauseEnds))
}

function describe(record: LedgerRecord, pauseEnds: ReadonlySet<string>): LedgerLine {
  const base = { id: record.id, kind: record.kind, time: record.time, endTime: null }
  switch (record.kind) {
    case 'change': {
      const resumed = record.action === 'Start' && pauseEnds.has(record.time)
      return {
        ...base,
        action: record.action,
        source: record.source,
        confirmed: record.confirmedAt !== null,
        text: t(
          'ledgerChange',
          t(resumed ? 'ledgerDidResume' : DID[record.action]),
          t(BY[record.source]),
        ),
        details: record.confirmedAt === null ? [t('ledgerNotConfirmed')] : [],
      }
    }
    case 'pause':
      return {
        ...base,
        action: 'Pause',
        source: record.endedBy ?? undefined,
        confirmed: undefined,
        text: pauseText(record),
        details: record.reason === null ? [] : [t('ledgerPauseReason', record.reason)],
        endTime: record.end,
      }
    case 'incident':
      return {
        ...base,
        action: 'Incident',
        source: undefined,
        confirmed: undefined,
        text: t('ledgerIncident'),
        details: [
          ...(record.requesterSipUri ? [t('ledgerIncidentBy', record.requesterSipUri)] : []),
          ...(record.marked ? [t('ledgerIncidentMarked')] : []),
          t(record.deleted ? 'ledgerIncidentDeleted' : 'ledgerIncidentNotDeleted'),
        ],
      }
  }
}

function pauseText(pause: PauseRecord): string {
  if (pause.endedBy === null || pause.durationMs === null) return t('ledgerPauseOpen')
  const length = pauseLength(pause.durationMs, pause.startExact).text
  switch (pause.endedBy) {
    case 'agent':
      return t('ledgerPauseEndedAgent', length)
    case 'auto-resume':
      return t('ledgerPauseEndedAuto', length)
    case 'other-party':
      return t('ledgerPauseEndedOther', length)
    case 'call-ended':
      return t('ledgerPauseEndedCall', length)
  }
}
