import type { CallState } from '../../api/schemas.ts'
import type { RecordingAction } from '../../../protocol/wire.ts'
import type { RecordingEvent } from '../../live/parse-event.ts'
import {
  actionAnswered,
  actionFailed,
  actionSent,
  readStarted,
  resynced,
  type Step,
} from '../../recording-state/call-entry.ts'
import type { BoardLogLine, Remembered } from '../../ledger/board-memory.ts'
import {
  boardActionSettled,
  boardEvent,
  boardRead,
  callKey,
  callRecord,
  newBoardCall,
  recordChanged,
  rememberedCall,
  type BoardCall,
  type ReadOutcome,
} from './board-call.ts'
import { BoardPersistence, type MemoryState } from './board-persistence.ts'
import { EndedSweep } from './ended-sweep.ts'
import { EventIntake, type AcceptedEvent } from './event-intake.ts'
import { EventLogBuffer, type LoggedEvent } from './event-log-buffer.ts'
import { FramePublisher } from './frame-batch.ts'
import { IdLookups } from './id-lookups.ts'
import type { BoardSnapshot, BoardStoreOptions } from './board-snapshot.ts'
import { ReadScheduler } from './read-scheduler.ts'
import { callsToDrop, DEFAULT_MAX_CALLS } from './row-cap.ts'
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
  private readonly calls = new Map<string, BoardCall>()
  private readonly view: FramePublisher<BoardSnapshot>
  private readonly reads: ReadScheduler
  private readonly lookups: IdLookups
  private readonly log: EventLogBuffer
  private readonly sweep: EndedSweep
  private readonly watched: WatchedIds
  private readonly persistence: BoardPersistence | undefined
  private memoryState: MemoryState
  private version = 0
  private callsDropped = 0
  private detach: (() => void) | undefined
  /** The memory was asked for what it remembers (once). */
  private remembering = false
  /** Until it has answered: added ids wait to be looked up. */
  private restoring = false

  constructor(options: BoardStoreOptions) {
    this.options = options
    this.now = options.now ?? Date.now
    this.intake = new EventIntake(options.uccNames)
    const minGetIntervalMs = options.minGetIntervalMs ?? 5_000
    this.lookups = new IdLookups({
      uccNames: options.uccNames,
      retryMs: minGetIntervalMs,
      now: this.now,
      getState: this.getState,
      found: this.placeFound,
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
      readCall: this.readCall,
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
      remove: this.removeEnded,
    })
    // Reading the saved watch list has no side effect; nothing is requested before start().
    this.watched = new WatchedIds(options.watchList)
    const { memory } = options
    this.persistence = memory
      ? new BoardPersistence({
          open: memory,
          everyMs: options.saveEveryMs,
          lines: () => this.log.lines().map(logLine),
          changed: (state) => {
            this.memoryState = state
            this.view.changed()
          },
        })
      : undefined
    this.memoryState = this.persistence?.getState() ?? { kept: 'ids', reason: 'unsupported' }
    // With a memory, the added ids are looked up once it has given back the calls it remembers.
    if (!this.persistence) this.lookups.add(this.watched.values(), this.isOnBoard)
    this.view = new FramePublisher({ build: this.build, onFrame: () => this.flush() })
  }

  // For useSyncExternalStore

  subscribe = (listener: () => void): (() => void) => this.view.subscribe(listener)

  getSnapshot = (): BoardSnapshot => this.view.getSnapshot()

  // Lifecycle (StrictMode may stop and start again)

  start(): void {
    if (this.detach) return
    if (this.persistence && !this.remembering) {
      this.remembering = true
      this.restoring = true
      void this.persistence.begin().then(this.restore)
    }
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
    this.persistence?.stop()
  }

  /** Writes what this browser is to remember now (the page is being hidden or left). */
  saveNow(): Promise<void> {
    return this.persistence?.flush() ?? Promise.resolve()
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
      this.put(call.remembered ? { entry: call, read: call.endedAt === null } : resynced(call, now))
    this.view.changed()
    this.reads.pump()
  }

  /** Ids (GUIDs) pasted by a supervisor or given in the address: watched, and looked up unless known. */
  addIds(ids: readonly string[]): void {
    this.watched.add(ids)
    // While the memory is being read, its calls may hold these ids: they are looked up after it.
    if (!this.restoring) this.lookups.add(ids, this.isOnBoard)
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
   * Sends an action as the supervisor (`requesterSipUri` on the wire), one at a time per call, never retried. The core judges
   * the answer (by the live connection's stretch at both ends); when it does not trust it, or the
   * action failed, the call is read at once.
   */
  async sendAction(key: string, action: RecordingAction, requesterSipUri: string): Promise<void> {
    const call = this.calls.get(key)
    if (!call || call.flight !== null) return
    const { api, live } = this.options
    this.put({ entry: actionSent(call, action, live.getStretch(), 'supervisor'), read: false })
    this.view.changed()
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

  // Applying events, once per frame

  private flush(): void {
    this.applyQueued()
    this.keepWithinCap()
    this.reads.pump()
  }

  /** Applies the events queued since the last frame, in the order they arrived. */
  private applyQueued(): void {
    if (!this.intake.pending) return
    const queue = this.intake.take()
    const now = this.now()
    this.log.add(queue.map((accepted) => this.applyEvent(accepted, now)))
    this.persistence?.noteLog()
    this.options.observer?.eventsApplied(queue.map(({ arrivedAt }) => arrivedAt))
    this.view.changed()
  }

  /**
   * What this browser remembered: the watched UCCs' calls (not confirmed; read again unless they
   * had ended) and the event log. A call the board learned meanwhile is newer and stays; an ended
   * call past its linger time is let go of. Then the added ids not on the board are looked up.
   */
  private restore = ({ calls, lines }: Remembered): void => {
    const now = this.now()
    const watched = new Map(this.options.uccNames.map((name) => [name.toLowerCase(), name]))
    for (const record of calls) {
      const uccName = watched.get(record.uccName.toLowerCase())
      if (uccName === undefined) continue
      const key = callKey(uccName, record.correlationId)
      if (key !== record.key || this.calls.has(key)) continue
      if (record.endedAt !== null && now - record.endedAt >= this.options.endedLingerMs) {
        this.persistence?.forget(key)
        continue
      }
      const call = rememberedCall(record, uccName)
      this.put({ entry: call, read: call.endedAt === null }, { remembered: true })
      if (this.lookups.has(call.correlationId)) this.dropLookup(call.correlationId)
    }
    this.log.restore(
      lines.map((line) => ({
        at: line.at,
        uccName: watched.get(line.uccName.toLowerCase()) ?? line.uccName,
        correlationId: line.correlationId,
        action: (line.action ?? undefined) as RecordingAction | undefined,
      })),
    )
    this.restoring = false
    this.lookups.add(this.watched.values(), this.isOnBoard)
    this.keepWithinCap()
    this.view.changed()
    this.reads.pump()
  }

  private applyEvent({ event, uccName }: AcceptedEvent, now: number): Omit<LoggedEvent, 'seq'> {
    const { correlationId, action } = event
    const key = callKey(uccName, correlationId)
    const previous = this.calls.get(key) ?? newBoardCall(uccName, correlationId, now)
    this.put(boardEvent(previous, action, now))
    // An added id that an event placed: no need to look it up any more.
    if (this.lookups.has(correlationId)) this.dropLookup(correlationId)
    return { at: now, uccName, correlationId, action }
  }

  // Reads

  /** Every state GET goes through here. */
  private getState = (uccName: string, correlationId: string, signal: AbortSignal) => {
    this.options.observer?.getSent()
    return this.options.api.getState(uccName, correlationId, signal)
  }

  private readCall = (key: string, signal: AbortSignal): Promise<void> => {
    const call = this.calls.get(key)
    if (!call) return Promise.resolve()
    const token = readStarted(call)
    const done = (outcome: ReadOutcome) => {
      const current = this.calls.get(key)
      if (signal.aborted || !current) return
      this.put(boardRead(current, token, outcome, this.now()))
      this.view.changed()
    }
    return this.getState(call.uccName, call.correlationId, signal).then(
      (state) => done({ state }),
      (error: unknown) => done({ error }),
    )
  }

  /** A look-up found an added id in `uccName`: the call joins the board, confirmed by that read. */
  private placeFound = (uccName: string, id: string, state: CallState, sentAt: number) => {
    if (this.calls.has(callKey(uccName, id))) return // an event placed it meanwhile: that is newer
    const call = newBoardCall(uccName, id, sentAt)
    this.put(boardRead(call, readStarted(call), { state }, this.now()), { sentAt })
    this.keepWithinCap()
  }

  /** Drops calls (ended and longest-quiet first) when the board holds more than it may keep. */
  private keepWithinCap(): void {
    const max = this.options.maxCalls ?? DEFAULT_MAX_CALLS
    if (this.calls.size <= max) return
    const dropped = callsToDrop(this.calls.values(), max)
    this.callsDropped += dropped.length
    this.remove(dropped)
  }

  private actionSettled(key: string, step: (call: BoardCall, now: number) => Step<BoardCall>) {
    // What arrived before the answer is applied before it: the core must weigh every event that
    // came while the action was on its way (its echo needs no read; another action does).
    this.applyQueued()
    const call = this.calls.get(key)
    if (!call) return
    const now = this.now()
    this.put(boardActionSettled(step(call, now), now), { atOnce: true })
    this.view.changed()
    this.reads.pump()
  }

  // Helpers

  /**
   * Keeps a call as the core left it, and tells the read scheduler what the core said: a read must
   * decide (`atOnce` after an action), or the call is confirmed (by a read sent at `sentAt`, when
   * the scheduler did not send it), or it ended and needs no read.
   */
  private put(
    { entry, read }: Step<BoardCall>,
    how: { atOnce?: boolean; sentAt?: number; remembered?: boolean } = {},
  ) {
    const { key } = entry
    const previous = this.calls.get(key)
    this.calls.set(key, entry)
    // What memory gave back is neither news for the ledger nor to be written back.
    if (previous !== entry && !how.remembered) {
      this.options.onEntry?.(previous, entry)
      if (recordChanged(previous, entry)) this.persistence?.noteCall(callRecord(entry))
    }
    this.sweep.note(key, entry.endedAt)
    if (read && how.atOnce) this.reads.wantNow(key)
    else if (read) this.reads.want(key)
    else if (entry.confirmed) this.reads.confirmed(key, this.now(), how.sentAt)
    else if (entry.endedAt !== null) this.reads.unwant(key)
  }

  private removeEnded = (keys: readonly string[]): void => this.remove(keys)

  private remove(keys: readonly string[]): void {
    for (const key of keys) {
      const call = this.calls.get(key)
      if (!call) continue
      this.calls.delete(key)
      this.persistence?.forget(key)
      this.options.onForget?.(call)
      this.reads.forget(key)
      this.watched.remove(call.correlationId)
    }
    this.view.changed()
  }

  private isOnBoard = (correlationId: string): boolean =>
    this.options.uccNames.some((uccName) => this.calls.has(callKey(uccName, correlationId)))

  private dropLookup(correlationId: string): void {
    this.lookups.drop(correlationId)
    this.reads.cancelLookup(correlationId.toLowerCase())
  }

  private build = (): BoardSnapshot => ({
    version: (this.version += 1),
    calls: Array.from(this.calls.values()),
    lookups: this.lookups.list(),
    events: this.log.take(),
    eventsIgnored: this.intake.ignored,
    callsDropped: this.callsDropped,
    maxCalls: this.options.maxCalls ?? DEFAULT_MAX_CALLS,
    memory: this.memoryState,
  })
}

function logLine({ at, uccName, correlationId, action }: LoggedEvent): BoardLogLine {
  return { at, uccName, correlationId, action: action ?? null }
}
