import { useId, type ReactNode } from 'react'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { t, type TextKey } from '../../i18n/messages.ts'
import type { BoardCall } from './board-call.ts'
import {
  FILTERS,
  shortId,
  type BoardFilter,
  type BoardSort,
  type FilterCounts,
} from './board-rows.ts'

const FILTER_LABELS: Record<BoardFilter, TextKey> = {
  all: 'boardFilterAll',
  paused: 'boardFilterPaused',
  alert: 'boardFilterAlert',
  marked: 'boardFilterMarked',
}

/** What the table shows: a filter (with counts), a search by id or UCC, and the order; then `children`. */
export function BoardToolbar(props: {
  filter: BoardFilter
  onFilter: (filter: BoardFilter) => void
  counts: FilterCounts
  search: string
  onSearch: (search: string) => void
  sort: BoardSort
  onSort: (sort: BoardSort) => void
  children?: ReactNode
}) {
  const ids = { search: useId(), sort: useId() }
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div role="group" aria-label={t('boardFilterGroup')} className="flex flex-wrap gap-1">
        {FILTERS.map((id) => (
          <button
            key={id}
            type="button"
            data-testid={`filter-${id}`}
            aria-pressed={props.filter === id}
            onClick={() => props.onFilter(id)}
            className="min-h-8 rounded-md border border-slate-400 px-2 text-sm font-semibold hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600 aria-pressed:border-blue-800 aria-pressed:bg-blue-800 aria-pressed:text-white dark:border-slate-500 dark:hover:bg-slate-800 dark:aria-pressed:border-blue-300 dark:aria-pressed:bg-blue-300 dark:aria-pressed:text-slate-950"
          >
            {t(FILTER_LABELS[id])}{' '}
            <span className="font-normal">{t('boardCount', props.counts[id])}</span>
          </button>
        ))}
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={ids.search} className="text-xs font-semibold">
          {t('boardSearch')}
        </label>
        <input
          id={ids.search}
          type="search"
          data-testid="search"
          value={props.search}
          onChange={(event) => props.onSearch(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          className="min-h-8 w-56 rounded-md border border-slate-500 bg-white px-2 font-mono text-sm dark:bg-slate-800"
        />
      </div>
      <div className="flex flex-col gap-0.5">
        <label htmlFor={ids.sort} className="text-xs font-semibold">
          {t('boardSort')}
        </label>
        <select
          id={ids.sort}
          data-testid="sort"
          value={props.sort}
          onChange={(event) => props.onSort(event.target.value as BoardSort)}
          className="min-h-8 rounded-md border border-slate-500 bg-white px-2 text-sm dark:bg-slate-800"
        >
          <option value="paused-longest">{t('boardSortPaused')}</option>
          <option value="newest-activity">{t('boardSortNewest')}</option>
        </select>
      </div>
      {props.children}
    </div>
  )
}

/** A button that shows or hides a panel of the board (adding ids, the ledger export). */
export function PanelToggle({
  open,
  controls,
  onToggle,
  children,
  ...props
}: {
  open: boolean
  controls: string
  onToggle: () => void
  children: ReactNode
  'data-testid'?: string
}) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={controls}
      onClick={onToggle}
      className="min-h-8 rounded-md border border-slate-400 px-2 text-sm font-semibold hover:bg-slate-100 focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600 aria-expanded:border-blue-800 aria-expanded:bg-blue-50 dark:border-slate-500 dark:hover:bg-slate-800 dark:aria-expanded:border-blue-300 dark:aria-expanded:bg-slate-800"
      {...props}
    >
      {children}
      <span aria-hidden="true" className="ml-1 inline-block">
        {open ? '▴' : '▾'}
      </span>
    </button>
  )
}

/**
 * Resuming a call from the board: the agent may be taking card details, so it asks first, and
 * says who the service will record as having resumed it.
 */
export function ResumeDialog({
  call,
  supervisorSipUri,
  onCancel,
  onConfirm,
}: {
  call: BoardCall
  supervisorSipUri: string
  onCancel: () => void
  onConfirm: () => void
}) {
  return (
    <ConfirmDialog
      title={t('boardResumeTitle', shortId(call.correlationId))}
      confirmLabel={t('boardResumeConfirm')}
      onCancel={onCancel}
      onConfirm={onConfirm}
    >
      <p>{t('boardResumeWarning')}</p>
      <p className="mt-2 wrap-anywhere" data-testid="resume-as">
        {t('boardResumeAs', call.correlationId, call.uccName)}{' '}
        <span className="font-mono font-semibold">{supervisorSipUri}</span>
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
          {t('boardRowsCapped', maxCalls, callsDropped)}
        </p>
      )}
      {eventsIgnored > 0 && (
        <p data-testid="events-ignored" data-count={eventsIgnored}>
          {t('boardEventsIgnored', eventsIgnored)}
        </p>
      )}
    </div>
  )
}
