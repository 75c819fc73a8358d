import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { useRecordingApi } from '../../api/api-context.tsx'
import { capabilitiesQuery } from '../../api/capabilities-query.ts'
import type { CallState } from '../../api/schemas.ts'
import { actionName } from '../../api/call-state.ts'
import type { RecordingAction } from '../../../protocol/wire.ts'
import { t } from '../../i18n/messages.ts'
import { useHubState, useLive } from '../../live/live-context.tsx'
import { actionAnswered, actionFailed, actionSent } from '../../recording-state/action-flight.ts'
import type { ActionSource, CallEntry } from '../../recording-state/call-entry.ts'
import { showsEffectOf } from '../../recording-state/derive-state.ts'
import { callStateKey, callStateQuery, type CallRef } from './call-state-query.ts'

/** The call's state, kept live: the app's live sink patches it at once (unconfirmed), a read decides. */
export function useCallState(call: CallRef) {
  const api = useRecordingApi()
  const queryClient = useQueryClient()
  const hubState = useHubState()
  const options = callStateQuery(api, queryClient, call)
  const query = useQuery(options)
  const capabilities = useQuery(capabilitiesQuery(api, call.uccName))
  /** A fresh read, never the cached state (the pause guard acts only on one). */
  const reread = () => queryClient.fetchQuery({ ...options, staleTime: 0 })
  return { query, capabilities, hubState, reread }
}

/** An action and who sends it: the agent's click, the pause guard, or a host page. */
export interface SendAction {
  action: RecordingAction
  source: Exclude<ActionSource, 'supervisor'>
}

/**
 * Applies an action. One at a time per call (a mutation scope); never retried: a POST that may
 * have taken effect is re-read, not repeated. Whether its answer is trusted is the core's rule.
 */
export function useSetRecording(call: CallRef, requesterSipUri: string) {
  const api = useRecordingApi()
  const live = useLive()
  const queryClient = useQueryClient()
  const queryKey = callStateKey(call)
  const update = (change: (entry: CallEntry) => CallEntry) =>
    queryClient.setQueryData<CallEntry>(queryKey, (entry) => (entry ? change(entry) : entry))
  return useMutation({
    mutationKey: ['set-recording', ...queryKey.slice(1)],
    scope: { id: `set-recording:${queryKey.slice(1).join(':')}` },
    retry: false,
    mutationFn: ({ action }: SendAction) => api.setRecording({ ...call, action, requesterSipUri }),
    onMutate: async ({ action, source }) => {
      await queryClient.cancelQueries({ queryKey })
      update((entry) => actionSent(entry, action, live.getStretch(), source))
    },
    onSuccess: async (answer, { action }) => {
      let read = false
      update((entry) => {
        const step = actionAnswered(entry, answer, live.getStretch(), Date.now())
        read = step.read
        return step.entry
      })
      if (read) await queryClient.invalidateQueries({ queryKey })
      // "Success" that did not take effect is a known failure of recording services: say so.
      const after = queryClient.getQueryData<CallEntry>(queryKey)
      if (after?.confirmed && !showsEffectOf(after.state, action)) {
        throw new ActionWithoutEffectError(action, after.state)
      }
    },
    onError: (error) => {
      // That state was just read: nothing more to confirm.
      if (error instanceof ActionWithoutEffectError) return
      update((entry) => actionFailed(entry).entry)
      void queryClient.invalidateQueries({ queryKey })
    },
  })
}

/** The service answered success, but a fresh read shows the recorder did not do it. */
export class ActionWithoutEffectError extends Error {
  constructor(action: RecordingAction, state: CallState) {
    super(t('noEffect', actionName(action), state.recording, state.marking, state.saving))
    this.name = 'ActionWithoutEffectError'
  }
}
