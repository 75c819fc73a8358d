// Every change of the store, as the simulator passes it on: a line in its log (when it logs), and
// unless the change was silent, RecordingStateChangedEvent to every hub connection in the casing
// the settings ask for at that moment.
import { RECORDING_STATE_CHANGED_EVENT } from '../protocol/wire.ts'
import { recordingEventArgument } from './events.ts'
import type { Hub } from './hub/hub.ts'
import type { Settings } from './settings.ts'
import type { Change, Store } from './store.ts'

export interface ChangeFeed {
  store: Pick<Store, 'onChange'>
  hub: Pick<Hub, 'broadcast'>
  /** Read at each change: a casing changed through the control API applies to the next event. */
  settings: Pick<Settings, 'eventCasing'>
  /** Without it nothing is logged, not even a failed broadcast. */
  log?: ((line: string) => void) | undefined
}

/** The change log's line: who did what to which call, and the states after it. */
export function describeChange(change: Change): string {
  const event = change.event ? ` -> event ${change.stateAction}` : ''
  const states = `R${change.recordingState} M${change.markingState} S${change.savingState}`
  return `[${change.source}] ${change.action} ${change.uccName}/${change.correlationId} by ${change.requester} => ${states}${event}`
}

/** Logs and broadcasts every change of the store from now on. */
export function feedChanges({ store, hub, settings, log }: ChangeFeed): void {
  store.onChange((change) => {
    log?.(describeChange(change))
    if (!change.event || change.stateAction === null) return
    try {
      hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [
        recordingEventArgument(
          { ...change, stateAction: change.stateAction },
          settings.eventCasing,
        ),
      ])
    } catch (error) {
      log?.(`broadcast failed: ${String(error)}`)
    }
  })
}
