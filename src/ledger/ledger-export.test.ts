import { expect, test } from 'vitest'
import type { ChangeRecord, IncidentRecord, PauseRecord } from './ledger-records.ts'
import { CSV_COLUMNS, exportFile, exportFileName, toCsv, toJson } from './ledger-export.ts'

const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

const change: ChangeRecord = {
  kind: 'change',
  id: 'c1',
  time: '2026-11-23T10:00:01.000Z',
  ucc: UCC,
  correlationId: ID,
  action: 'Pause',
  source: 'agent',
  requesterSipUri: 'sip:agent@example.com',
  confirmedAt: '2026-11-23T10:00:01.200Z',
}
const pause: PauseRecord = {
  kind: 'pause',
  id: 'p1',
  time: '2026-11-23T10:00:01.000Z',
  ucc: UCC,
  correlationId: ID,
  start: '2026-11-23T10:00:01.000Z',
  startExact: false,
  end: '2026-11-23T10:03:01.250Z',
  durationMs: 180_250,
  endedBy: 'auto-resume',
  reason: 'Card payment',
}
const incident: IncidentRecord = {
  kind: 'incident',
  id: 'i1',
  time: '2026-11-23T10:05:00.000Z',
  ucc: UCC,
  correlationId: ID,
  requesterSipUri: 'sip:agent@example.com',
  marked: true,
  deleted: false,
}

/** The CSV's rows as cells (a plain split: these fixtures quote no comma). */
function rows(csv: string): string[][] {
  return csv
    .slice(1)
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(','))
}

test('CSV: a byte order mark, one header row of the documented columns, CRLF line ends', () => {
  const csv = toCsv([change])
  expect(csv.charCodeAt(0)).toBe(0xfeff)
  expect(csv.slice(1).split('\r\n')[0]).toBe(
    'record_type,record_id,time,ucc,correlation_id,action,source,requester_sip_uri,confirmed_at,pause_start,pause_start_exact,pause_end,pause_duration_seconds,pause_ended_by,pause_reason,incident_marked,incident_deleted',
  )
  expect(csv.endsWith('\r\n')).toBe(true)
  expect(csv.replaceAll('\r\n', '')).not.toContain('\n')
  expect(toCsv([])).toBe(`\uFEFF${CSV_COLUMNS.join(',')}\r\n`)
})

test('CSV: each kind of record fills its own columns, the others stay empty', () => {
  const [, ...body] = rows(toCsv([change, pause, incident]))
  const byColumn = body.map((cells) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, cells[i]])))
  expect(byColumn[0]).toEqual({
    record_type: 'change',
    record_id: 'c1',
    time: '2026-11-23T10:00:01.000Z',
    ucc: UCC,
    correlation_id: ID,
    action: 'Pause',
    source: 'agent',
    requester_sip_uri: 'sip:agent@example.com',
    confirmed_at: '2026-11-23T10:00:01.200Z',
    pause_start: '',
    pause_start_exact: '',
    pause_end: '',
    pause_duration_seconds: '',
    pause_ended_by: '',
    pause_reason: '',
    incident_marked: '',
    incident_deleted: '',
  })
  expect(byColumn[1]).toMatchObject({
    record_type: 'pause',
    action: '',
    source: '',
    pause_start: '2026-11-23T10:00:01.000Z',
    pause_start_exact: 'false',
    pause_end: '2026-11-23T10:03:01.250Z',
    pause_duration_seconds: '180.25',
    pause_ended_by: 'auto-resume',
    pause_reason: 'Card payment',
    incident_marked: '',
  })
  expect(byColumn[2]).toMatchObject({
    record_type: 'incident',
    requester_sip_uri: 'sip:agent@example.com',
    incident_marked: 'true',
    incident_deleted: 'false',
    pause_duration_seconds: '',
  })
})

test('CSV: a running pause and an unconfirmed change leave their cells empty', () => {
  const running = { ...pause, end: null, durationMs: null, endedBy: null, reason: null }
  const unconfirmed = {
    ...change,
    source: 'other' as const,
    requesterSipUri: null,
    confirmedAt: null,
  }
  const [, first, second] = rows(toCsv([running, unconfirmed]))
  expect(first?.slice(11, 15)).toEqual(['', '', '', ''])
  expect(second?.slice(7, 9)).toEqual(['', ''])
})

