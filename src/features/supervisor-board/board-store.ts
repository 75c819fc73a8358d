import type { RecordingAction } from '../../../protocol/wire.ts'
import type { RecordingEvent } from '../../live/parse-event.ts'
import { resynced } from '../../recording-state/call-entry.ts'
import { boardEvent, callKey, newBoardCall } from './board-call.ts'
import { BoardCalls } from './board-calls.ts'
import { CallRequests } from './call-requests.ts'
import { EndedSweep } from './ended-sweep.ts'
import { EventIntake, type AcceptedEvent } from './event-intake.ts'
import { EventLogBuffer, type LoggedEvent } from './event-log-buffer.ts'
import { FramePublisher } from './frame-batch.ts'
import { IdLookups } from './id-lookups.ts'
import type { BoardSnapshot, BoardStoreOptions } from './board-snapshot.ts'
import { ReadScheduler } from './read-scheduler.ts'
import { DEFAULT_MAX_CALLS } from './row-cap.ts'
import { StoreMemory, type Restoration } from './store-memory.ts'
import { WatchedIds } from './watch-list.ts'

// The board's calls live here, not in TanStack Query: thousands of calls and hundreds of events a
// second need one batched update per frame and a GET budget, not a query per call
// (docs/decisions/0007-board-store.md). What a call's state is, and whether it is confirmed, is
// decided by the core (src/recording-state/call-entry.ts, docs/decisions/0004); this store only
// routes events, reads and actions to it, and hands each job to its own piece.

export class BoardStore {
  private readonly options: BoardStoreOptions
  private readonly now: () => number
  private readonly intake: EventIntake
  private readonly calls: BoardCalls
  private readonly requests: CallRequests
  private readonly view: FramePublisher<BoardSnapshot>
  private readonly reads: ReadScheduler
  private readonly lookups: IdLookups
  private readonly log: EventLogBuffer
  private readonly sweep: EndedSweep
  private readonly watched: WatchedIds
  private readonly memory: StoreMemory
  private version = 0
  private detach: (() => void) | undefined

  constructor(options: BoardStoreOptions) {
    this.options = options
    this.now = options.now ?? Date.now
    this.intake = new EventIntake(options.uccNames)
    const minGetIntervalMs = options.minGetIntervalMs ?? 5_000
    this.lookups = new IdLookups({
      uccNames: options.uccNames,
      retryMs: minGetIntervalMs,
      now: this.now,
      getState: (...get) => this.requests.getState(...get),
      found: (...found) => this.requests.placeFound(...found),
      notFound: (correlationId) => this.watched.remove(correlationId),
      changed: () => this.view.changed(),
    })
    this.reads = new ReadScheduler({
      maxInFlight: options.maxInFlight,
      minGetIntervalMs,
      backgroundGetsPerSecond: options.backgroundGetsPerSecond,
      recheckVisibleMs: options.recheckVisibleMs,
      now: this.now,
      readable: (key) => this.calls.get(key)?.endedAt === null,
      readCall: (key, signal) => this.requests.readCall(key, signal),
      lookups: this.lookups,
    })
    this.log = new EventLogBuffer({
      size: options.eventLogSize ?? 300,
      now: this.now,
      onDue: () => this.view.changed(),
    })
    this.sweep = new EndedSweep({
      lingerMs: options.endedLingerMs,
      now: this.now,
      remove: (keys) => this.calls.remove(keys),
    })
    // Reading the saved watch list has no side effect; nothing is requested before start().
    this.watched = new WatchedIds(options.watchList)
    this.memory = new StoreMemory({
      open: options.memory,
      everyMs: options.saveEveryMs,
      uccNames: options.uccNames,
      endedLingerMs: options.endedLingerMs,
      now: this.now,
      lines: () => this.log.lines(),
      changed: () => this.view.changed(),
    })
    this.calls = new BoardCalls({
      uccNames: options.uccNames,
      maxCalls: options.maxCalls ?? DEFAULT_MAX_CALLS,
      now: this.now,
      onEntry: options.onEntry,
      onForget: options.onForget,
      reads: this.reads,
      sweep: this.sweep,
      memory: this.memory,
      watched: this.watched,
      changed: () => this.view.changed(),
    })
    this.requests = new CallRequests({
      api: options.api,
      live: options.live,
      observer: options.observer,
      calls: this.calls,
      now: this.now,
      applyQueued: () => this.applyQueued(),
      changed: () => this.view.changed(),
      pump: () => this.reads.pump(),
    })
    // With a memory, the added ids are looked up once it has given back the calls it remembers.
    if (!this.memory.present) this.lookups.add(this.watched.values(), this.calls.isOnBoard)
    this.view = new FramePublisher({ build: this.build, onFrame: () => this.flush() })
  }

  // For useSyncExternalStore

  subscribe = (listener: () => void): (() => void) => this.view.subscribe(listener)

  getSnapshot = (): BoardSnapshot => this.view.getSnapshot()

  // Lifecycle (StrictMode may stop and start again)

