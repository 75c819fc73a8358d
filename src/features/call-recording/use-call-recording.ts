import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRecordingApi } from '../../api/api-context.tsx'
import { deriveState } from '../../api/call-state.ts'
import type { CallState } from '../../api/schemas.ts'
import { RecordingAction, nameOf } from '../../api/wire.ts'
import { useHubState, useLive, useLiveHandlers } from '../../live/live-context.tsx'
import {
  applyEvent,
  callStateKey,
  callStateQuery,
  capabilitiesQuery,
  confirmedWrite,
  lastEventSeq,
  markUnconfirmed,
  noteEcho,
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
      const echo =
        queryClient.isMutating({
          mutationKey: setRecordingKey(queryKey),
          predicate: (mutation) => mutation.state.variables === event.action,
        }) > 0
      if (echo) {
        queryClient.setQueryData<CallStateEntry>(queryKey, (previous) =>
          previous ? noteEcho(previous, event.action, Date.now()) : previous,
        )
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

function setRecordingKey(queryKey: ReturnType<typeof callStateKey>) {
  return ['set-recording', ...queryKey.slice(1)] as const
}

/**
 * Applies an action. One at a time per call (a mutation scope); never retried: a POST that may
 * have taken effect is re-read, not repeated. The answer's state is shown only when it carries one,
 * the hub stayed connected throughout, and no event for another action arrived meanwhile;
 * otherwise a GET decides before it settles.
 */
export function useSetRecording(call: CallRef, requesterSipUri: string) {
  const api = useRecordingApi()
  const live = useLive()
  const queryClient = useQueryClient()
  const queryKey = callStateKey(call)
  return useMutation({
    mutationKey: setRecordingKey(queryKey),
    scope: { id: `set-recording:${queryKey.slice(1).join(':')}` },
    retry: false,
    mutationFn: (action: RecordingAction) => api.setRecording({ ...call, action, requesterSipUri }),
    onMutate: async () => {
      await queryClient.cancelQueries({ queryKey })
      const entry = queryClient.getQueryData<CallStateEntry>(queryKey)
      const connectedThroughout = live.getState() === 'Connected'
      return {
        eventSeqBefore: lastEventSeq(entry),
        connectionBefore: connectedThroughout ? (live.getStretch() ?? -1) : -1,
      }
    },
    onSuccess: async (state, action, context) => {
      const current = queryClient.getQueryData<CallStateEntry>(queryKey)
      const eventsMeanwhile = (current?.recentEvents ?? []).filter(
        (e) => e.seq > context.eventSeqBefore,
      )
      // Events are a complete account of the flight only if the hub stayed connected throughout.
      const eventsComplete =
        live.getStretch() === context.connectionBefore
      if (
        state &&
        eventsComplete &&
        eventsMeanwhile.every((announced) => announced.action === action)
      ) {
        queryClient.setQueryData<CallStateEntry>(queryKey, (previous) =>
          confirmedWrite(state, previous),
        )
      } else {
        await queryClient.invalidateQueries({ queryKey })
      }
      // "Success" that did not take effect is a known failure of recording services: say so.
      const after = queryClient.getQueryData<CallStateEntry>(queryKey)
      if (after?.confirmed && !showsEffectOf(after.state, action)) {
        throw new ActionWithoutEffectError(action, after.state)
      }
    },
    onError: (error) => {
      // That state was just read: nothing more to confirm.
      if (error instanceof ActionWithoutEffectError) return
      // The action may have taken effect (its echo was only noted): unconfirmed until re-read.
      queryClient.setQueryData<CallStateEntry>(queryKey, (previous) =>
        previous ? markUnconfirmed(previous) : previous,
      )
      void queryClient.invalidateQueries({ queryKey })
    },
  })
}

/** The service answered success, but a fresh read shows the recorder did not do it. */
export class ActionWithoutEffectError extends Error {
  constructor(action: RecordingAction, state: CallState) {
    super(
      `The recording service accepted ${nameOf(RecordingAction, action) ?? 'the action'}, but a fresh read shows the recorder ${state.recording}, marking ${state.marking}, saving ${state.saving}. It may not have taken effect, or another party changed it since. Check the state before going on.`,
    )
    this.name = 'ActionWithoutEffectError'
  }
}

function showsEffectOf(state: CallState, action: RecordingAction): boolean {
  const expected = deriveState(state, action)
  return (
    expected.recording === state.recording &&
    expected.marking === state.marking &&
    expected.saving === state.saving
  )
}
