import { useEffect, useLayoutEffect, useState, useSyncExternalStore } from 'react'
import { useRecordingApi } from '../../api/api-context.tsx'
import { useLive } from '../../live/live-context.tsx'
import { BoardView, EVENT_LOG_SIZE, type SupervisorBoardProps } from './board.tsx'
import { BoardBench } from './board-metrics.ts'
import { BoardStore } from './board-store.ts'
import { openBoardMemory, type BoardMemoryOptions } from '../../ledger/board-memory.ts'
import { sharedLedger } from '../../ledger/shared-ledger.ts'
import { readPauseConfig } from '../../lib/pause-config.ts'
import { DEFAULT_MAX_CALLS } from './row-cap.ts'
import { localWatchList } from './watch-list.ts'

// The board's entry: its store, made once per board, from the address and config.json.

/** The board from the address and config.json, as the app hands them over (in the board's chunk). */
export function BoardFromAddress({
  route,
  config,
}: {
  route: Pick<SupervisorBoardProps, 'uccNames' | 'correlationIds' | 'problems' | 'supervisorSipUri'>
  config: Pick<SupervisorBoardProps, 'pauseAlertSeconds' | 'endedCallLingerSeconds'> & {
    boardMaxCalls: number
    /** config.json's pause and ledger keys, read here (src/lib/pause-config.ts). */
    pause: Readonly<Record<string, unknown>>
  }
}) {
  const { policies, ledgerRetentionDays } = readPauseConfig(config.pause)
  useEffect(() => {
    void sharedLedger.start({ retentionDays: ledgerRetentionDays })
  }, [ledgerRetentionDays])
  return (
    <SupervisorBoard
      uccNames={route.uccNames}
      correlationIds={route.correlationIds}
      problems={route.problems}
      pauseAlertSeconds={config.pauseAlertSeconds}
      endedCallLingerSeconds={config.endedCallLingerSeconds}
      maxCalls={config.boardMaxCalls}
      supervisorSipUri={route.supervisorSipUri}
      policies={policies}
      ledger={sharedLedger}
      retentionDays={ledgerRetentionDays}
      remember
    />
  )
}

/** The supervisor board: the app loads it lazily, in its own chunk. */
export function SupervisorBoard({
  bench = new URLSearchParams(window.location.search).get('bench') === '1',
  remember = false,
  ...props
}: SupervisorBoardProps & {
  /** Keep the board's calls and log in this browser's IndexedDB (src/ledger/board-memory.ts). */
  remember?: boolean | Pick<BoardMemoryOptions, 'indexedDB'>
}) {
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
        memory: remember
          ? () =>
              openBoardMemory({
                uccNames: props.uccNames,
                retentionDays: props.retentionDays ?? 30,
                maxCalls: props.maxCalls ?? DEFAULT_MAX_CALLS,
                maxLines: EVENT_LOG_SIZE,
                ...(remember === true ? {} : remember),
              })
          : undefined,
        // Every change the board sees goes on record, its own actions as the supervisor's.
        onEntry: (previous, next) =>
          props.ledger?.observe(previous, next, {
            actorSipUri: props.supervisorSipUri || null,
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
