import { createContext, use, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react'
import type { HubState, LiveConnection } from './live-connection.ts'
import type { RecordingEvent } from './parse-event.ts'

const LiveContext = createContext<LiveConnection | null>(null)

export function LiveProvider({ live, children }: { live: LiveConnection; children: ReactNode }) {
  return <LiveContext value={live}>{children}</LiveContext>
}

export function useLive(): LiveConnection {
  const live = use(LiveContext)
  if (!live) throw new Error('useLive needs a <LiveProvider>')
  return live
}

export function useHubState(): HubState {
  const live = useLive()
  return useSyncExternalStore(live.subscribeState, live.getState)
}

/** Subscribes to events and resyncs for as long as the component is mounted; handlers may change freely. */
export function useLiveHandlers(handlers: {
  onEvent?: (event: RecordingEvent) => void
  onResync?: () => void
}): void {
  const live = useLive()
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })
  useEffect(() => {
    return live.attach({
      event: (event) => latest.current.onEvent?.(event),
      resync: () => latest.current.onResync?.(),
    })
  }, [live])
}
