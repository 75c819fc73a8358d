import { isApiError } from '../../api/api-error.ts'
import { isUnknownCallError } from '../../api/call-state.ts'
import type { RecordingApi } from '../../api/recording-api.ts'
import type { CallState } from '../../api/schemas.ts'
import type { RecordingAction } from '../../api/wire.ts'
import type { LiveConnection } from '../../live/live-connection.ts'
import type { RecordingEvent } from '../../live/parse-event.ts'
import {
  actionAnswered,
  actionFailed,
  actionSent,
  callEnded,
  eventArrived,
  readAnswered,
  readFailed,
  readStarted,
  resynced,
  type Step,
} from '../../recording-state/call-entry.ts'
import { asApiError, callKey, newBoardCall, type BoardCall } from './board-call.ts'
import { EndedSweep } from './ended-sweep.ts'
import { EventLogBuffer, type LoggedEvent } from './event-log-buffer.ts'
import { FrameBatch } from './frame-batch.ts'
import { IdLookups, type Lookup } from './id-lookups.ts'
import { ReadScheduler } from './read-scheduler.ts'
import { WatchedIds, type WatchList } from './watch-list.ts'

// The board's calls live here, not in TanStack Query: thousands of calls and hundreds of events a
// second need one batched update per frame and a GET budget, not a query per call
// (docs/decisions/0007-board-store.md). What a call's state is, and whether it is confirmed, is
// decided by the core (src/recording-state/call-entry.ts, docs/decisions/0004); this store only
// routes events, reads and actions to it, and hands each job to its own piece.

export interface BoardSnapshot {
  /** Changes with every published change, at most once per frame. */
  readonly version: number
  readonly calls: readonly BoardCall[]
  readonly lookups: readonly Lookup[]
  /** Newest first, at most `eventLogSize`. */
  readonly events: readonly LoggedEvent[]
}

/** Told what the store does, for measuring it (the benchmark); nothing on the board depends on it. */
export interface BoardObserver {
  /** A hub event reached the store (for any UCC). */
  eventReceived(): void
  /** One frame applied these events to the board's calls: their arrival times (performance.now()). */
  eventsApplied(arrivedAt: readonly number[]): void
  /** A state GET was sent (a confirmation, or a look-up of an added id). */
  getSent(): void
}

export interface BoardStoreOptions {
  api: Pick<RecordingApi, 'getState' | 'setRecording'>
  /** The store attaches itself while started; an action's answer is judged by its stretch. */
  live: Pick<LiveConnection, 'attach' | 'getStretch'>
  uccNames: readonly string[]
  endedLingerMs: number
  /** GETs in flight at once. */
  maxInFlight?: number
  /** At most one GET per call in this time. */
  minGetIntervalMs?: number
  /** Confirmations of calls that are not on screen, per second (a token bucket). */
  backgroundGetsPerSecond?: number
  /** A confirmed call on screen is read again after this long (an ended call sends no event). */
  recheckVisibleMs?: number
  eventLogSize?: number
  observer?: BoardObserver
  watchList?: WatchList
  now?: () => number
}

export class BoardStore {
  private readonly api: BoardStoreOptions['api']
  private readonly live: BoardStoreOptions['live']
  private readonly observer: BoardObserver | undefined
  private readonly now: () => number
  private readonly uccNames: readonly string[]
  private readonly uccByLower: Map<string, string>
  private readonly calls = new Map<string, BoardCall>()
  private readonly frame = new FrameBatch(() => this.flush())
  private readonly reads: ReadScheduler
  private readonly lookups: IdLookups
  private readonly log: EventLogBuffer
  private readonly sweep: EndedSweep
  private readonly watched: WatchedIds
  private queue: { event: RecordingEvent; arrivedAt: number }[] = []
  private running = false
  private dirty = false
  private detach: (() => void) | undefined
  private snapshot: BoardSnapshot = { version: 0, calls: [], lookups: [], events: [] }
  private readonly listeners = new Set<() => void>()

