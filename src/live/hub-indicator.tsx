import type { HubState } from './live-connection.ts'

const LOOK: Record<HubState, { label: string; dot: string }> = {
  Connected: { label: 'Live', dot: 'bg-emerald-600' },
  Connecting: { label: 'Connecting…', dot: 'bg-amber-500' },
  Reconnecting: { label: 'Reconnecting…', dot: 'bg-amber-500 animate-pulse' },
  Disconnected: { label: 'Offline — retrying', dot: 'bg-red-600' },
}

/** The live connection's state, for QA (`data-state`) and for people (a dot and a word). */
export function HubIndicator({ state }: { state: HubState }) {
  const look = LOOK[state]
  return (
    <span
      data-testid="hub-state"
      data-state={state}
      className="inline-flex items-center gap-1.5 rounded-full border border-slate-400 px-2 py-0.5 text-xs font-semibold text-slate-900 dark:border-slate-500 dark:text-slate-100"
    >
      <span aria-hidden="true" className={`size-2 rounded-full ${look.dot}`} />
      <span>
        <span className="sr-only">Live updates: </span>
        {look.label}
      </span>
    </span>
  )
}
