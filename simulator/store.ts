import { MarkingState, RecordingState, SavingState } from '../protocol/wire.ts'
import type { RecordingAction } from '../protocol/wire.ts'
import type { Clock } from './clock.ts'
import { defaultData } from './default-data.ts'
import type { RecorderState } from './transitions.ts'

export const AuditSource = { Rest: 'rest', Control: 'control', Scenario: 'scenario' } as const
export type AuditSource = (typeof AuditSource)[keyof typeof AuditSource]

export interface Ucc {
  name: string
  agentCanEditRecordings: boolean
  agents: string[]
}

export interface Call extends RecorderState {
  uccName: string
  correlationId: string
  /** ISO time the recorder entered Paused; null while not paused. */
  pausedSince: string | null
  startedAt: string
  updatedAt: string
}

/** One change: a recorder action, a silent change, or a call starting or ending. */
export interface Change extends RecorderState {
  time: string
  uccName: string
  correlationId: string
  action: string
  stateAction: RecordingAction | null
  requester: string
  source: AuditSource
  /** Whether a RecordingStateChangedEvent goes out for it. */
  event: boolean
}

/** A change of a call's states (recorder actions and silent changes; not a call starting or ending). */
export interface AuditEntry extends Change {
  id: number
}

export interface ChangeNote {
  action: string
  stateAction: RecordingAction | null
  requester: string
  source: AuditSource
  event: boolean
}

export interface NewCall extends Partial<RecorderState> {
  uccName: string
  correlationId: string
}

export interface AuditFilter {
  correlationId?: string
  uccName?: string
  afterId?: number
}

export type ChangeListener = (change: Change) => void

export interface Store {
  reset(): void
  uccs(): Ucc[]
  findUcc(name: string): Ucc | undefined
  addUcc(ucc: Ucc): Ucc
  updateUcc(name: string, patch: { agentCanEditRecordings?: boolean }): Ucc | undefined
  removeUcc(name: string, note: ChangeNote): boolean
  addAgent(uccName: string, sipUri: string): Ucc | undefined
  removeAgent(uccName: string, sipUri: string): Ucc | undefined
  isAgent(uccName: string, sipUri: string): boolean
  calls(uccName?: string): Call[]
  findCall(uccName: string, correlationId: string): Call | undefined
  addCall(call: NewCall, note: ChangeNote): Call | undefined
  changeCall(
    uccName: string,
    correlationId: string,
    state: Partial<RecorderState>,
    note: ChangeNote,
  ): Call | undefined
  endCall(uccName: string, correlationId: string, note: ChangeNote): Call | undefined
  audit(filter?: AuditFilter): AuditEntry[]
  clearAudit(): void
  onChange(listener: ChangeListener): () => void
}

interface UccRecord extends Ucc {
  calls: Map<string, Call>
}

/** The audit log keeps the newest this many entries; older ones are dropped (a long load run stays bounded). */
export const AUDIT_LIMIT = 10_000

const key = (name: string) => name.toLowerCase()

/** SIP URIs compare case-insensitively, with or without the `sip:` scheme. */
export function sameSipUri(a: string, b: string): boolean {
  const bare = (uri: string) => uri.trim().toLowerCase().replace(/^sip:/, '')
  return bare(a) === bare(b)
}

function copyUcc(record: UccRecord): Ucc {
  return {
    name: record.name,
    agentCanEditRecordings: record.agentCanEditRecordings,
    agents: [...record.agents],
  }
}

