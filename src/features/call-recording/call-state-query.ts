import { queryOptions, type QueryClient } from '@tanstack/react-query'
import { isApiError } from '../../api/api-error.ts'
import { deriveState } from '../../api/call-state.ts'
import type { RecordingApi } from '../../api/recording-api.ts'
import type { CallState } from '../../api/schemas.ts'
import type { RecordingAction } from '../../api/wire.ts'

export { actionName, deriveState, isUnknownCallError } from '../../api/call-state.ts'

export interface CallRef {
  uccName: string
  correlationId: string
}

/** What the panel knows of one call. `confirmed` is true only for a fresh read with no event since. */
export interface CallStateEntry {
  state: CallState
  confirmed: boolean
  /** When the panel first saw this pause (the service does not say). */
  pausedSince: number | null
  /** Bumped by every write that is not a GET: a GET that overlapped one is not trusted. */
  version: number
  /** The latest events for this call, oldest first (bounded); `seq` counts every event ever seen. */
  recentEvents: AnnouncedChange[]
}

export interface AnnouncedChange {
  seq: number
  action: RecordingAction | undefined
  at: number
}

const RECENT_EVENTS_KEPT = 20

export function callStateKey(call: CallRef) {
  return ['recording', call.uccName.toLowerCase(), call.correlationId.toLowerCase()] as const
}

export function capabilitiesKey(uccName: string) {
  return ['capabilities', uccName.toLowerCase()] as const
}

export const CONFIRM_POLL_MS = 30_000
export const ERROR_POLL_MS = 5_000

export function callStateQuery(api: RecordingApi, queryClient: QueryClient, call: CallRef) {
  const queryKey = callStateKey(call)
  return queryOptions({
    queryKey,
    queryFn: async ({ signal, queryKey }): Promise<CallStateEntry> => {
      const startVersion = queryClient.getQueryData<CallStateEntry>(queryKey)?.version ?? 0
      const state = await api.getState(call.uccName, call.correlationId, signal)
      const current = queryClient.getQueryData<CallStateEntry>(queryKey)
      if (current && current.version !== startVersion) {
        // Something newer was written while this read was on its way: it may be older than that.
        queueMicrotask(() => void queryClient.invalidateQueries({ queryKey }))
        return { ...current, confirmed: false }
      }
      return confirmedEntry(state, current)
    },
    staleTime: Infinity,
    // Events keep it fresh; a slow poll still catches an event the hub never delivered.
    refetchInterval: (query) => (query.state.error ? ERROR_POLL_MS : CONFIRM_POLL_MS),
    retry: false,
  })
}

export function capabilitiesQuery(api: RecordingApi, uccName: string) {
  return queryOptions({
    queryKey: capabilitiesKey(uccName),
    queryFn: ({ signal }) => api.getCapabilities(uccName, signal),
    staleTime: 5 * 60_000,
    retry: (failureCount, error) => isApiError(error) && error.isTransient && failureCount < 2,
  })
}

export function confirmedEntry(
  state: CallState,
  previous: CallStateEntry | undefined,
): CallStateEntry {
  return {
    state,
    confirmed: true,
    pausedSince: state.recording === 'Paused' ? (wasPaused(previous) ?? Date.now()) : null,
    version: previous?.version ?? 0,
    recentEvents: previous?.recentEvents ?? [],
  }
}

/** A confirmed write that is not a GET (the POST answer): bumps the version. */
export function confirmedWrite(
  state: CallState,
  previous: CallStateEntry | undefined,
): CallStateEntry {
  return { ...confirmedEntry(state, previous), version: (previous?.version ?? 0) + 1 }
}

/** The state an event announces, derived at once and marked unconfirmed until a GET says so. */
export function applyEvent(
  previous: CallStateEntry,
  action: RecordingAction | undefined,
  now: number,
): CallStateEntry {
  const state = deriveState(previous.state, action)
  return {
    state,
    confirmed: false,
    pausedSince:
      state.recording === 'Paused'
        ? previous.state.recording === 'Paused'
          ? previous.pausedSince
          : now
        : null,
    version: previous.version + 1,
    recentEvents: [
      ...previous.recentEvents.slice(1 - RECENT_EVENTS_KEPT),
      { seq: lastEventSeq(previous) + 1, action, at: now },
    ],
  }
}

/**
 * The echo of the panel's own action in flight: recorded (so the POST's answer can be checked
 * against it) but not applied, and no GET: the view is already unconfirmed while the action is in
 * flight, and the POST's answer (or the GET after it) decides.
 */
export function noteEcho(
  previous: CallStateEntry,
  action: RecordingAction | undefined,
  now: number,
): CallStateEntry {
  return {
    ...previous,
    version: previous.version + 1,
    recentEvents: [
      ...previous.recentEvents.slice(1 - RECENT_EVENTS_KEPT),
      { seq: lastEventSeq(previous) + 1, action, at: now },
    ],
  }
}

export function markUnconfirmed(previous: CallStateEntry): CallStateEntry {
  return { ...previous, confirmed: false, version: previous.version + 1 }
}

export function lastEventSeq(entry: CallStateEntry | undefined): number {
  return entry?.recentEvents.at(-1)?.seq ?? 0
}

function wasPaused(previous: CallStateEntry | undefined): number | undefined {
  return previous?.state.recording === 'Paused' && previous.pausedSince !== null
    ? previous.pausedSince
    : undefined
}
