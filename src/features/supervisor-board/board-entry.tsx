import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { useRecordingApi } from '../../api/api-context.tsx'
import { useLive } from '../../live/live-context.tsx'
import { BoardView, EVENT_LOG_SIZE, type SupervisorBoardProps } from './board.tsx'
import { BoardBench } from './board-metrics.ts'
import { BoardStore } from './board-store.ts'
import { sharedLedger } from '../../ledger/shared-ledger.ts'
import { pausePolicies } from '../../recording-state/pause-policy.ts'
import { localWatchList } from './watch-list.ts'

// The board's entry: its store, made once per board, from the address and config.json.

/** The board from the address and config.json, as the app hands them over (in the board's chunk). */
export function BoardFromAddress({
  route,
  config,
}: {
  route: Pick<SupervisorBoardProps, 'uccNames' | 'correlationIds' | 'problems'>
  config: Pick<
    SupervisorBoardProps,
    'pauseAlertSeconds' | 'endedCallLingerSeconds' | 'requesterSipUri'
  > &
    Parameters<typeof pausePolicies>[0] & { boardMaxCalls: number; ledgerRetentionDays: number }
}) {
  const [policies] = useState(() => pausePolicies(config))
  useEffect(() => {
    void sharedLedger.start({ retentionDays: config.ledgerRetentionDays })
  }, [config.ledgerRetentionDays])
  return (
    <SupervisorBoard
      uccNames={route.uccNames}
      correlationIds={route.correlationIds}
      problems={route.problems}
      pauseAlertSeconds={config.pauseAlertSeconds}
      endedCallLingerSeconds={config.endedCallLingerSeconds}
      maxCalls={config.boardMaxCalls}
      requesterSipUri={config.requesterSipUri}
      policies={policies}
      ledger={sharedLedger}
    />
  )
}

/** The supervisor board: the app loads it lazily, in its own chunk. */
export function SupervisorBoard({
  bench = new URLSearchParams(window.location.search).get('bench') === '1',
  ...props
}: SupervisorBoardProps) {
  const api = useRecordingApi()
  const live = useLive()
  const [benchObserver] = useState(() => (bench ? new BoardBench() : undefined))
  const [store] = useState(
    () =>
      new BoardStore({
        api,
        live,
        uccNames: props.uccNames,
        endedLingerMs: props.endedCallLingerSeconds * 1000,
        maxCalls: props.maxCalls,
        eventLogSize: EVENT_LOG_SIZE,
        observer: benchObserver,
        watchList: localWatchList(props.uccNames),
        // Every change the board sees goes on record, its own actions as the supervisor's.
        onEntry: (previous, next) =>
          props.ledger?.observe(previous, next, {
            actorSipUri: props.requesterSipUri || null,
            now: Date.now(),
          }),
        onForget: (call) => props.ledger?.forget(call.state.uccName, call.correlationId),
      }),
  )
  useEffect(() => {
    if (benchObserver) window.__boardMetrics = benchObserver.metrics
  }, [benchObserver])
  return (
    <>
      <BoardView store={store} {...props} />
      {benchObserver && <BenchCommits store={store} bench={benchObserver} />}
    </>
  )
}

/** For the benchmark: each commit of a new snapshot shows what the store applied in its last frame. */
function BenchCommits({ store, bench }: { store: BoardStore; bench: BoardBench }) {
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot)
  useLayoutEffect(() => bench.committed(), [bench, snapshot])
  return null
}
