import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react'
import { isApiError } from '../../api/api-error.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { HubIndicator } from '../../live/hub-indicator.tsx'
import { useHubState } from '../../live/live-context.tsx'
import { t } from '../../i18n/messages.ts'
import type { LedgerClient } from '../../ledger/ledger-client.ts'
import { useNow } from '../../lib/time.ts'
import { policyFor, type PausePolicies } from '../../recording-state/pause-policy.ts'
import { AddCalls, Lookups } from './add-calls.tsx'
import type { BoardCall } from './board-call.ts'
import { useBoardCapabilities } from './board-capabilities.ts'
import {
  addOutcome,
  countRows,
  isAlerting,
  pageTitle,
  selectRows,
  shortId,
  type BoardFilter,
  type BoardSort,
} from './board-rows.ts'
import type { BoardStore } from './board-store.ts'
import { BoardNotices, BoardToolbar, PanelToggle, ResumeDialog } from './board-controls.tsx'
import { BoardNote } from './board-note.tsx'
import { NotifyControl, notifyPausedTooLong, useNotifyPermission } from './board-notify.tsx'
import type { MemoryState } from './board-persistence.ts'
import { PauseNotices } from './pause-notices.ts'
import { CallTable } from './call-table.tsx'
import { EventLog } from './event-log.tsx'

export const EVENT_LOG_SIZE = 300

const BoardLedgerExport = lazy(() =>
  import('../../ledger/board-ledger-export.tsx').then((module) => ({
    default: module.BoardLedgerExport,
  })),
)

export interface SupervisorBoardProps {
  uccNames: string[]
  /** From `calls=` in the address: looked up like pasted ids. */
  correlationIds: string[]
  /** Problems with the address (refused UCC names or ids, a refused supervisor). */
  problems: string[]
  pauseAlertSeconds: number
  endedCallLingerSeconds: number
  /** The most calls the board keeps (config `boardMaxCalls`). */
  maxCalls?: number
  /**
   * Who the board acts as: Resume and Mark are sent with this SIP URI, the ledger credits it, and
   * the "Open" links carry it. '' when nobody is known: then the board offers no action.
   */
  supervisorSipUri: string
  /** Expose window.__boardMetrics (default: the address has bench=1). */
  bench?: boolean
  /** Each UCC's pause limit (config.json's pause keys and uccOverrides): rows show time against it. */
  policies?: PausePolicies
  /** Where the calls the board sees go on record (the pause ledger). */
  ledger?: Pick<LedgerClient, 'observe' | 'forget' | 'ledger'>
  /** How long the board keeps what this browser remembers of it (config `ledgerRetentionDays`). */
  retentionDays?: number
}

export interface BoardViewProps extends Omit<
  SupervisorBoardProps,
  'bench' | 'endedCallLingerSeconds' | 'maxCalls' | 'retentionDays'
> {
  store: BoardStore
}

