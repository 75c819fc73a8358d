import { useEffect, useMemo, useState, useSyncExternalStore } from 'react'
import { t } from '../../i18n/messages.ts'
import type { LedgerClient } from '../../ledger/ledger-client.ts'
import { useHubState } from '../../live/live-context.tsx'
import { useNow } from '../../lib/time.ts'
import { policyFor, type PausePolicies } from '../../recording-state/pause-policy.ts'
import { useBoardActions } from './board-actions.ts'
import { BoardAlerts } from './board-alerts.tsx'
import type { BoardCall } from './board-call.ts'
import { useBoardCapabilities } from './board-capabilities.ts'
import { BoardNotices, ResumeDialog } from './board-controls.tsx'
import { BoardHeader } from './board-header.tsx'
import { notifyPausedTooLong, useNotifyPermission } from './board-notify.tsx'
import { BoardPanels } from './board-panels.tsx'
import {
  countRows,
  isAlerting,
  pageTitle,
  selectRows,
  type BoardFilter,
  type BoardSort,
} from './board-rows.ts'
import type { BoardStore } from './board-store.ts'
import { PauseNotices } from './pause-notices.ts'
import { CallTable } from './call-table.tsx'
import { EventLog } from './event-log.tsx'

// The supervisor board's page: its sections are components of their own (board-header,
// board-alerts, board-panels, call-table, event-log); here, the state they share.

export const EVENT_LOG_SIZE = 300

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
  const actions = useBoardActions(store, supervisorSipUri)
  const [permission, askPermission] = useNotifyPermission()
  const [notices] = useState(() => new PauseNotices())
  const pauseAlertMs = pauseAlertSeconds * 1000
  const limit = formatLimit(pauseAlertSeconds)

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
    for (const call of notices.update(snapshot.calls, alerting)) notifyPausedTooLong(call, limit)
    document.title = pageTitle(counts.alert, notices.latest(snapshot.calls, alerting))
  }, [notices, snapshot, now, pauseAlertMs, limit, counts.alert])

  const watching = uccNames.length > 0 ? uccNames.join(', ') : t('boardNoUcc')

  return (
    <main className="flex min-h-dvh flex-col gap-2 p-3 lg:h-dvh">
      <BoardHeader
        hubState={hubState}
        alertCount={counts.alert}
        limit={limit}
        permission={permission}
        onAskPermission={askPermission}
        watching={watching}
        callCount={counts.all}
        supervisorSipUri={supervisorSipUri}
      />

      <BoardAlerts
        problems={problems}
        watchesNothing={uccNames.length === 0}
        supervisorSipUri={supervisorSipUri}
        watching={watching}
        memory={snapshot.memory}
        capabilityErrors={capabilities.errors}
        actionError={actions.actionError}
        onDismissActionError={actions.dismissActionError}
      />

      <BoardPanels
        toolbar={{
          filter,
          onFilter: setFilter,
          counts,
          search,
          onSearch: setSearch,
          sort,
          onSort: setSort,
        }}
        store={store}
        snapshot={snapshot}
        uccNames={uccNames}
        ledger={ledger}
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
          onResume={actions.onResume}
          onMark={actions.onMark}
          emptyText={counts.all === 0 ? t('boardEmpty') : t('boardNoMatch')}
        />
        <EventLog events={snapshot.events} limit={EVENT_LOG_SIZE} />
      </div>

      {actions.confirming && (
        <ResumeDialog
          call={actions.confirming}
          supervisorSipUri={supervisorSipUri}
          onCancel={actions.cancelResume}
          onConfirm={actions.confirmResume}
        />
      )}
    </main>
  )
}

function formatLimit(seconds: number): string {
  if (seconds % 60 === 0) return t('boardMinutes', seconds / 60)
  return t('boardSeconds', seconds)
}
