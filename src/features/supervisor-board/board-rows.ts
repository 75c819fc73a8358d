import { t } from '../../i18n/messages.ts'
import { isCorrelationId } from '../../lib/call-address.ts'
import type { BoardCall } from './board-call.ts'

export const FILTERS = ['all', 'paused', 'alert', 'marked'] as const
export type BoardFilter = (typeof FILTERS)[number]

export const SORTS = ['paused-longest', 'newest-activity'] as const
export type BoardSort = (typeof SORTS)[number]

export interface RowQuery {
  filter: BoardFilter
  search: string
  sort: BoardSort
  /** Date.now() of the clock tick; only the alert filter depends on it. */
  now: number
  pauseAlertMs: number
}

/** Paused for longer than the limit, by what the board knows (an ended call never alerts). */
export function isAlerting(call: BoardCall, now: number, pauseAlertMs: number): boolean {
  return (
    call.endedAt === null &&
    call.state.recording === 'Paused' &&
    call.pausedSince !== null &&
    now - call.pausedSince > pauseAlertMs
  )
}

export function isPaused(call: BoardCall): boolean {
  return call.endedAt === null && call.state.recording === 'Paused'
}

export function matchesFilter(
  call: BoardCall,
  filter: BoardFilter,
  now: number,
  pauseAlertMs: number,
): boolean {
  switch (filter) {
    case 'all':
      return true
    case 'paused':
      return isPaused(call)
    case 'alert':
      return isAlerting(call, now, pauseAlertMs)
    case 'marked':
      return call.state.marking === 'Mark'
  }
}

/**
 * The rows to show, filtered, searched and sorted: one pass and one sort over the snapshot. The
 * board calls it at most once per snapshot (once per frame) and on the clock tick only for the
 * alert filter, never per event.
 *
 * Longest paused first: paused calls by the start of their pause (for a pause found already
 * running, the start the board knows: its length is at least that long), a pause known only as a
 * lower bound before an exact one of the same start (it may be longer); then the others by their
 * last activity, newest first. Newest activity: all by last activity. Other ties keep the
 * snapshot's order. Search: a part of the id or of the UCC name, in any case.
 * Each row's place is packed into one number (group, time, index) so that a native numeric sort
 * does the work: sorting 5,000 rows every frame costs well under a millisecond.
 */
export function selectRows(
  calls: readonly BoardCall[],
  query: RowQuery,
  /** Rows a packed sort key may index; above it, a comparison sort (a parameter for its test). */
  packedLimit = MAX_PACKED_ROWS,
): BoardCall[] {
  const needle = normaliseSearch(query.search)
  const picked: BoardCall[] = []
  let oldest = Infinity
  let newest = -Infinity
  for (const call of calls) {
    if (!matchesFilter(call, query.filter, query.now, query.pauseAlertMs)) continue
    if (needle && !matchesSearch(call, needle)) continue
    picked.push(call)
    if (call.pausedSince !== null && call.pausedSince < oldest) oldest = call.pausedSince
    if (call.lastActivityAt > newest) newest = call.lastActivityAt
  }
  const n = picked.length
  if (n > packedLimit) return picked.sort((a, b) => compareRows(a, b, query.sort))
  const packed = new Float64Array(n)
  for (let i = 0; i < n; i += 1) {
    const call = picked[i]!
    const paused = query.sort === 'paused-longest' && isPaused(call) && call.pausedSince !== null
    const group = paused ? 0 : 1
    const time = Math.min(
      TIME_SPAN - 1,
      paused ? call.pausedSince! - oldest : newest - call.lastActivityAt,
    )
    // Of two pauses with the same start, the lower bound first.
    const exact = paused && call.pausedSinceExact ? 1 : 0
    packed[i] = ((group * TIME_SPAN + time) * 2 + exact) * MAX_PACKED_ROWS + i
  }
  packed.sort()
  const rows = new Array<BoardCall>(n)
  for (let i = 0; i < n; i += 1) rows[i] = picked[packed[i]! % MAX_PACKED_ROWS]!
  return rows
}

/** Rows a packed sort key can index (2^17); above it, a plain comparison sort. Keys stay below 2^49. */
const MAX_PACKED_ROWS = 2 ** 17
/** Time differences a packed key holds, in ms (2^30 ms is 12 days); longer ones tie at the end. */
const TIME_SPAN = 2 ** 30

