import type { CallState } from '../../api/schemas.ts'
import type { RecordingAction } from '../../../protocol/wire.ts'
import { actionAnswered, actionFailed, actionSent } from '../../recording-state/action-flight.ts'
import { readStarted, type Step } from '../../recording-state/call-entry.ts'
import {
  boardActionSettled,
  boardRead,
  callKey,
  newBoardCall,
  type BoardCall,
  type ReadOutcome,
} from './board-call.ts'
import type { BoardCalls } from './board-calls.ts'
import type { BoardStoreOptions } from './board-snapshot.ts'

// The board's requests to the recording API for a call, and what the core makes of their answers:
// a state GET (sent when the read scheduler or a look-up says), and an action sent as the
// supervisor. Which call to read when is read-scheduler.ts's and id-lookups.ts's job.

export interface CallRequestsOptions extends Pick<BoardStoreOptions, 'api' | 'live' | 'observer'> {
  calls: Pick<BoardCalls, 'get' | 'has' | 'put' | 'keepWithinCap'>
  now: () => number
  /** Applies the events queued so far (before an action's answer: they are weighed before it). */
  applyQueued: () => void
  /** A call changed. */
  changed: () => void
  /** Reads may be wanted: let the read scheduler send them. */
  pump: () => void
}

export class CallRequests {
  private readonly options: CallRequestsOptions

  constructor(options: CallRequestsOptions) {
    this.options = options
  }

  /** Every state GET goes through here. */
  getState = (uccName: string, correlationId: string, signal: AbortSignal): Promise<CallState> => {
    this.options.observer?.getSent()
    return this.options.api.getState(uccName, correlationId, signal)
  }

  /** Reads a call on the board; an answer to a read that was cancelled, or for a call gone, is dropped. */
  readCall = (key: string, signal: AbortSignal): Promise<void> => {
    const { calls, now, changed } = this.options
    const call = calls.get(key)
    if (!call) return Promise.resolve()
    const token = readStarted(call)
    const done = (outcome: ReadOutcome) => {
      const current = calls.get(key)
      if (signal.aborted || !current) return
      calls.put(boardRead(current, token, outcome, now()))
      changed()
    }
    return this.getState(call.uccName, call.correlationId, signal).then(
      (state) => done({ state }),
      (error: unknown) => done({ error }),
    )
  }

  /** A look-up found an added id in `uccName`: the call joins the board, confirmed by that read. */
  placeFound = (uccName: string, id: string, state: CallState, sentAt: number): void => {
    const { calls, now } = this.options
    if (calls.has(callKey(uccName, id))) return // an event placed it meanwhile: that is newer
    const call = newBoardCall(uccName, id, sentAt)
    calls.put(boardRead(call, readStarted(call), { state }, now()), { sentAt })
    calls.keepWithinCap()
  }

  /**
   * Sends an action as the supervisor (`requesterSipUri` on the wire), one at a time per call,
   * never retried. The core judges the answer (by the live connection's stretch at both ends);
   * when it does not trust it, or the action failed, the call is read at once. A failure is
   * passed on.
   */
  async sendAction(key: string, action: RecordingAction, requesterSipUri: string): Promise<void> {
    const { calls, api, live, changed } = this.options
    const call = calls.get(key)
    if (!call || call.flight !== null) return
    calls.put({ entry: actionSent(call, action, live.getStretch(), 'supervisor'), read: false })
    changed()
    const input = { uccName: call.uccName, correlationId: call.correlationId, action }
    let answer: CallState | undefined
    try {
      answer = await api.setRecording({ ...input, requesterSipUri })
    } catch (error) {
      this.actionSettled(key, (current) => actionFailed(current))
      throw error
    }
    this.actionSettled(key, (current, now) =>
      actionAnswered(current, answer, live.getStretch(), now),
    )
  }

  private actionSettled(key: string, step: (call: BoardCall, now: number) => Step<BoardCall>) {
    const { calls, applyQueued, changed, pump } = this.options
    // What arrived before the answer is applied before it: the core must weigh every event that
    // came while the action was on its way (its echo needs no read; another action does).
    applyQueued()
    const call = calls.get(key)
    if (!call) return
    const now = this.options.now()
    calls.put(boardActionSettled(step(call, now), now), { atOnce: true })
    changed()
    pump()
  }
}
