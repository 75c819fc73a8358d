import { createContext, use, useSyncExternalStore, type ReactNode } from 'react'
import type { HubState, LiveConnection } from './live-connection.ts'

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
