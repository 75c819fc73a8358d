import { memo } from 'react'
import { actionName } from '../../api/call-state.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { agentPanelHref } from '../../lib/call-address.ts'
import { Button } from '../../components/ui/button.tsx'
import { CopyButton } from '../../components/ui/copy-button.tsx'
import { t, type TextKey } from '../../i18n/messages.ts'
import { formatDuration } from '../../lib/time.ts'
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
  /** Who the board acts as ('' when nobody: no action is offered). */
  supervisorSipUri: string
  /** The UCC's pause limit in ms (0: none): a pause past it is over the limit. */
  limitMs: number
}

const STATE_LOOK: Record<string, string> = {
  Started: 'text-recording',
  Paused: 'text-paused',
}

/** The words for the service's state names (a value outside them is shown as Unknown). */
const STATE_WORDS: Record<string, TextKey> = {
  Uninitialized: 'boardStateUninitialized',
  Started: 'boardStateStarted',
  Stopped: 'boardStateStopped',
  Paused: 'boardStatePaused',
  None: 'boardStateNone',
  Mark: 'boardStateMark',
  Unmark: 'boardStateUnmark',
  Save: 'boardStateSave',
  Delete: 'boardStateDelete',
}

function stateWord(name: string): string {
  const key = STATE_WORDS[name]
  return key ? t(key) : t('boardStateUnknown')
}

/** A small label of the row's condition. Never shrinks: the cell is wide enough for it. */
function Badge({
  kind,
  tone,
  children,
  ...props
}: {
  kind: string
  tone: string
  children: string
  title?: string
  'data-testid'?: string
}) {
  return (
    <span
      {...props}
      data-badge={kind}
      className={`inline-block shrink-0 rounded px-1 text-xs leading-4 font-semibold whitespace-nowrap ${tone}`}
    >
      {children}
    </span>
  )
}

