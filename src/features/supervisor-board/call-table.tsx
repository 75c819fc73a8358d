import { useVirtualizer } from '@tanstack/react-virtual'
import { memo, useEffect, useRef } from 'react'
import { actionName } from '../../api/call-state.ts'
import { RecordingAction } from '../../api/wire.ts'
import { agentPanelHref } from '../../lib/call-address.ts'
import { Button } from '../../components/ui/button.tsx'
import { CopyButton } from '../../components/ui/copy-button.tsx'
import type { HubState } from '../../live/live-connection.ts'
import { pauseLength } from '../../lib/time.ts'
import { isAlerting, shortId } from './board-rows.ts'
import type { BoardCall } from './board-call.ts'
import type { BoardStore } from './board-store.ts'

export const ROW_HEIGHT = 44
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
  requesterSipUri: string
  emptyText: string
}

/**
 * The calls, virtualised: only the rows on screen (and a few around) exist in the DOM. The store
 * hears which keys those are, so it confirms them first.
 */
export function CallTable(props: CallTableProps) {
  const { rows, store, hubState, now, pauseAlertMs, canEdit, requesterSipUri } = props
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
      <table
        className="w-full min-w-[59.5rem] table-fixed border-collapse text-sm"
        aria-rowcount={rows.length + 1}
      >
        <caption className="sr-only">Calls on the board, {rows.length} shown</caption>
        <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs text-slate-800 dark:bg-slate-800 dark:text-slate-200">
          <tr aria-rowindex={1}>
            <th scope="col" className="w-36 px-2 py-2">
              Call
            </th>
            <th scope="col" className="w-36 px-2 py-2">
              UCC
            </th>
            <th scope="col" className="w-44 px-2 py-2">
              Recorder
            </th>
            <th scope="col" className="w-20 px-2 py-2">
              Marking
            </th>
            <th scope="col" className="w-20 px-2 py-2">
              Saving
            </th>
            <th scope="col" className="w-[8.5rem] px-2 py-2">
              Last change
            </th>
            <th scope="col" className="w-48 px-2 py-2">
              Actions
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
                requesterSipUri={requesterSipUri}
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
      {rows.length === 0 && (
        <p className="p-3 text-sm text-slate-700 dark:text-slate-300">{props.emptyText}</p>
      )}
    </div>
  )
}

interface CallRowProps extends RowActions {
  call: BoardCall
  rowIndex: number
  stale: boolean
  /** The clock while paused, else 0: a row that is not paused does not re-render every second. */
  now: number
  alert: boolean
  canEdit: boolean
  requesterSipUri: string
}

const STATE_LOOK: Record<string, string> = {
  Started: 'text-recording',
  Paused: 'text-paused',
}

