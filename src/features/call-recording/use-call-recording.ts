import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRecordingApi } from '../../api/api-context.tsx'
import type { RecordingAction } from '../../api/wire.ts'
import { useHubState, useLiveHandlers } from '../../live/live-context.tsx'
import {
  applyEvent,
  callStateKey,
  callStateQuery,
  capabilitiesQuery,
  confirmedWrite,
  lastEventSeq,
  markUnconfirmed,
  type CallRef,
  type CallStateEntry,
} from './call-state-query.ts'

/** The call's state, kept live: events patch it at once (unconfirmed) and a GET then decides. */
export function useCallState(call: CallRef) {
  const api = useRecordingApi()
  const queryClient = useQueryClient()
  const hubState = useHubState()
  const query = useQuery(callStateQuery(api, queryClient, call))
  const capabilities = useQuery(capabilitiesQuery(api, call.uccName))
  const queryKey = callStateKey(call)

  useLiveHandlers({
    onEvent(event) {
      if (
        event.uccName.toLowerCase() !== call.uccName.toLowerCase() ||
        event.correlationId.toLowerCase() !== call.correlationId.toLowerCase()
      ) {
        return
      }
      queryClient.setQueryData<CallStateEntry>(queryKey, (previous) =>
        previous ? applyEvent(previous, event.action, Date.now()) : previous,
      )
      void queryClient.invalidateQueries({ queryKey })
    },
    onResync() {
      queryClient.setQueryData<CallStateEntry>(queryKey, (previous) =>
        previous ? markUnconfirmed(previous) : previous,
      )
      void queryClient.invalidateQueries({ queryKey })
    },
  })

  return { query, capabilities, hubState }
}

/**
 * Applies an action. One at a time per call (a mutation scope); never retried: a POST that may
 * have taken effect is re-read, not repeated. The answer's state is shown only when it carries one
 * and no event for another action arrived meanwhile; otherwise a GET decides before it settles.
 */
export function useSetRecording(call: CallRef, requesterSipUri: string) {
  const api = useRecordingApi()
  const queryClient = useQueryClient()
  const queryKey = callStateKey(call)
  return useMutation({
    mutationKey: ['set-recording', ...queryKey.slice(1)],
    scope: { id: `set-recording:${queryKey.slice(1).join(':')}` },
    retry: false,
    mutationFn: (action: RecordingAction) =>
      api.setRecording({ ...call, action, requesterSipUri }),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey })
      const entry = queryClient.getQueryData<CallStateEntry>(queryKey)
      return { eventSeqBefore: lastEventSeq(entry) }
    },
    onSuccess: async (state, action, context) => {
      const current = queryClient.getQueryData<CallStateEntry>(queryKey)
      const eventsMeanwhile = (current?.recentEvents ?? []).filter((e) => e.seq > context.eventSeqBefore)
      if (state && eventsMeanwhile.every((announced) => announced.action === action)) {
        queryClient.setQueryData<CallStateEntry>(queryKey, (previous) => confirmedWrite(state, previous))
        return
      }
      await queryClient.invalidateQueries({ queryKey })
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey })
    },
  })
}