/** One call. Memoised: a frame re-renders only the rows whose call (or clock, while paused) changed. */
export const CallRow = memo(function CallRow({
  call,
  rowIndex,
  stale,
  now,
  alert,
  canEdit,
  supervisorSipUri,
  limitMs,
  onResume,
  onMark,
}: CallRowProps) {
  const ended = call.endedAt !== null
  const staleAttr = stale || ended ? 'true' : undefined
  const busy = call.flight !== null
  const nobody = supervisorSipUri === ''
  const blocked = ended || busy || !canEdit || nobody
  const why = ended
    ? t('boardWhyEnded')
    : !canEdit
      ? t('boardWhyNoEdit')
      : nobody
        ? t('boardWhyNobody')
        : undefined
  const pausedFor = call.pausedSince !== null && now > 0 ? now - call.pausedSince : null
  const overLimit = pausedFor !== null && limitMs > 0 && pausedFor > limitMs
  const id = shortId(call.correlationId)

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
      <td className="px-2">
        <span className="flex flex-wrap items-center gap-1.5">
          <span className="font-mono whitespace-nowrap" title={call.correlationId}>
            {id}
            <span className="sr-only">{t('boardCorrelationId', call.correlationId)}</span>
          </span>
          <CopyButton text={call.correlationId} label={t('boardCopyLabel', call.correlationId)} />
        </span>
      </td>
      <td className="truncate px-2" title={call.uccName}>
        {call.uccName}
      </td>
      <td className="px-2">
        <div className="flex flex-wrap items-baseline gap-x-2 whitespace-nowrap">
          <span
            data-testid="recording-state"
            data-state={call.state.recording}
            data-stale={staleAttr}
            className={`font-semibold ${alert ? '' : (STATE_LOOK[call.state.recording] ?? '')}`}
          >
            {stateWord(call.state.recording)}
          </span>
          {pausedFor !== null && (
            <PauseTime ms={pausedFor} exact={call.pausedSinceExact} limitMs={limitMs} />
          )}
        </div>
        <div className="flex gap-1">
          {ended && (
            <Badge
              kind="ended"
              tone="bg-slate-200 text-slate-900 dark:bg-slate-700 dark:text-slate-100"
            >
              {t('boardEnded')}
            </Badge>
          )}
          {overLimit ? (
            <Badge
              kind="over-limit"
              data-testid="over-limit"
              tone="bg-overdue text-overdue-surface uppercase"
            >
              {t('boardOverLimit')}
            </Badge>
          ) : (
            alert && (
              <Badge kind="too-long" tone="bg-overdue text-overdue-surface uppercase">
                {t('boardTooLong')}
              </Badge>
            )
          )}
          {staleAttr && !ended && (
            <Badge
              kind={call.readError ? 'read-failed' : 'not-confirmed'}
              title={call.readError?.message}
              tone="border border-unverified bg-unverified-surface text-unverified-ink"
            >
              {call.readError ? t('boardReadFailed') : t('boardNotConfirmed')}
            </Badge>
          )}
        </div>
      </td>
      <td className="px-2 break-words">
        <span data-testid="marking-state" data-state={call.state.marking} data-stale={staleAttr}>
          {stateWord(call.state.marking)}
        </span>
      </td>
      <td className="px-2 break-words">
        <span data-testid="saving-state" data-state={call.state.saving} data-stale={staleAttr}>
          {stateWord(call.state.saving)}
        </span>
      </td>
      <td className="px-2 text-xs break-words" data-testid="last-action">
        {call.lastEvent ? (
          <>
            <span className="font-semibold">{actionName(call.lastEvent.action)}</span>{' '}
            <time dateTime={new Date(call.lastEvent.at).toISOString()}>
              {t('time', call.lastEvent.at)}
            </time>
          </>
        ) : ended ? (
          (call.endedMessage ?? t('boardNotKnown'))
        ) : (
          t('boardAddedById')
        )}
      </td>
      <td className="px-2">
        <span className="flex flex-wrap items-center gap-1.5">
          <Button
            compact
            variant="primary"
            data-testid="row-resume"
            busy={call.flight?.action === RecordingAction.Start}
            disabled={blocked || call.state.recording !== 'Paused'}
            title={why}
            aria-label={t('boardResumeLabel', id)}
            onClick={() => onResume(call.key)}
          >
            {t('boardResume')}
          </Button>
          <Button
            compact
            data-testid="row-mark"
            busy={call.flight?.action === RecordingAction.Mark}
            disabled={blocked || call.state.marking === 'Mark' || call.state.marking === 'Unknown'}
            title={why}
            aria-label={t('boardMarkLabel', id)}
            onClick={() => onMark(call.key)}
          >
            {t('boardMark')}
          </Button>
          <a
            data-testid="row-open"
            className="rounded px-1 text-xs font-semibold text-blue-800 underline dark:text-blue-300"
            href={agentPanelHref({
              uccName: call.uccName,
              correlationId: call.correlationId,
              agentSipUri: supervisorSipUri || undefined,
            })}
            target="_blank"
            rel="noopener"
            aria-label={t('boardOpenLabel', id)}
          >
            {t('boardOpen')}
          </a>
        </span>
      </td>
    </tr>
  )
})

/**
 * How long the pause has lasted: exact, or for a pause found already running "at least" that long
 * (counted from when it was first seen); and against the UCC's limit when there is one.
 */
function PauseTime({ ms, exact, limitMs }: { ms: number; exact: boolean; limitMs: number }) {
  const duration = formatDuration(ms)
  const text = exact ? duration : t('boardAtLeast', duration)
  return (
    <span className="tabular-nums">
      <span data-testid="pause-timer" data-exact={exact} aria-label={t('boardPausedFor', text)}>
        {text}
      </span>
      {limitMs > 0 && (
        <span className="text-muted">
          <span aria-hidden="true"> / </span>
          <span className="sr-only">{t('boardOfLimit')}</span>
          {formatDuration(limitMs)}
          <span className="sr-only">{t('boardAllowed')}</span>
        </span>
      )}
    </span>
  )
}