/** One call. Memoised: a frame re-renders only the rows whose call (or clock, while paused) changed. */
const CallRow = memo(function CallRow({
  call,
  rowIndex,
  stale,
  now,
  alert,
  canEdit,
  requesterSipUri,
  onResume,
  onMark,
}: CallRowProps) {
  const ended = call.endedAt !== null
  const staleAttr = stale || ended ? 'true' : undefined
  const busy = call.flight !== null
  const noRequester = requesterSipUri === ''
  const blocked = ended || busy || !canEdit || noRequester
  const why = ended
    ? 'The call has ended.'
    : !canEdit
      ? 'Agents may not change recordings in this contact center (AgentCanEditRecordings is off).'
      : noRequester
        ? 'No requester is configured (requesterSipUri in config.json).'
        : undefined
  const pausedFor = call.pausedSince !== null && now > 0 ? now - call.pausedSince : null
  const paused = pausedFor === null ? null : pauseLength(pausedFor, call.pausedSinceExact)

  return (
    <tr
      data-testid="call-row"
      data-correlation-id={call.correlationId}
      data-ucc={call.uccName}
      data-alert={alert ? 'true' : undefined}
      data-ended={ended ? 'true' : undefined}
      aria-rowindex={rowIndex}
      style={{ height: ROW_HEIGHT }}
      className={`border-t border-slate-200 dark:border-slate-700 ${
        alert
          ? 'bg-overdue-surface text-overdue-ink'
          : ended
            ? 'bg-slate-50 text-slate-700 dark:bg-slate-900 dark:text-slate-300'
            : ''
      }`}
    >
      <td className="truncate px-2">
        <span className="inline-flex items-center gap-1.5">
          <span className="font-mono" title={call.correlationId}>
            {shortId(call.correlationId)}
            <span className="sr-only"> (correlation id {call.correlationId})</span>
          </span>
          <CopyButton text={call.correlationId} label={`correlation id ${call.correlationId}`} />
          {ended && (
            <span className="rounded bg-slate-200 px-1 text-xs font-semibold text-slate-900 dark:bg-slate-700 dark:text-slate-100">
              Ended
            </span>
          )}
        </span>
      </td>
      <td className="truncate px-2" title={call.uccName}>
        {call.uccName}
      </td>
      <td className="truncate px-2">
        <span
          data-testid="recording-state"
          data-state={call.state.recording}
          data-stale={staleAttr}
          className={`font-semibold ${alert ? '' : (STATE_LOOK[call.state.recording] ?? '')}`}
        >
          {call.state.recording}
        </span>
        {paused !== null && (
          <span
            data-testid="pause-timer"
            className="ml-2 font-mono tabular-nums"
            aria-label={`paused for ${paused.spoken}`}
          >
            {paused.text}
          </span>
        )}
        {alert && <span className="ml-2 text-xs font-bold uppercase">too long</span>}
        {staleAttr && !ended && (
          <span className="ml-2 text-xs text-unverified" title={call.readError?.message}>
            {call.readError ? 'read failed' : 'not confirmed'}
          </span>
        )}
      </td>
      <td className="truncate px-2">
        <span data-testid="marking-state" data-state={call.state.marking} data-stale={staleAttr}>
          {call.state.marking}
        </span>
      </td>
      <td className="truncate px-2">
        <span data-testid="saving-state" data-state={call.state.saving} data-stale={staleAttr}>
          {call.state.saving}
        </span>
      </td>
      <td className="truncate px-2 text-xs" data-testid="last-action">
        {call.lastEvent ? (
          <>
            <span className="font-semibold">{actionName(call.lastEvent.action)}</span>{' '}
            <time dateTime={new Date(call.lastEvent.at).toISOString()}>
              {new Date(call.lastEvent.at).toLocaleTimeString()}
            </time>
          </>
        ) : ended ? (
          (call.endedMessage ?? 'Not known to the service')
        ) : (
          'Added by id'
        )}
      </td>
      <td className="px-2">
        <span className="inline-flex items-center gap-1.5">
          <Button
            compact
            variant="primary"
            data-testid="row-resume"
            busy={call.flight?.action === RecordingAction.Start}
            disabled={blocked || call.state.recording !== 'Paused'}
            title={why}
            aria-label={`Resume recording of call ${shortId(call.correlationId)}`}
            onClick={() => onResume(call.key)}
          >
            Resume
          </Button>
          <Button
            compact
            data-testid="row-mark"
            busy={call.flight?.action === RecordingAction.Mark}
            disabled={blocked || call.state.marking === 'Mark' || call.state.marking === 'Unknown'}
            title={why}
            aria-label={`Mark call ${shortId(call.correlationId)}`}
            onClick={() => onMark(call.key)}
          >
            Mark
          </Button>
          <a
            data-testid="row-open"
            className="rounded px-1 text-xs font-semibold text-blue-800 underline dark:text-blue-300"
            href={agentPanelHref({
              uccName: call.uccName,
              correlationId: call.correlationId,
              agentSipUri: requesterSipUri || undefined,
            })}
            aria-label={`Open the agent panel for call ${shortId(call.correlationId)}`}
          >
            Open
          </a>
        </span>
      </td>
    </tr>
  )
})
