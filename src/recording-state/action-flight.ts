import type { CallState } from '../api/schemas.ts'
import type { RecordingAction } from '../../protocol/wire.ts'
import type { ActionSource, CallEntry, Flight, Step } from './call-entry.ts'
import { changeOf, noted, unconfirmed, withState } from './entry-change.ts'

// An action this panel sends for a call, and when its answer may be trusted (docs/decisions/0004):
// the action-in-flight half of the call-entry core (call-entry.ts). Pure, like it.

/** An action is sent. While it is on its way the service may already have applied it: unconfirmed. */
export function actionSent<E extends CallEntry>(
  entry: E,
  action: RecordingAction,
  stretch: number | null,
  source: ActionSource,
): E {
  return {
    ...entry,
    confirmed: false,
    version: entry.version + 1,
    flight: { action, source, stretch, otherAction: false },
  }
}

/**
 * The action's answer arrived. It is shown as confirmed only when it carries the call's full state
 * (`answer`), the live connection stayed on one unbroken stretch throughout (so every event
 * meanwhile was seen), and every event meanwhile announced this same action. Otherwise a read decides.
 */
export function actionAnswered<E extends CallEntry>(
  entry: E,
  answer: CallState | undefined,
  stretchNow: number | null,
  now: number,
): Step<E> {
  const flight = entry.flight
  const trusted =
    answer !== undefined &&
    flight !== null &&
    flight.stretch !== null &&
    flight.stretch === stretchNow &&
    !flight.otherAction
  if (!trusted) return { entry: { ...unconfirmed(entry), ...unanswered(flight) }, read: true }
  return {
    entry: {
      ...entry,
      ...withState(entry, answer, now, true),
      confirmed: true,
      version: entry.version + 1,
      flight: null,
      endedAt: null,
      endedWhilePaused: false,
      ...noted(entry, changeOf(entry.state, answer, flight.source, now)),
      unattributed: null,
    },
    read: false,
  }
}

/** The action failed: it may have taken effect anyway. Never repeated: a read decides. */
export function actionFailed<E extends CallEntry>(entry: E): Step<E> {
  return { entry: { ...unconfirmed(entry), ...unanswered(entry.flight) }, read: true }
}

/** The flight ends without its answer saying what it did: the read that follows may credit it. */
function unanswered(flight: Flight | null): Pick<CallEntry, 'flight' | 'unattributed'> {
  return {
    flight: null,
    unattributed: flight ? { action: flight.action, source: flight.source } : null,
  }
}