/** The same order as the packed sort, for boards beyond its size. */
function compareRows(a: BoardCall, b: BoardCall, sort: BoardSort): number {
  if (sort === 'paused-longest') {
    const aPaused = isPaused(a) && a.pausedSince !== null
    const bPaused = isPaused(b) && b.pausedSince !== null
    if (aPaused !== bPaused) return aPaused ? -1 : 1
    if (aPaused)
      return (
        a.pausedSince! - b.pausedSince! || Number(a.pausedSinceExact) - Number(b.pausedSinceExact)
      )
  }
  return b.lastActivityAt - a.lastActivityAt
}

export interface FilterCounts {
  all: number
  paused: number
  alert: number
  marked: number
}

export function countRows(
  calls: readonly BoardCall[],
  now: number,
  pauseAlertMs: number,
): FilterCounts {
  const counts: FilterCounts = { all: calls.length, paused: 0, alert: 0, marked: 0 }
  for (const call of calls) {
    if (isPaused(call)) counts.paused += 1
    if (isAlerting(call, now, pauseAlertMs)) counts.alert += 1
    if (call.state.marking === 'Mark') counts.marked += 1
  }
  return counts
}

function normaliseSearch(search: string): string {
  return search.trim().toLowerCase()
}

/** The key is `ucc|correlationid`, lowercased: a part of either (never across the two). */
function matchesSearch(call: BoardCall, needle: string): boolean {
  const bar = call.key.lastIndexOf('|')
  const found = call.key.indexOf(needle)
  if (found === -1) return false
  if (found + needle.length <= bar || found > bar) return true
  // The first match crossed the separator: look in each part on its own.
  return call.key.slice(0, bar).includes(needle) || call.key.includes(needle, bar + 1)
}

/** The characters of a UCC name the log's narrowest width shows (monospace, 15 rem). */
export const UCC_CHARS = 30

/**
 * A UCC name short enough for its line, told apart from its neighbours: names often share a
 * beginning (ucc-sales, ucc-support), so a long one keeps its start and its end.
 */
export function shortUccName(name: string, max = UCC_CHARS): string {
  if (name.length <= max) return name
  const head = Math.ceil((max - 1) / 2)
  return `${name.slice(0, head)}…${name.slice(name.length - (max - 1 - head))}`
}

/**
 * The latest events for the watched UCCs, newest first. Virtualised like the table: a redraw lays
 * out the lines on screen, not all of them. Not a live region: hundreds a second would drown a
 * screen reader.
 */
/** The first block of a GUID: enough to tell calls apart on screen; the full id is in the title and the copy button. */
export function shortId(correlationId: string): string {
  return correlationId.slice(0, 8)
}

export interface ParsedIds {
  ids: string[]
  invalid: string[]
}

/** Ids pasted by a supervisor: separated by spaces, commas, semicolons or newlines; GUIDs only, once each (in any case), as written. */
export function parseIdList(text: string): ParsedIds {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean)
  const ids = new Map<string, string>()
  const invalid = new Set<string>()
  for (const part of parts) {
    if (!isCorrelationId(part)) invalid.add(part)
    else if (!ids.has(part.toLowerCase())) ids.set(part.toLowerCase(), part)
  }
  return { ids: [...ids.values()], invalid: [...invalid] }
}

/** The calls paused too long now (by what the board knows), for the notices of each new one. */
export function alertingCalls(
  calls: readonly BoardCall[],
  now: number,
  pauseAlertMs: number,
): BoardCall[] {
  return calls.filter((call) => isAlerting(call, now, pauseAlertMs))
}

/**
 * The page's title: how many calls are paused too long, and the latest to become so (its short id
 * and UCC), so that a new one changes the title even when the count stays the same.
 */
export function pageTitle(alertCount: number, latest?: BoardCall): string {
  if (alertCount === 0) return t('boardTitle')
  return latest
    ? t('boardTitleAlertLatest', alertCount, shortId(latest.correlationId), latest.uccName)
    : t('boardTitleAlert', alertCount)
}

/** What became of a batch of added ids: on the board, still being looked up, or known nowhere. */
export interface AddOutcome {
  readonly found: number
  readonly checking: number
  readonly notFound: number
}

export function addOutcome(
  batch: readonly string[],
  calls: readonly BoardCall[],
  lookups: readonly { readonly correlationId: string; readonly status: string }[],
): AddOutcome {
  const onBoard = new Set(calls.map((call) => call.correlationId.toLowerCase()))
  const checking = new Set(
    lookups
      .filter((lookup) => lookup.status === 'checking')
      .map((lookup) => lookup.correlationId.toLowerCase()),
  )
  const outcome = { found: 0, checking: 0, notFound: 0 }
  for (const id of batch) {
    const lower = id.toLowerCase()
    if (onBoard.has(lower)) outcome.found += 1
    else if (checking.has(lower)) outcome.checking += 1
    else outcome.notFound += 1
  }
  return outcome
}
