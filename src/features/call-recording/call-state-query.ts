import { queryOptions, type QueryClient } from '@tanstack/react-query'
import type { RecordingApi } from '../../api/recording-api.ts'
import { isUnknownCallError } from '../../api/call-state.ts'
import {
  callEnded,
  newEntry,
  readAnswered,
  readFailed,
  readStarted,
  type CallEntry,
} from '../../recording-state/call-entry.ts'

// The agent view keeps each call's entry of the call-state core (src/recording-state) in the
// query cache; this file only wires the core's rules to TanStack Query.

export interface CallRef {
  uccName: string
  correlationId: string
}

export function callStateKey(call: CallRef) {
  return ['recording', call.uccName.toLowerCase(), call.correlationId.toLowerCase()] as const
}

/** The prefix of every call's key, for what concerns all calls (a resync). */
export const CALL_STATE_KEY_PREFIX = ['recording'] as const

export const CONFIRM_POLL_MS = 30_000
export const ERROR_POLL_MS = 5_000

export function callStateQuery(api: RecordingApi, queryClient: QueryClient, call: CallRef) {
  return queryOptions({
    queryKey: callStateKey(call),
    queryFn: async ({ signal, queryKey }): Promise<CallEntry> => {
      const current = () => queryClient.getQueryData<CallEntry>(queryKey) ?? newEntry(call)
      const token = readStarted(current())
      let state
      try {
        state = await api.getState(call.uccName, call.correlationId, signal)
      } catch (error) {
        // What is shown is no longer confirmed (the query's error says why); a call the panel
        // knew, which the service no longer knows, has ended.
        const entry = queryClient.getQueryData<CallEntry>(queryKey)
        if (entry && !signal.aborted) {
          const known = entry.state.recording !== 'Unknown'
          queryClient.setQueryData(
            queryKey,
            known && isUnknownCallError(error)
              ? callEnded(entry, token, Date.now()).entry
              : readFailed(entry),
          )
        }
        throw error
      }
      const step = readAnswered(current(), token, state, Date.now())
      // Something newer was written while this read was on its way: read again.
      if (step.read) queueMicrotask(() => void queryClient.invalidateQueries({ queryKey }))
      return step.entry
    },
    staleTime: Infinity,
    // Events keep it fresh; a slow poll still catches an event the hub never delivered.
    // A call that ended is not read again (an event for it would bring it back).
    refetchInterval: (query) =>
      query.state.data?.endedAt != null
        ? false
        : query.state.error
          ? ERROR_POLL_MS
          : CONFIRM_POLL_MS,
    retry: false,
  })
}