  constructor(options: BoardStoreOptions) {
    this.api = options.api
    this.live = options.live
    this.observer = options.observer
    this.now = options.now ?? Date.now
    this.uccNames = options.uccNames
    this.uccByLower = new Map(options.uccNames.map((name) => [name.toLowerCase(), name]))
    const minGetIntervalMs = options.minGetIntervalMs ?? 5_000
    this.lookups = new IdLookups({
      uccNames: options.uccNames,
      retryMs: minGetIntervalMs,
      now: this.now,
      getState: this.getState,
      found: this.placeFound,
      notFound: (correlationId) => this.watched.remove(correlationId),
      changed: () => this.markDirty(),
    })
    this.reads = new ReadScheduler({
      maxInFlight: options.maxInFlight,
      minGetIntervalMs,
      backgroundGetsPerSecond: options.backgroundGetsPerSecond,
      recheckVisibleMs: options.recheckVisibleMs,
      now: this.now,
      readable: (key) => this.calls.get(key)?.endedAt === null,
      readCall: this.readCall,
      lookups: this.lookups,
    })
    this.log = new EventLogBuffer({
      size: options.eventLogSize ?? 300,
      now: this.now,
      onDue: () => this.markDirty(),
    })
    this.sweep = new EndedSweep({
      lingerMs: options.endedLingerMs,
      now: this.now,
      remove: this.removeEnded,
    })
    // Reading the saved watch list has no side effect; nothing is requested before start().
    this.watched = new WatchedIds(options.watchList)
    this.lookups.add(this.watched.values(), this.isOnBoard)
    this.publish()
  }