  start(): void {
    if (this.detach) return
    this.memory.begin((key) => this.calls.has(key), this.restore)
    this.detach = this.options.live.attach({
      event: (event, arrivedAt) => this.receiveEvent(event, arrivedAt),
      resync: () => this.resync(),
    })
    this.reads.start()
    this.sweep.start()
    this.log.start()
    this.view.start()
    if (this.intake.pending) this.view.wake()
    this.reads.pump()
  }

  stop(): void {
    this.detach?.()
    this.detach = undefined
    this.view.stop()
    this.reads.stop()
    this.sweep.stop()
    this.log.stop()
    this.memory.stop()
  }

  /** Writes what this browser is to remember now (the page is being hidden or left). */
  saveNow(): Promise<void> {
    return this.memory.saveNow()
  }

  // Inputs

  /** From the live connection, for any call: queued, applied on the next frame. */
  receiveEvent(event: RecordingEvent, arrivedAt: number): void {
    this.options.observer?.eventReceived()
    switch (this.intake.receive(event, arrivedAt)) {
      case 'queued':
        return this.view.wake()
      case 'ignored':
        return this.view.changed()
    }
  }

  /**
   * The connection is back: events may have been lost, so nothing shown is confirmed until read
   * again. A call brought back from memory and not read yet is only read: its pause keeps the
   * start it was remembered with (the time since it was remembered is as unknown as an outage).
   */
  resync(): void {
    this.reads.resync()
    this.lookups.resync()
    const now = this.now()
    for (const call of this.calls.values())
      this.calls.put(
        call.remembered ? { entry: call, read: call.endedAt === null } : resynced(call, now),
      )
    this.view.changed()
    this.reads.pump()
  }

  /** Ids (GUIDs) pasted by a supervisor or given in the address: watched, and looked up unless known. */
  addIds(ids: readonly string[]): void {
    this.watched.add(ids)
    // While the memory is being read, its calls may hold these ids: they are looked up after it.
    if (!this.memory.restoring) this.lookups.add(ids, this.calls.isOnBoard)
    this.view.changed()
    this.reads.pump()
  }

  dismissLookup(correlationId: string): void {
    this.dropLookup(correlationId)
    this.watched.remove(correlationId)
    this.view.changed()
  }

  /** The keys of the rows on screen (and just around it): read first. */
  setVisible(keys: readonly string[]): void {
    this.reads.setVisible(keys)
  }

  /**
   * Sends an action as the supervisor (`requesterSipUri` on the wire), one at a time per call,
   * never retried (call-requests.ts). When the core does not trust the answer, or the action
   * failed, the call is read at once; a failure is passed on.
   */
  sendAction(key: string, action: RecordingAction, requesterSipUri: string): Promise<void> {
    return this.requests.sendAction(key, action, requesterSipUri)
  }

  // Applying events, once per frame

  private flush(): void {
    this.applyQueued()
    this.calls.keepWithinCap()
    this.reads.pump()
  }

  /** Applies the events queued since the last frame, in the order they arrived. */
  private applyQueued(): void {
    if (!this.intake.pending) return
    const queue = this.intake.take()
    const now = this.now()
    this.log.add(queue.map((accepted) => this.applyEvent(accepted, now)))
    this.memory.noteLog()
    this.options.observer?.eventsApplied(queue.map(({ arrivedAt }) => arrivedAt))
    this.view.changed()
  }

  /**
   * What this browser remembered (store-memory.ts): its calls (not confirmed; read again unless
   * they had ended) and the event log. Then the added ids not on the board are looked up.
   */
  private restore = ({ calls, lines }: Restoration): void => {
    for (const call of calls) {
      this.calls.put({ entry: call, read: call.endedAt === null }, { remembered: true })
      if (this.lookups.has(call.correlationId)) this.dropLookup(call.correlationId)
    }
    this.log.restore(lines)
    this.lookups.add(this.watched.values(), this.calls.isOnBoard)
    this.calls.keepWithinCap()
    this.view.changed()
    this.reads.pump()
  }

  private applyEvent({ event, uccName }: AcceptedEvent, now: number): Omit<LoggedEvent, 'seq'> {
    const { correlationId, action } = event
    const key = callKey(uccName, correlationId)
    const previous = this.calls.get(key) ?? newBoardCall(uccName, correlationId, now)
    this.calls.put(boardEvent(previous, action, now))
    // An added id that an event placed: no need to look it up any more.
    if (this.lookups.has(correlationId)) this.dropLookup(correlationId)
    return { at: now, uccName, correlationId, action }
  }

  // Helpers

  private dropLookup(correlationId: string): void {
    this.lookups.drop(correlationId)
    this.reads.cancelLookup(correlationId.toLowerCase())
  }

  private build = (): BoardSnapshot => ({
    version: (this.version += 1),
    calls: this.calls.list(),
    lookups: this.lookups.list(),
    events: this.log.take(),
    eventsIgnored: this.intake.ignored,
    callsDropped: this.calls.dropped,
    maxCalls: this.calls.maxCalls,
    memory: this.memory.state,
  })
}