test.each([
  ['a comma', 'Card, then address', '"Card, then address"'],
  ['a double quote', 'the "card" step', '"the ""card"" step"'],
  ['a line feed', 'line one\nline two', '"line one\nline two"'],
  ['a carriage return inside', 'a\rb', '"a\rb"'],
  ['nothing special', 'Card payment', 'Card payment'],
])('CSV quoting (RFC 4180): a cell with %s', (_name, reason, cell) => {
  const csv = toCsv([{ ...pause, reason }])
  expect(csv).toContain(`,auto-resume,${cell},,\r\n`)
})

test.each([
  ['=', '=HYPERLINK("http://evil.example","x")', `"'=HYPERLINK(""http://evil.example"",""x"")"`],
  ['+', '+1+1', `"'+1+1"`],
  ['-', '-2+3', `"'-2+3"`],
  ['@', '@SUM(A1)', `"'@SUM(A1)"`],
  ['tab', '\t=1', `"'\t=1"`],
  ['CR', '\r=1', `"'\r=1"`],
  ['- (a negative number in a text column)', '-5', `"'-5"`],
])('CSV: a text cell starting with %s is neutralised and quoted', (_name, reason, cell) => {
  expect(toCsv([{ ...pause, reason }])).toContain(`,auto-resume,${cell},,\r\n`)
})

test('CSV: every text column is neutralised, not only the reason', () => {
  const hostile = { ...change, ucc: '=cmd', correlationId: '+id', requesterSipUri: '@me' }
  const [, cells] = rows(toCsv([hostile]))
  expect(cells?.slice(3, 5)).toEqual([`"'=cmd"`, `"'+id"`])
  expect(cells?.[7]).toBe(`"'@me"`)
})

test('CSV: numbers and booleans the ledger computed are written plain', () => {
  const [, cells] = rows(toCsv([{ ...pause, durationMs: 5, startExact: true }]))
  expect(cells?.[10]).toBe('true')
  expect(cells?.[12]).toBe('0.005')
  const [, zero] = rows(toCsv([{ ...pause, durationMs: 0 }]))
  expect(zero?.[12]).toBe('0')
})

test('JSON: the documented envelope, with the records as kept', () => {
  const json = toJson([change, pause, incident], {
    exportedAt: Date.UTC(2026, 10, 23, 12, 0, 0),
    from: Date.UTC(2026, 10, 22, 12, 0, 0),
    to: Date.UTC(2026, 10, 23, 12, 0, 0),
    scope: { kind: 'range' },
  })
  expect(JSON.parse(json)).toEqual({
    format: 'recording-panel-ledger',
    version: 1,
    exportedAt: '2026-11-23T12:00:00.000Z',
    scope: { kind: 'range' },
    from: '2026-11-22T12:00:00.000Z',
    to: '2026-11-23T12:00:00.000Z',
    count: 3,
    records: [change, pause, incident],
  })
  expect(Object.keys(JSON.parse(json) as object)).toEqual([
    'format',
    'version',
    'exportedAt',
    'scope',
    'from',
    'to',
    'count',
    'records',
  ])
})

test('JSON: a call export names its call; no range is null', () => {
  const scope = { kind: 'call' as const, ucc: UCC, correlationId: ID }
  expect(JSON.parse(toJson([], { exportedAt: 0, scope }))).toMatchObject({
    scope,
    from: null,
    to: null,
    count: 0,
    records: [],
  })
})

test('file names: per call, or for a range, with local dates and nothing a file system minds', () => {
  const exportedAt = new Date(2026, 10, 23, 12, 0).getTime()
  const scope = { kind: 'call' as const, ucc: 'Sales & Support', correlationId: ID }
  expect(exportFileName({ exportedAt, scope }, 'csv')).toBe(
    `recording-ledger-Sales-Support-${ID}-2026-11-23.csv`,
  )
  const range = { exportedAt, from: new Date(2026, 10, 22, 12).getTime(), to: exportedAt }
  expect(exportFileName({ ...range, scope: { kind: 'range' } }, 'json')).toBe(
    'recording-ledger-2026-11-22-to-2026-11-23.json',
  )
  expect(exportFileName({ exportedAt, scope: { ...scope, ucc: '../x/..' } }, 'csv')).toMatch(
    /^recording-ledger-\.\.-x-\.\.-[\w-]+\.csv$/,
  )
})

test('a file: its name, type and text', () => {
  const meta = { exportedAt: 0, scope: { kind: 'range' as const } }
  expect(exportFile([change], meta, 'csv')).toMatchObject({
    type: 'text/csv;charset=utf-8',
    text: toCsv([change]),
  })
  expect(exportFile([change], meta, 'json')).toMatchObject({
    type: 'application/json;charset=utf-8',
    text: toJson([change], meta),
  })
})