  // For useSyncExternalStore

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): BoardSnapshot => this.snapshot

  // Lifecycle (StrictMode may stop and start again)

  start(): void {
    if (this.running) return
    this.running = true
    this.detach = this.live.attach({
      event: (event, arrivedAt) => this.receiveEvent(event, arrivedAt),
      resync: () => this.resync(),
    })
    this.reads.start()
    this.sweep.start()
    this.log.start()
    if (this.queue.length > 0 || this.dirty) this.frame.schedule()
    this.reads.pump()
  }

  stop(): void {
    this.running = false
    this.detach?.()
    this.detach = undefined
    this.frame.cancel()
    this.reads.stop()
    this.sweep.stop()
    this.log.stop()
  }

  // Inputs

  /** From the live connection, for any call: queued, applied on the next frame. */
  receiveEvent(event: RecordingEvent, arrivedAt: number): void {
    this.observer?.eventReceived()
    if (!this.uccByLower.has(event.uccName.toLowerCase())) return
    this.queue.push({ event, arrivedAt })
    if (this.running) this.frame.schedule()
  }

  /** The connection is back: events may have been lost, so nothing shown is confirmed until read again. */
  resync(): void {
    this.reads.resync()
    this.lookups.resync()
    for (const call of this.calls.values()) this.put(resynced(call))
    this.markDirty()
    this.reads.pump()
  }

  /** Ids (GUIDs) pasted by a supervisor or given in the address: watched, and looked up unless known. */
  addIds(ids: readonly string[]): void {
    this.watched.add(ids)
    this.lookups.add(ids, this.isOnBoard)
    this.markDirty()
    this.reads.pump()
  }

  dismissLookup(correlationId: string): void {
    this.dropLookup(correlationId)
    this.watched.remove(correlationId)
    this.markDirty()
  }

  /** The keys of the rows on screen (and just around it): read first. */
  setVisible(keys: readonly string[]): void {
    this.reads.setVisible(keys)
  }

  /**
   * Sends an action as `requesterSipUri`, one at a time per call, never retried. The core judges
   * the answer (by the live connection's stretch at both ends); when it does not trust it, or the
   * action failed, the call is read at once.
   */
  async sendAction(key: string, action: RecordingAction, requesterSipUri: string): Promise<void> {
    const call = this.calls.get(key)
    if (!call || call.flight !== null) return
    this.put({ entry: actionSent(call, action, this.live.getStretch()), read: false })
    this.markDirty()
    const { uccName, correlationId } = call
    let answer: CallState | undefined
    try {
      answer = await this.api.setRecording({ uccName, correlationId, action, requesterSipUri })
    } catch (error) {
      this.afterAction(key, (current) => actionFailed(current))
      throw error
    }
    this.afterAction(key, (current, now) =>
      actionAnswered(current, answer, this.live.getStretch(), now),
    )
  }

  // Applying events, once per frame

  private flush(): void {
    if (!this.running) return
    if (this.queue.length > 0) {
      const queue = this.queue
      this.queue = []
      const now = this.now()
      this.log.add(queue.map(({ event }) => this.applyEvent(event, now)))
      this.observer?.eventsApplied(queue.map(({ arrivedAt }) => arrivedAt))
      this.dirty = true
    }
    if (this.dirty) this.publish()
    this.reads.pump()
  }

  private applyEvent(event: RecordingEvent, now: number): Omit<LoggedEvent, 'seq'> {
    const { correlationId, action } = event
    const uccName = this.uccByLower.get(event.uccName.toLowerCase()) ?? event.uccName
    const key = callKey(uccName, correlationId)
    const previous = this.calls.get(key) ?? newBoardCall(uccName, correlationId, now)
    const { entry, read } = eventArrived(previous, action, now)
    this.put({ entry: { ...entry, lastActivityAt: now, endedMessage: null }, read })
    // An added id that an event placed: no need to look it up any more.
    if (this.lookups.has(correlationId)) this.dropLookup(correlationId)
    return { at: now, uccName, correlationId, action }
  }

  // Reads

  /** Every state GET goes through here. */
  private getState = (uccName: string, correlationId: string, signal: AbortSignal) => {
    this.observer?.getSent()
    return this.api.getState(uccName, correlationId, signal)
  }

  private readCall = (key: string, signal: AbortSignal): Promise<void> => {
    const call = this.calls.get(key)
    if (!call) return Promise.resolve()
    const token = readStarted(call)
    return this.getState(call.uccName, call.correlationId, signal).then(
      (state) => {
        if (!signal.aborted) this.readDone(key, token, state, undefined)
      },
      (error: unknown) => {
        if (!signal.aborted) this.readDone(key, token, undefined, error)
      },
    )
  }

  private readDone(key: string, token: number, state: CallState | undefined, error: unknown): void {
    const call = this.calls.get(key)
    if (!call) return
    const now = this.now()
    if (state) {
      const step = readAnswered(call, token, state, now)
      this.put(step.read ? step : { entry: { ...step.entry, readError: null }, read: false })
      if (!step.read) this.reads.confirmed(key, now)
    } else if (isUnknownCallError(error)) {
      const step = callEnded(call, token, now)
      const endedMessage = isApiError(error) ? (error.serverMessage ?? null) : null
      this.put(step.read ? step : { entry: { ...step.entry, endedMessage }, read: false })
      if (!step.read) this.reads.unwant(key)
    } else {
      this.put({ entry: { ...readFailed(call), readError: asApiError(error) }, read: true })
    }
    this.markDirty()
  }

  /** A look-up found an added id in `uccName`: the call joins the board, confirmed by that read. */
  private placeFound = (
    uccName: string,
    correlationId: string,
    state: CallState,
    sentAt: number,
  ) => {
    const key = callKey(uccName, correlationId)
    if (this.calls.has(key)) return // an event placed it meanwhile: that is newer
    const call = newBoardCall(uccName, correlationId, sentAt)
    const now = this.now()
    this.put(readAnswered(call, readStarted(call), state, now))
    this.reads.confirmed(key, now, sentAt)
  }

  private afterAction(key: string, step: (call: BoardCall, now: number) => Step<BoardCall>): void {
    const call = this.calls.get(key)
    if (!call) return
    const now = this.now()
    const { entry, read } = step(call, now)
    const readError = read ? entry.readError : null
    this.put({ entry: { ...entry, lastActivityAt: now, readError }, read: false })
    if (read) this.reads.wantNow(key)
    else this.reads.confirmed(key, now)
    this.markDirty()
    this.reads.pump()
  }

  // Helpers

  /** Keeps a call as the core left it, and asks for the read the core says must now decide. */
  private put({ entry, read }: Step<BoardCall>): void {
    this.calls.set(entry.key, entry)
    this.sweep.note(entry.key, entry.endedAt)
    if (read) this.reads.want(entry.key)
  }

  private removeEnded = (keys: readonly string[]): void => {
    for (const key of keys) {
      const call = this.calls.get(key)
      if (!call) continue
      this.calls.delete(key)
      this.reads.forget(key)
      this.watched.remove(call.correlationId)
    }
    this.markDirty()
  }

  private isOnBoard = (correlationId: string): boolean =>
    this.uccNames.some((uccName) => this.calls.has(callKey(uccName, correlationId)))

  private dropLookup(correlationId: string): void {
    this.lookups.drop(correlationId)
    this.reads.cancelLookup(correlationId.toLowerCase())
  }

  private markDirty(): void {
    this.dirty = true
    if (this.running) this.frame.schedule()
  }

  private publish(): void {
    this.dirty = false
    this.snapshot = {
      version: this.snapshot.version + 1,
      calls: Array.from(this.calls.values()),
      lookups: this.lookups.list(),
      events: this.log.take(),
    }
    for (const listener of this.listeners) listener()
  }
}
