import type { LedgerRecord } from './ledger-records.ts'

// The ledger as files an auditor can open: CSV for a spreadsheet, JSON for a program.
//
// CSV: UTF-8 with a byte order mark (so spreadsheets read it as UTF-8), one header row, CRLF line
// ends, RFC 4180 quoting (a cell with a comma, a double quote, CR or LF is quoted, its quotes
// doubled). A text cell a spreadsheet would run as a formula (starting with =, +, -, @, tab or
// CR) is neutralised as OWASP recommends: a single quote in front, and quoted. Numbers and
// booleans the ledger itself computed are written plain. One row per record; cells that do not
// apply to a record's kind are empty. The columns, in order:
//
//   record_type            change | pause | incident
//   record_id              unique across tabs and browsers
//   time                   ISO 8601 UTC with milliseconds: a change as the panel learnt of it,
//                          a pause's start, an incident's report
//   ucc, correlation_id    the call
//   action                 change: the service's action (Start, Stop, Pause, Save, Delete, Mark, UnMark)
//   source                 change: agent | auto-resume | supervisor | host | other | read
//   requester_sip_uri      change and incident: the panel's own actor; empty for other and read
//   confirmed_at           change: when the service confirmed it; empty if it never did
//   pause_start            pause: ISO 8601
//   pause_start_exact      pause: false when found already running (the start is a lower bound)
//   pause_end              pause: empty while running, or when its end was never seen
//   pause_duration_seconds pause: with milliseconds (180.25)
//   pause_ended_by         pause: agent | auto-resume | other-party | call-ended
//   pause_reason           pause: the chosen reason, if any
//   incident_marked        incident: the recording was marked
//   incident_deleted       incident: the recording was deleted afterwards
//
// JSON: { "format": "recording-panel-ledger", "version": 1, "exportedAt", "scope", "from", "to",
// "count", "records" }, where scope is { "kind": "call", "ucc", "correlationId" } or
// { "kind": "range" }, from/to are ISO 8601 or null, and records are the records as the ledger
// keeps them (src/ledger/ledger-records.ts), oldest first.

export const CSV_COLUMNS = [
  'record_type',
  'record_id',
  'time',
  'ucc',
  'correlation_id',
  'action',
  'source',
  'requester_sip_uri',
  'confirmed_at',
  'pause_start',
  'pause_start_exact',
  'pause_end',
  'pause_duration_seconds',
  'pause_ended_by',
  'pause_reason',
  'incident_marked',
  'incident_deleted',
] as const
type Column = (typeof CSV_COLUMNS)[number]

/** A cell: text (neutralised when needed), or a value the ledger computed (written plain). */
type Cell = string | number | boolean | null

const BOM = '\uFEFF'

export function toCsv(records: readonly LedgerRecord[]): string {
  const lines = [CSV_COLUMNS.join(',')]
  for (const record of records) {
    const row = rowOf(record)
    lines.push(CSV_COLUMNS.map((column) => csvCell(row[column] ?? null)).join(','))
  }
  return `${BOM}${lines.join('\r\n')}\r\n`
}

function rowOf(record: LedgerRecord): Partial<Record<Column, Cell>> {
  const common = {
    record_type: record.kind,
    record_id: record.id,
    time: record.time,
    ucc: record.ucc,
    correlation_id: record.correlationId,
  }
  switch (record.kind) {
    case 'change':
      return {
        ...common,
        action: record.action,
        source: record.source,
        requester_sip_uri: record.requesterSipUri,
        confirmed_at: record.confirmedAt,
      }
    case 'pause':
      return {
        ...common,
        pause_start: record.start,
        pause_start_exact: record.startExact,
        pause_end: record.end,
        pause_duration_seconds: record.durationMs === null ? null : record.durationMs / 1000,
        pause_ended_by: record.endedBy,
        pause_reason: record.reason,
      }
    case 'incident':
      return {
        ...common,
        requester_sip_uri: record.requesterSipUri,
        incident_marked: record.marked,
        incident_deleted: record.deleted,
      }
  }
}

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/

function csvCell(value: Cell): string {
  if (value === null) return ''
  if (typeof value !== 'string') return String(value)
  if (FORMULA_START.test(value)) return quoted(`'${value}`)
  return /[",\r\n]/.test(value) ? quoted(value) : value
}

function quoted(value: string): string {
  return `"${value.replaceAll('"', '""')}"`
}

export type ExportScope =
  | { readonly kind: 'call'; readonly ucc: string; readonly correlationId: string }
  | { readonly kind: 'range' }

export interface ExportMeta {
  readonly exportedAt: number
  readonly from?: number
  readonly to?: number
  readonly scope: ExportScope
}

export const JSON_FORMAT = 'recording-panel-ledger'

export function toJson(records: readonly LedgerRecord[], meta: ExportMeta): string {
  const iso = (ms: number | undefined) => (ms === undefined ? null : new Date(ms).toISOString())
  const document = {
    format: JSON_FORMAT,
    version: 1,
    exportedAt: iso(meta.exportedAt),
    scope: meta.scope,
    from: iso(meta.from),
    to: iso(meta.to),
    count: records.length,
    records,
  }
  return `${JSON.stringify(document, null, 2)}\n`
}

export type ExportFormat = 'csv' | 'json'

/** `recording-ledger-<ucc>-<id>-<date>.csv`, or `recording-ledger-<from>-to-<to>.json` (local dates). */
export function exportFileName(meta: ExportMeta, format: ExportFormat): string {
  const parts =
    meta.scope.kind === 'call'
      ? [meta.scope.ucc, meta.scope.correlationId, localDate(meta.exportedAt)]
      : [localDate(meta.from ?? meta.exportedAt), 'to', localDate(meta.to ?? meta.exportedAt)]
  const name = ['recording-ledger', ...parts].join('-').replace(/[^\w.-]+/g, '-')
  return `${name}.${format}`
}

function localDate(ms: number): string {
  const date = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}

/** The file's text and type, ready for a download. */
export function exportFile(
  records: readonly LedgerRecord[],
  meta: ExportMeta,
  format: ExportFormat,
): { name: string; type: string; text: string } {
  return format === 'csv'
    ? { name: exportFileName(meta, format), type: 'text/csv;charset=utf-8', text: toCsv(records) }
    : {
        name: exportFileName(meta, format),
        type: 'application/json;charset=utf-8',
        text: toJson(records, meta),
      }
}
