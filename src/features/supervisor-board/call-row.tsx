import { memo } from 'react'
import { actionName } from '../../api/call-state.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { agentPanelHref } from '../../lib/call-address.ts'
import { Button } from '../../components/ui/button.tsx'
import { CopyButton } from '../../components/ui/copy-button.tsx'
import { formatDuration, pauseLength } from '../../lib/time.ts'
import { shortId } from './board-rows.ts'
import type { BoardCall } from './board-call.ts'
import type { RowActions } from './call-table.tsx'

export const ROW_HEIGHT = 44

interface CallRowProps extends RowActions {
  call: BoardCall
  rowIndex: number
  stale: boolean
  /** The clock while paused, else 0: a row that is not paused does not re-render every second. */
  now: number
  alert: boolean
  canEdit: boolean
  requesterSipUri: string
  /** The UCC's pause limit in ms (0: none): a pause past it is over the limit. */
  limitMs: number
}

const STATE_LOOK: Record<string, string> = {
  Started: 'text-recording',
  Paused: 'text-paused',
}

/** One call. Memoised: a frame re-renders only the rows whose call (or clock, while paused) changed. */
export const CallRow = memo(function CallRow({
  call,
  rowIndex,
  stale,
  now,
  alert,
  canEdit,
  requesterSipUri,
  limitMs,
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
  const overLimit = pausedFor !== null && limitMs > 0 && pausedFor > limitMs

  return (
    <tr
      data-testid="call-row"
      data-correlation-id={call.correlationId}
      data-ucc={call.uccName}
      data-alert={alert ? 'true' : undefined}
      data-over-limit={overLimit ? 'true' : undefined}
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
        {paused !== null && limitMs > 0 && (
          <span className="text-muted font-mono tabular-nums">
            <span aria-hidden="true"> / </span>
            <span className="sr-only"> of </span>
            {formatDuration(limitMs)}
            <span className="sr-only"> allowed</span>
          </span>
        )}
        {overLimit && (
          <span data-testid="over-limit" className="ml-2 text-xs font-bold uppercase">
            over limit
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