export function createStore(clock: Clock): Store {
  const uccs = new Map<string, UccRecord>()
  // The newest AUDIT_LIMIT entries are auditLog[auditStart..]; the dropped head is cut off once it is
  // AUDIT_LIMIT long, so appending stays O(1) amortised (no copy of the whole log per change).
  let auditLog: AuditEntry[] = []
  let auditStart = 0
  let nextAuditId = 1
  const listeners = new Set<ChangeListener>()
  const isoNow = () => new Date(clock.now()).toISOString()

  function report(call: Call, note: ChangeNote, audited: boolean): void {
    const change: Change = {
      time: isoNow(),
      uccName: call.uccName,
      correlationId: call.correlationId,
      action: note.action,
      stateAction: note.stateAction,
      requester: note.requester,
      source: note.source,
      recordingState: call.recordingState,
      markingState: call.markingState,
      savingState: call.savingState,
      event: note.event,
    }
    if (audited) appendAudit({ id: nextAuditId++, ...change })
    for (const listener of listeners) listener(change)
  }

  function appendAudit(entry: AuditEntry): void {
    auditLog.push(entry)
    if (auditLog.length - auditStart > AUDIT_LIMIT) auditStart += 1
    if (auditStart >= AUDIT_LIMIT) {
      auditLog = auditLog.slice(auditStart)
      auditStart = 0
    }
  }

  function clearAuditLog(): void {
    auditLog = []
    auditStart = 0
  }

  function createCall(record: UccRecord, input: NewCall): Call {
    const time = isoNow()
    const recordingState = input.recordingState ?? RecordingState.Uninitialized
    const call: Call = {
      uccName: record.name,
      correlationId: input.correlationId,
      recordingState,
      markingState: input.markingState ?? MarkingState.None,
      savingState: input.savingState ?? SavingState.None,
      pausedSince: recordingState === RecordingState.Paused ? time : null,
      startedAt: time,
      updatedAt: time,
    }
    record.calls.set(key(call.correlationId), call)
    return call
  }

  function seed(): void {
    for (const ucc of defaultData) {
      const record: UccRecord = { ...ucc, agents: [...ucc.agents], calls: new Map() }
      uccs.set(key(ucc.name), record)
      for (const call of ucc.calls) createCall(record, { ...call, uccName: ucc.name })
    }
  }

  function findRecord(
    uccName: string,
    correlationId: string,
  ): { record: UccRecord; call: Call } | undefined {
    const record = uccs.get(key(uccName))
    const call = record?.calls.get(key(correlationId))
    return record && call ? { record, call } : undefined
  }

  seed()

  return {
    reset() {
      uccs.clear()
      clearAuditLog()
      seed()
    },
    uccs: () => [...uccs.values()].map(copyUcc),
    findUcc(name) {
      const record = uccs.get(key(name))
      return record && copyUcc(record)
    },
    addUcc(ucc) {
      const record: UccRecord = { ...ucc, agents: [...ucc.agents], calls: new Map() }
      uccs.set(key(ucc.name), record)
      return copyUcc(record)
    },
    updateUcc(name, patch) {
      const record = uccs.get(key(name))
      if (!record) return undefined
      if (patch.agentCanEditRecordings !== undefined)
        record.agentCanEditRecordings = patch.agentCanEditRecordings
      return copyUcc(record)
    },
    removeUcc(name, note) {
      const record = uccs.get(key(name))
      if (!record) return false
      uccs.delete(key(name))
      for (const call of record.calls.values()) report(call, note, false)
      return true
    },
    addAgent(uccName, sipUri) {
      const record = uccs.get(key(uccName))
      if (!record) return undefined
      if (!record.agents.some((agent) => sameSipUri(agent, sipUri))) record.agents.push(sipUri)
      return copyUcc(record)
    },
    removeAgent(uccName, sipUri) {
      const record = uccs.get(key(uccName))
      if (!record) return undefined
      record.agents = record.agents.filter((agent) => !sameSipUri(agent, sipUri))
      return copyUcc(record)
    },
    isAgent(uccName, sipUri) {
      return uccs.get(key(uccName))?.agents.some((agent) => sameSipUri(agent, sipUri)) ?? false
    },
    calls(uccName) {
      const records = uccName === undefined ? [...uccs.values()] : [uccs.get(key(uccName))]
      return records.flatMap((record) =>
        record ? [...record.calls.values()].map((call) => ({ ...call })) : [],
      )
    },
    findCall(uccName, correlationId) {
      const found = findRecord(uccName, correlationId)
      return found && { ...found.call }
    },
    addCall(input, note) {
      const record = uccs.get(key(input.uccName))
      if (!record) return undefined
      const call = createCall(record, input)
      report(call, note, false)
      return { ...call }
    },
    changeCall(uccName, correlationId, state, note) {
      const found = findRecord(uccName, correlationId)
      if (!found) return undefined
      const { call } = found
      const wasPaused = call.recordingState === RecordingState.Paused
      for (const [name, value] of Object.entries(state)) {
        if (value !== undefined) call[name as keyof RecorderState] = value
      }
      call.updatedAt = isoNow()
      const isPaused = call.recordingState === RecordingState.Paused
      if (isPaused && !wasPaused) call.pausedSince = call.updatedAt
      if (!isPaused) call.pausedSince = null
      report(call, note, true)
      return { ...call }
    },
    endCall(uccName, correlationId, note) {
      const found = findRecord(uccName, correlationId)
      if (!found) return undefined
      found.record.calls.delete(key(correlationId))
      report(found.call, note, false)
      return { ...found.call }
    },
    audit(filter = {}) {
      const kept = auditStart === 0 ? auditLog : auditLog.slice(auditStart)
      return kept.filter(
        (entry) =>
          (filter.correlationId === undefined ||
            key(entry.correlationId) === key(filter.correlationId)) &&
          (filter.uccName === undefined || key(entry.uccName) === key(filter.uccName)) &&
          (filter.afterId === undefined || entry.id > filter.afterId),
      )
    },
    clearAudit: clearAuditLog,
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
