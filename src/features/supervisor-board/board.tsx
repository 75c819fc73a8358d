import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
} from 'react'
import { isApiError } from '../../api/api-error.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { HubIndicator } from '../../live/hub-indicator.tsx'
import { useHubState } from '../../live/live-context.tsx'
import type { LedgerClient } from '../../ledger/ledger-client.ts'
import { useNow } from '../../lib/time.ts'
import { policyFor, type PausePolicies } from '../../recording-state/pause-policy.ts'
import { AddCalls, Lookups } from './add-calls.tsx'
import type { BoardCall } from './board-call.ts'
import { useBoardCapabilities } from './board-capabilities.ts'
import {
  countRows,
  pageTitle,
  selectRows,
  shortId,
  type BoardFilter,
  type BoardSort,
} from './board-rows.ts'
import type { BoardStore } from './board-store.ts'
import { BoardNotices, BoardToolbar, ResumeDialog } from './board-controls.tsx'
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
  /** Problems with the address (refused UCC names or ids). */
  problems: string[]
  pauseAlertSeconds: number
  endedCallLingerSeconds: number
  /** The most calls the board keeps (config `boardMaxCalls`). */
  maxCalls?: number
  /** Resume and Mark are sent as this SIP URI; also the agent= of the "Open" links. */
  requesterSipUri: string
  /** Expose window.__boardMetrics (default: the address has bench=1). */
  bench?: boolean
  /** Each UCC's pause limit (config.json's pause keys and uccOverrides): rows show time against it. */
  policies?: PausePolicies
  /** Where the calls the board sees go on record (the pause ledger). */
  ledger?: Pick<LedgerClient, 'observe' | 'forget' | 'ledger'>
}

export interface BoardViewProps extends Omit<
  SupervisorBoardProps,
  'bench' | 'endedCallLingerSeconds' | 'maxCalls'
> {
  store: BoardStore
}

export function BoardView({
  store,
  uccNames,
  correlationIds,
  problems,
  pauseAlertSeconds,
  requesterSipUri,
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
  const pauseAlertMs = pauseAlertSeconds * 1000

  useEffect(() => {
    store.start()
    store.addIds(correlationIds)
    return () => store.stop()
  }, [store, correlationIds])

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

  useEffect(() => {
    document.title = pageTitle(counts.alert)
  }, [counts.alert])

  const send = useCallback(
    (call: BoardCall, action: RecordingAction, label: string) => {
      setActionError(null)
      store.sendAction(call.key, action, requesterSipUri).catch((error: unknown) => {
        setActionError({
          title: `${label} of call ${shortId(call.correlationId)} did not go through`,
          error: error instanceof Error ? error : new Error(String(error)),
        })
      })
    },
    [store, requesterSipUri],
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
      if (call) send(call, RecordingAction.Mark, 'Mark')
    },
    [findCall, send],
  )

  const watching = uccNames.length > 0 ? uccNames.join(', ') : 'no contact center'

  return (
    <main className="flex min-h-dvh flex-col gap-3 p-3 lg:h-dvh">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h1 className="text-lg font-bold">Recording board</h1>
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
            {counts.alert > 0 ? `${counts.alert} paused too long` : 'No call paused too long'}
          </span>
          <span className="ml-2 text-muted">(limit {formatLimit(pauseAlertSeconds)})</span>
        </p>
        {ledger && (
          <Suspense fallback={null}>
            <BoardLedgerExport ledger={ledger.ledger} />
          </Suspense>
        )}
        <p className="text-sm text-muted">
          Watching <span className="font-semibold">{watching}</span> · {counts.all}{' '}
          {counts.all === 1 ? 'call' : 'calls'}
        </p>
      </header>

      {problems.length > 0 && (
        <Alert
          tone="error"
          data-testid="address-problems"
          title="Parts of this address were ignored:"
          items={problems}
        />
      )}
      {uccNames.length === 0 && (
        <p role="alert" className="text-sm font-semibold">
          No contact center to watch: add ucc=&lt;name&gt;[,&lt;name&gt;…] to the address, or set
          uccName in config.json.
        </p>
      )}

      <p data-testid="board-note" className="max-w-4xl text-sm text-soft">
        The recording service cannot list calls. This board shows the calls it hears about through
        live events from {watching} since it was opened, and the calls you add by id; a call that
        has not changed since then is missing until you add it. Added ids (never anything else) are
        kept in this browser. A state marked “not confirmed” has not been checked with the service
        yet.
      </p>

      <AddCalls onAdd={(added) => store.addIds(added)} />
      <Lookups
        lookups={snapshot.lookups}
        uccNames={uccNames}
        onDismiss={(id) => store.dismissLookup(id)}
      />

      {capabilities.errors.map(({ uccName, error }) => (
        <Alert
          tone="error"
          key={uccName}
          title={`Could not check what may be changed in ${uccName}`}
          explanation={`${error.message} Resume and Mark stay available; the service refuses what it does not allow.`}
          serverMessage={error.serverMessage}
        />
      ))}

      {actionError && (
        <Alert
          tone="error"
          title={actionError.title}
          explanation={`${actionError.error.message} The state shown is re-read from the service, not retried.`}
          serverMessage={
            isApiError(actionError.error) ? actionError.error.serverMessage : undefined
          }
        >
          <button
            type="button"
            className="mt-2 text-sm underline"
            onClick={() => setActionError(null)}
          >
            Dismiss
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
          requesterSipUri={requesterSipUri}
          limitMs={(uccName) =>
            policies ? policyFor(policies, uccName).maxPauseSeconds * 1000 : 0
          }
          onResume={onResume}
          onMark={onMark}
          emptyText={
            counts.all === 0
              ? 'No calls yet: they appear as their recorders change, or add them by id.'
              : 'No call matches this filter or search.'
          }
        />
        <EventLog events={snapshot.events} limit={EVENT_LOG_SIZE} />
      </div>

      {confirming && (
        <ResumeDialog
          call={confirming}
          requesterSipUri={requesterSipUri}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            const call = confirming
            setConfirming(null)
            send(call, RecordingAction.Start, 'Resume')
          }}
        />
      )}
    </main>
  )
}

function formatLimit(seconds: number): string {
  if (seconds % 60 === 0) return `${seconds / 60} min`
  return `${seconds} s`
}
