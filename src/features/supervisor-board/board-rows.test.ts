import { expect, test } from 'vitest'
import {
  addOutcome,
  countRows,
  isAlerting,
  pageTitle,
  parseIdList,
  selectRows,
  shortId,
  shortUccName,
  type RowQuery,
} from './board-rows.ts'
import type { RecordingStateName } from '../../api/schemas.ts'
import { newBoardCall, type BoardCall } from './board-call.ts'

const NOW = 1_800_000_000_000
const LIMIT = 120_000

interface Overrides extends Partial<Omit<BoardCall, 'state'>> {
  recording?: RecordingStateName
  marking?: 'None' | 'Mark'
}

function call(
  n: number,
  { recording = 'Started', marking = 'None', ...overrides }: Overrides = {},
): BoardCall {
  const correlationId = `0000000${n}-0000-4000-8000-00000000000${n}`
  const base = newBoardCall('ucc-a', correlationId, NOW - n * 1000)
  return {
    ...base,
    state: { ...base.state, recording, marking, saving: 'None' },
    confirmed: true,
    ...overrides,
  }
}

function paused(n: number, forMs: number, overrides: Overrides = {}): BoardCall {
  return call(n, { recording: 'Paused', pausedSince: NOW - forMs, ...overrides })
}

const QUERY: RowQuery = {
  filter: 'all',
  search: '',
  sort: 'paused-longest',
  now: NOW,
  pauseAlertMs: LIMIT,
}

function ids(rows: BoardCall[]): number[] {
  return rows.map((row) => Number(row.correlationId[7]))
}

test('a call alerts once paused for longer than the limit, not at the limit', () => {
  expect(isAlerting(paused(1, LIMIT), NOW, LIMIT)).toBe(false)
  expect(isAlerting(paused(1, LIMIT + 1), NOW, LIMIT)).toBe(true)
  expect(isAlerting(paused(1, LIMIT + 1, { endedAt: NOW }), NOW, LIMIT)).toBe(false)
  expect(isAlerting(call(1, { pausedSince: NOW - 10 * LIMIT }), NOW, LIMIT)).toBe(false)
  expect(isAlerting(call(1, { recording: 'Paused', pausedSince: null }), NOW, LIMIT)).toBe(false)
})

test('by default paused calls come first, the longest pause on top, then the newest activity', () => {
  const rows = [
    call(1),
    paused(2, 5_000),
    call(3, { lastActivityAt: NOW }),
    paused(4, 60_000),
    paused(5, 5_000, { endedAt: NOW }),
  ]
  expect(ids(selectRows(rows, QUERY))).toEqual([4, 2, 3, 1, 5])
})

test('a pause found already running sorts by its lower bound, before an exact pause of the same start', () => {
  // 3 was found running 60 s ago (at least 60 s); 2 began 30 s ago; 1 and 4 began 60 s ago, exactly.
  const rows = [
    paused(1, 60_000, { pausedSinceExact: true }),
    paused(2, 30_000, { pausedSinceExact: true }),
    paused(3, 60_000, { pausedSinceExact: false }),
    paused(4, 60_000, { pausedSinceExact: true }),
  ]
  expect(ids(selectRows(rows, QUERY))).toEqual([3, 1, 4, 2])
  expect(ids(selectRows(rows, QUERY, 2))).toEqual([3, 1, 4, 2])
  // A lower bound of 10 s does not go above an exact pause of 60 s: it is only known to be 10 s.
  const shorter = [paused(1, 60_000, { pausedSinceExact: true }), paused(2, 10_000)]
  expect(ids(selectRows(shorter, QUERY))).toEqual([1, 2])
})

test('newest activity first ignores pauses', () => {
  const rows = [paused(4, 60_000), call(1), call(3, { lastActivityAt: NOW }), paused(2, 5_000)]
  expect(ids(selectRows(rows, { ...QUERY, sort: 'newest-activity' }))).toEqual([3, 1, 2, 4])
})

test('the filters: paused, paused too long, marked', () => {
  const rows = [
    call(1),
    paused(2, 5_000),
    paused(3, LIMIT + 5_000),
    call(4, { marking: 'Mark' }),
    paused(5, LIMIT * 2, { endedAt: NOW }),
  ]
  expect(ids(selectRows(rows, { ...QUERY, filter: 'paused' }))).toEqual([3, 2])
  expect(ids(selectRows(rows, { ...QUERY, filter: 'alert' }))).toEqual([3])
  expect(ids(selectRows(rows, { ...QUERY, filter: 'marked' }))).toEqual([4])
  expect(ids(selectRows(rows, { ...QUERY, filter: 'all' }))).toHaveLength(5)
})

