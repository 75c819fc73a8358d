import { useId } from 'react'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import type { BoardCall } from './board-call.ts'
import {
  FILTERS,
  shortId,
  type BoardFilter,
  type BoardSort,
  type FilterCounts,
} from './board-rows.ts'

const FILTER_LABELS: Record<BoardFilter, string> = {
  all: 'All',
  paused: 'Paused',
  alert: 'Paused too long',
  marked: 'Marked',
}

/** What the table shows: a filter (with counts), a search by id, and the order. */
export function BoardToolbar(props: {
  filter: BoardFilter
  onFilter: (filter: BoardFilter) => void
  counts: FilterCounts
  search: string
  onSearch: (search: string) => void
  sort: BoardSort
  onSort: (sort: BoardSort) => void
}) {
  const ids = { search: useId(), sort: useId() }
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div role="group" aria-label="Show" className="flex flex-wrap gap-1">
        {FILTERS.map((id) => (
          <button
            key={id}
            type="button"
            data-testid={`filter-${id}`}
            aria-pressed={props.filter === id}
            onClick={() => props.onFilter(id)}
            className="min-h-8 rounded-md border border-slate-400 px-2 text-sm font-semibold hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600 aria-pressed:border-blue-800 aria-pressed:bg-blue-800 aria-pressed:text-white dark:border-slate-500 dark:hover:bg-slate-800 dark:aria-pressed:border-blue-300 dark:aria-pressed:bg-blue-300 dark:aria-pressed:text-slate-950"
          >
            {FILTER_LABELS[id]} <span className="font-normal">({props.counts[id]})</span>
          </button>
        ))}
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={ids.search} className="text-xs font-semibold">
          Search by id
        </label>
        <input
          id={ids.search}
          type="search"
          data-testid="search"
          value={props.search}
          onChange={(event) => props.onSearch(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          className="min-h-8 w-64 rounded-md border border-slate-500 bg-white px-2 font-mono text-sm dark:bg-slate-800"
        />
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={ids.sort} className="text-xs font-semibold">
          Sort
        </label>
        <select
          id={ids.sort}
          data-testid="sort"
          value={props.sort}
          onChange={(event) => props.onSort(event.target.value as BoardSort)}
          className="min-h-8 rounded-md border border-slate-500 bg-white px-2 text-sm dark:bg-slate-800"
        >
          <option value="paused-longest">Longest paused first</option>
          <option value="newest-activity">Newest activity first</option>
        </select>
      </div>
    </div>
  )
}

/** Resuming a call from the board: the agent may be taking card details, so it asks first. */
export function ResumeDialog({
  call,
  requesterSipUri,
  onCancel,
  onConfirm,
}: {
  call: BoardCall
  requesterSipUri: string
  onCancel: () => void
  onConfirm: () => void
}) {
  return (
    <ConfirmDialog
      title={`Resume recording of call ${shortId(call.correlationId)}?`}
      confirmLabel="Resume recording"
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>
        The agent may be taking card details right now: once recording resumes, whatever is said is
        recorded. Check with the agent first.
      </p>
      <p className="mt-2">
        Call {call.correlationId} in {call.uccName}, resumed as {requesterSipUri}.
      </p>
    </ConfirmDialog>
  )
}

/** What the board left out to protect itself: said plainly, never silently. */
export function BoardNotices({
  eventsIgnored,
  callsDropped,
  maxCalls,
}: {
  eventsIgnored: number
  callsDropped: number
  maxCalls: number
}) {
  if (eventsIgnored === 0 && callsDropped === 0) return null
  return (
    <div className="flex flex-col gap-1 text-sm text-soft">
      {callsDropped > 0 && (
        <p data-testid="rows-capped" data-count={callsDropped}>
          This board keeps at most {maxCalls.toLocaleString('en')} calls:{' '}
          {callsDropped.toLocaleString('en')} were dropped, ended and longest-quiet calls first
          (paused calls last). Add an id again to bring its call back.
        </p>
      )}
      {eventsIgnored > 0 && (
        <p data-testid="events-ignored" data-count={eventsIgnored}>
          {eventsIgnored.toLocaleString('en')} live{' '}
          {eventsIgnored === 1 ? 'event was' : 'events were'} ignored: their call id is not a
          correlation id (GUID), so no read could ever find the call.
        </p>
      )}
    </div>
  )
}
