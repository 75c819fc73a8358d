import type { QueryClient } from '@tanstack/react-query'
import type { LiveSink } from '../../live/live-connection.ts'
import type { RecordingEvent } from '../../live/parse-event.ts'
import {
  eventArrived,
  newEntry,
  resynced,
  type CallEntry,
} from '../../recording-state/call-entry.ts'
import { CALL_STATE_KEY_PREFIX, callStateKey } from './call-state-query.ts'

/**
 * The agent view's side of the live layer: hands each hub event to the cached call it concerns
 * (if any panel reads that call) through the call-state core, once, however many panels show it;
 * on a resync, every cached call is unconfirmed and read again. The app attaches it once.
 */
export function callCacheSink(queryClient: QueryClient): LiveSink {
  return {
    event(event: RecordingEvent) {
      const queryKey = callStateKey(event)
      const query = queryClient.getQueryCache().find<CallEntry>({ queryKey, exact: true })
      if (!query) return // no panel reads this call
      const step = eventArrived(query.state.data ?? newEntry(event), event.action, Date.now())
      queryClient.setQueryData(queryKey, step.entry)
      if (step.read) void queryClient.invalidateQueries({ queryKey, exact: true })
    },
    resync() {
      for (const query of queryClient
        .getQueryCache()
        .findAll({ queryKey: CALL_STATE_KEY_PREFIX })) {
        const entry = query.state.data as CallEntry | undefined
        if (entry) queryClient.setQueryData(query.queryKey, resynced(entry, Date.now()).entry)
      }
      void queryClient.invalidateQueries({ queryKey: CALL_STATE_KEY_PREFIX })
    },
  }
}