test('search matches part of the correlation id or of the UCC name, in any casing, never across the two', () => {
  const rows = [
    call(1),
    call(2),
    call(3, { uccName: 'ucc-00000002', key: 'ucc-00000002|00000003-0000-4000-8000-000000000003' }),
  ]
  expect(ids(selectRows(rows, { ...QUERY, search: ' 00000002-0000 ' }))).toEqual([2])
  expect(ids(selectRows(rows, { ...QUERY, search: '00000000001' }))).toEqual([1])
  expect(ids(selectRows(rows, { ...QUERY, search: '4000-8000' }))).toHaveLength(3)
  const upper = call(10, {
    correlationId: 'ABCDEF01-0000-4000-8000-000000000000',
    key: 'ucc-a|abcdef01-0000-4000-8000-000000000000',
  })
  expect(selectRows([upper], { ...QUERY, search: 'cDeF01' })).toEqual([upper])
  expect(ids(selectRows(rows, { ...QUERY, search: 'UCC-0000000' }))).toEqual([3])
  expect(ids(selectRows(rows, { ...QUERY, search: 'ucc' }))).toHaveLength(3)
  expect(selectRows([upper], { ...QUERY, search: 'ucc-a' })).toEqual([upper])
  expect(selectRows([upper], { ...QUERY, search: 'a|abc' })).toEqual([])
})

test('filters and search combine', () => {
  const rows = [paused(1, 1_000), paused(2, 1_000), call(3)]
  expect(ids(selectRows(rows, { ...QUERY, filter: 'paused', search: '00000002' }))).toEqual([2])
})

test('the counts for the filter buttons', () => {
  const rows = [
    call(1),
    paused(2, 5_000, { marking: 'Mark' }),
    paused(3, LIMIT + 1),
    call(4, { marking: 'Mark' }),
  ]
  expect(countRows(rows, NOW, LIMIT)).toEqual({ all: 4, paused: 2, alert: 1, marked: 2 })
})

test('pasted ids: any separator, GUIDs only, once each in any case, as written', () => {
  const a = '1D6C6A58-6739-4F0C-98FF-0968292C8C30'
  const b = '00000000-0000-4000-8000-000000000000'
  expect(parseIdList(`${a}, ${b}\n${a.toLowerCase()};nope\t{${b}}  `)).toEqual({
    ids: [a, b],
    invalid: ['nope', `{${b}}`],
  })
  expect(parseIdList('  \n ')).toEqual({ ids: [], invalid: [] })
})

test('short ids and the page title, which names the latest call paused too long', () => {
  expect(shortId('1d6c6a58-6739-4f0c-98ff-0968292c8c30')).toBe('1d6c6a58')
  expect(pageTitle(0)).toBe('Recording board')
  expect(pageTitle(3)).toBe('(3) paused too long · Recording board')
  expect(pageTitle(3, paused(2, LIMIT + 1))).toBe(
    '(3) paused too long — 00000002 in ucc-a · Recording board',
  )
})

test('UCC names in the event log keep their start and end, so that names sharing a beginning differ', () => {
  expect(shortUccName('ucc-sales')).toBe('ucc-sales')
  expect(shortUccName('x'.repeat(30))).toBe('x'.repeat(30))
  const a = shortUccName('contact-center-north-east-sales-team-a')
  const b = shortUccName('contact-center-north-east-sales-team-b')
  expect(a).toHaveLength(30)
  expect(a).not.toBe(b)
  expect(a).toBe('contact-center-…t-sales-team-a')
  expect(shortUccName('abcdefghij', 5)).toBe('ab…ij')
})

test('what became of added ids: on the board, being looked up, or known nowhere', () => {
  const onBoard = call(1)
  const lookups = [
    { correlationId: call(2).correlationId.toUpperCase(), status: 'checking' },
    { correlationId: call(3).correlationId, status: 'not-found' },
  ]
  const batch = [1, 2, 3, 4].map((n) => call(n).correlationId.toUpperCase())
  expect(addOutcome(batch, [onBoard], lookups)).toEqual({ found: 1, checking: 1, notFound: 2 })
  expect(addOutcome([], [onBoard], lookups)).toEqual({ found: 0, checking: 0, notFound: 0 })
})

test('a board beyond the packed sort size sorts the same way', () => {
  // The comparison sort takes over above the packed limit (2^17 rows); a limit of 8 exercises it
  // on a small board, in both orders, against the packed sort of the same rows.
  const many = Array.from({ length: 20 }, (_, i) =>
    call(1, { key: `k${i}`, lastActivityAt: NOW - 10_000 - i }),
  )
  many.push(paused(2, 5_000), paused(3, 60_000), call(4, { lastActivityAt: NOW }))
  for (const sort of ['paused-longest', 'newest-activity'] as const) {
    const packed = selectRows(many, { ...QUERY, sort })
    const compared = selectRows(many, { ...QUERY, sort }, 8)
    expect(compared).toEqual(packed)
  }
  expect(ids(selectRows(many, QUERY, 8).slice(0, 4))).toEqual([3, 2, 4, 1])
  expect(ids(selectRows(many, { ...QUERY, sort: 'newest-activity' }, 8).slice(0, 2))).toEqual([
    4, 2,
  ])
})
