import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef } from 'react'
import { t } from '../../i18n/messages.ts'
import type { HubState } from '../../live/live-connection.ts'
import { isAlerting } from './board-rows.ts'
import type { BoardCall } from './board-call.ts'
import type { BoardStore } from './board-store.ts'
import { CallRow, ROW_HEIGHT } from './call-row.tsx'

const OVERSCAN = 8

export interface RowActions {
  onResume: (key: string) => void
  onMark: (key: string) => void
}

export interface CallTableProps extends RowActions {
  rows: readonly BoardCall[]
  store: BoardStore
  hubState: HubState
  now: number
  pauseAlertMs: number
  /** Per UCC (lowercased): false where the service says agents may not edit recordings. */
  canEdit: ReadonlyMap<string, boolean>
  /** Who the board acts as ('' when nobody). */
  supervisorSipUri: string
  /** The pause limit of a UCC in ms (0: no limit), for time against it. */
  limitMs: (uccName: string) => number
  emptyText: string
}

/**
 * The calls, virtualised: only the rows on screen (and a few around) exist in the DOM. The store
 * hears which keys those are, so it confirms them first.
 */
export function CallTable(props: CallTableProps) {
  const { rows, store, hubState, now, pauseAlertMs, canEdit, supervisorSipUri } = props
  const scrollRef = useRef<HTMLDivElement>(null)
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualiser is read during render only, as documented
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    // Every row has the same height, so items are keyed by index (the default): the virtualiser's
    // measurements then survive a re-sort instead of being rebuilt for every row each frame.
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
  })
  const items = virtualizer.getVirtualItems()
  const paddingTop = items[0]?.start ?? 0
  const paddingBottom = items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0

  const visibleKeys = items.map((item) => rows[item.index]?.key ?? '').join('\n')
  useEffect(() => {
    store.setVisible(visibleKeys ? visibleKeys.split('\n') : [])
  }, [store, visibleKeys])

  const stalePerHub = hubState !== 'Connected'

  return (
    <div
      ref={scrollRef}
      data-testid="call-table"
      className="min-h-64 flex-1 overflow-auto rounded-md border border-slate-300 contain-strict dark:border-slate-600"
    >
      {/* 60 rem in all, the room beside the event log at 1280 px less a scroll bar. The widths fit
          each column's usual words on one line (a last change at a two-digit hour too); a longer
          one wraps in its cell, never cut (only a UCC's name is, with its whole name as title).
          Dutch words are longer: its widths (:lang(nl)) keep the state words and the last change
          whole and let the id's Copy and the row's Open wrap instead. */}
      <table
        className="w-full min-w-[60rem] table-fixed border-collapse text-sm"
        aria-rowcount={rows.length + 1}
      >
        <caption className="sr-only">{t('boardTableCaption', rows.length)}</caption>
        <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200">
          <tr aria-rowindex={1}>
            <th scope="col" className="w-34 px-2 py-2">
              {t('boardColCall')}
            </th>
            <th scope="col" className="w-32 px-2 py-2">
              {t('boardColUcc')}
            </th>
            <th scope="col" className="w-52 px-2 py-2">
              {t('boardColRecorder')}
            </th>
            <th scope="col" className="w-19 px-2 py-2 [&:lang(nl)]:w-26">
              {t('boardColMarking')}
            </th>
            <th scope="col" className="w-19 px-2 py-2 [&:lang(nl)]:w-24">
              {t('boardColSaving')}
            </th>
            <th scope="col" className="w-36 px-2 py-2 [&:lang(nl)]:w-33">
              {t('boardColLastChange')}
            </th>
            <th scope="col" className="w-48 px-2 py-2 [&:lang(nl)]:w-39">
              {t('boardColActions')}
            </th>
          </tr>
        </thead>
        <tbody>
          {paddingTop > 0 && (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: paddingTop, padding: 0 }} />
            </tr>
          )}
          {items.map((item) => {
            const call = rows[item.index]
            if (!call) return null
            const paused =
              call.state.recording === 'Paused' &&
              call.pausedSince !== null &&
              call.endedAt === null
            return (
              <CallRow
                key={call.key}
                call={call}
                rowIndex={item.index + 2}
                stale={stalePerHub || !call.confirmed || call.flight !== null}
                now={paused ? now : 0}
                alert={isAlerting(call, now, pauseAlertMs)}
                canEdit={canEdit.get(call.uccName.toLowerCase()) !== false}
                supervisorSipUri={supervisorSipUri}
                limitMs={props.limitMs(call.uccName)}
                onResume={props.onResume}
                onMark={props.onMark}
              />
            )
          })}
          {paddingBottom > 0 && (
            <tr aria-hidden="true">
              <td colSpan={7} style={{ height: paddingBottom, padding: 0 }} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && <p className="p-3 text-sm text-muted">{props.emptyText}</p>}
    </div>
  )
}