export function BoardView({
  store,
  uccNames,
  correlationIds,
  problems,
  pauseAlertSeconds,
  supervisorSipUri,
  policies,
  ledger,
}: BoardViewProps) {
  const hubState = useHubState()
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot)
  const capabilities = useBoardCapabilities(uccNames)
  const now = useNow(true, 1000)
  const [filter, setFilter] = useState<BoardFilter>('all')
  const [search, setSearch] = useState('')
  const [sort, setSort] = useState<BoardSort>('paused-longest')
  const [confirming, setConfirming] = useState<BoardCall | null>(null)
  const [actionError, setActionError] = useState<{ title: string; error: Error } | null>(null)
  // Adding ids: open on an empty board until calls come (unless the supervisor used it), else closed.
  const [addChoice, setAddChoice] = useState<boolean | null>(null)
  const [batch, setBatch] = useState<{ ids: string[]; version: number } | null>(null)
  const [exportOpen, setExportOpen] = useState(false)
  const [permission, askPermission] = useNotifyPermission()
  const [notices] = useState(() => new PauseNotices())
  const panelIds = { add: useId(), export: useId() }
  const pauseAlertMs = pauseAlertSeconds * 1000

  useEffect(() => {
    store.start()
    store.addIds(correlationIds)
    return () => store.stop()
  }, [store, correlationIds])

  // What this browser remembers is written when the page is hidden or left, not only every second.
  useEffect(() => {
    const save = () => void store.saveNow()
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') save()
    }
    window.addEventListener('pagehide', save)
    document.addEventListener('visibilitychange', onVisibility)
    return () => {
      window.removeEventListener('pagehide', save)
      document.removeEventListener('visibilitychange', onVisibility)
    }
  }, [store])

  const counts = useMemo(
    () => countRows(snapshot.calls, now, pauseAlertMs),
    [snapshot, now, pauseAlertMs],
  )
  // Only the alert filter depends on the clock: other filters re-sort once per snapshot, not per tick.
  const filterNow = filter === 'alert' ? now : 0
  const rows = useMemo(
    () => selectRows(snapshot.calls, { filter, search, sort, now: filterNow, pauseAlertMs }),
    [snapshot, filter, search, sort, filterNow, pauseAlertMs],
  )

  // Each call that becomes paused too long: one desktop notification (when allowed), and the
  // title names it (with how many are paused too long) so that a glance at the tab tells.
  useEffect(() => {
    const alerting = (call: BoardCall) => isAlerting(call, now, pauseAlertMs)
    for (const call of notices.update(snapshot.calls, alerting))
      notifyPausedTooLong(call, formatLimit(pauseAlertSeconds))
    document.title = pageTitle(counts.alert, notices.latest(snapshot.calls, alerting))
  }, [notices, snapshot, now, pauseAlertMs, pauseAlertSeconds, counts.alert])

  const send = useCallback(
    (call: BoardCall, action: RecordingAction, label: string) => {
      if (!supervisorSipUri) return
      setActionError(null)
      store.sendAction(call.key, action, supervisorSipUri).catch((error: unknown) => {
        setActionError({
          title: t('boardActionFailed', label, shortId(call.correlationId)),
          error: error instanceof Error ? error : new Error(String(error)),
        })
      })
    },
    [store, supervisorSipUri],
  )
  const findCall = useCallback(
    (key: string) => store.getSnapshot().calls.find((call) => call.key === key),
    [store],
  )
  const onResume = useCallback(
    (key: string) => {
      const call = findCall(key)
      if (call) setConfirming(call)
    },
    [findCall],
  )
  const onMark = useCallback(
    (key: string) => {
      const call = findCall(key)
      if (call) send(call, RecordingAction.Mark, t('boardMark'))
    },
    [findCall, send],
  )

  const settled = snapshot.memory.kept !== 'opening'
  const addOpen = addChoice ?? (settled && snapshot.calls.length === 0)
  const addStatus = useMemo(() => {
    if (!batch) return null
    const outcome = addOutcome(batch.ids, snapshot.calls, snapshot.lookups)
    // Until the store has published the batch, an id it has not placed yet is still looked up.
    const published = snapshot.version > batch.version
    return published
      ? t('boardAddStatus', outcome.found, outcome.notFound, outcome.checking)
      : t('boardAddStatus', outcome.found, 0, outcome.checking + outcome.notFound)
  }, [batch, snapshot])

  const watching = uccNames.length > 0 ? uccNames.join(', ') : t('boardNoUcc')

  return (
    <main className="flex min-h-dvh flex-col gap-2 p-3 lg:h-dvh">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <h1 className="text-lg font-bold">{t('boardTitle')}</h1>
        <HubIndicator state={hubState} />
        <p aria-live="polite" className="text-sm">
          <span
            data-testid="alert-count"
            data-count={counts.alert}
            className={
              counts.alert > 0
                ? 'rounded-full bg-overdue px-2 py-0.5 font-bold text-overdue-surface'
                : 'font-semibold'
            }
          >
            {counts.alert > 0 ? t('boardAlertCount', counts.alert) : t('boardNoAlert')}
          </span>
          <span className="ml-2 text-muted">{t('boardLimit', formatLimit(pauseAlertSeconds))}</span>
        </p>
        <NotifyControl permission={permission} onAsk={askPermission} />
        <p className="text-sm text-muted">
          {t('boardWatching')} <span className="font-semibold">{watching}</span> ·{' '}
          {t('boardCalls', counts.all)}
        </p>
        {supervisorSipUri && (
          <p
            data-testid="supervisor-identity"
            data-sip-uri={supervisorSipUri}
            className="text-sm text-muted"
          >
            {t('boardActingAs')} <span className="font-mono">{supervisorSipUri}</span>
          </p>
        )}
      </header>

      {problems.length > 0 && (
        <Alert
          tone="error"
          data-testid="address-problems"
          title={t('boardAddressProblems')}
          items={problems}
        />
      )}
      {uccNames.length === 0 && (
        <p role="alert" className="text-sm font-semibold">
          {t('boardNoUccHelp')}
        </p>
      )}
      {!supervisorSipUri && (
        <Alert
          tone="warning"
          data-testid="supervisor-identity"
          title={t('boardNobodyTitle')}
          explanation={t('boardNobodyHelp')}
        />
      )}

      <BoardNote watching={watching} kept={snapshot.memory.kept !== 'ids'} />
      <MemoryNotice memory={snapshot.memory} />

      {capabilities.errors.map(({ uccName, error }) => (
        <Alert
          tone="error"
          key={uccName}
          title={t('boardCapsFailed', uccName)}
          explanation={t('boardCapsFailedWhy', error.message)}
          serverMessage={error.serverMessage}
        />
      ))}

      {actionError && (
        <Alert
          tone="error"
          title={actionError.title}
          explanation={t('boardActionFailedWhy', actionError.error.message)}
          serverMessage={
            isApiError(actionError.error) ? actionError.error.serverMessage : undefined
          }
        >
          <button
            type="button"
            className="mt-2 text-sm underline"
            onClick={() => setActionError(null)}
          >
            {t('boardDismiss')}
          </button>
        </Alert>
      )}

      <BoardToolbar
        filter={filter}
        onFilter={setFilter}
        counts={counts}
        search={search}
        onSearch={setSearch}
        sort={sort}
        onSort={setSort}
      >
        <div className="flex flex-wrap gap-2">
          <PanelToggle
            data-testid="add-ids-open"
            open={addOpen}
            controls={panelIds.add}
            onToggle={() => setAddChoice(!addOpen)}
          >
            {t('boardAddOpen')}
          </PanelToggle>
          {ledger && (
            <PanelToggle
              data-testid="export-ledger-open"
              open={exportOpen}
              controls={panelIds.export}
              onToggle={() => setExportOpen(!exportOpen)}
            >
              {t('boardExportOpen')}
            </PanelToggle>
          )}
        </div>
      </BoardToolbar>

      {addOpen && (
        <AddCalls
          id={panelIds.add}
          onUse={() => setAddChoice(true)}
          onAdd={(ids) => {
            setAddChoice(true)
            setBatch({ ids, version: store.getSnapshot().version })
            store.addIds(ids)
          }}
          status={addStatus}
        />
      )}
      {ledger && exportOpen && (
        <div
          id={panelIds.export}
          className="rounded-md border border-slate-300 p-2 dark:border-slate-600"
        >
          <Suspense fallback={null}>
            <BoardLedgerExport ledger={ledger.ledger} />
          </Suspense>
        </div>
      )}
      <Lookups
        lookups={snapshot.lookups}
        uccNames={uccNames}
        onDismiss={(id) => store.dismissLookup(id)}
      />

      <BoardNotices
        eventsIgnored={snapshot.eventsIgnored}
        callsDropped={snapshot.callsDropped}
        maxCalls={snapshot.maxCalls}
      />

      <div className="flex min-h-0 flex-1 flex-col gap-3 lg:flex-row">
        <CallTable
          rows={rows}
          store={store}
          hubState={hubState}
          now={now}
          pauseAlertMs={pauseAlertMs}
          canEdit={capabilities.canEdit}
          supervisorSipUri={supervisorSipUri}
          limitMs={(uccName) =>
            policies ? policyFor(policies, uccName).maxPauseSeconds * 1000 : 0
          }
          onResume={onResume}
          onMark={onMark}
          emptyText={counts.all === 0 ? t('boardEmpty') : t('boardNoMatch')}
        />
        <EventLog events={snapshot.events} limit={EVENT_LOG_SIZE} />
      </div>

      {confirming && (
        <ResumeDialog
          call={confirming}
          supervisorSipUri={supervisorSipUri}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const call = confirming
            setConfirming(null)
            send(call, RecordingAction.Start, t('boardResume'))
          }}
        />
      )}
    </main>
  )
}

/** Where the board's memory is not kept (only the added ids are): said once, plainly. */
function MemoryNotice({ memory }: { memory: MemoryState }) {
  if (memory.kept !== 'ids') return null
  return (
    <p
      data-testid="board-memory-unavailable"
      data-reason={memory.reason}
      className="text-sm text-soft"
    >
      {t('boardMemoryUnavailable')}
    </p>
  )
}

function formatLimit(seconds: number): string {
  if (seconds % 60 === 0) return t('boardMinutes', seconds / 60)
  return t('boardSeconds', seconds)
}
