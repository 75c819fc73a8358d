import { ApiError, isApiError } from '../../api/api-error.ts'
import { deriveState, isUnknownCallError } from '../../api/call-state.ts'
import type { RecordingApi } from '../../api/recording-api.ts'
import type {
  CallState,
  MarkingStateName,
  RecordingStateName,
  SavingStateName,
} from '../../api/schemas.ts'
import type { RecordingAction } from '../../api/wire.ts'
import type { RecordingEvent } from '../../live/parse-event.ts'
import type { BoardMetrics } from './board-metrics.ts'
import type { WatchList } from './watch-list.ts'

// The board's calls live here, not in TanStack Query: thousands of calls and hundreds of events a
// second need one batched update per frame and a GET budget, not a query per call
// (docs/decisions/0007-board-store.md). The confirmation rules are those of 0004.

/** One call as the board shows it. Immutable: a changed call is a new object, so rows re-render only when theirs changed. */
export interface BoardCall {
  /** `ucc|correlationid`, lowercased. */
  readonly key: string
  /** As the board watches it (the address's spelling). */
  readonly uccName: string
  /** As first seen (event or added id); requests use this spelling. */
  readonly correlationId: string
  readonly recording: RecordingStateName
  readonly marking: MarkingStateName
  readonly saving: SavingStateName
  /** True only after a GET that no event, action or resync overtook. */
  readonly confirmed: boolean
  /** The last read failed (other than "no such call"): shown as not confirmed, read again later. */
  readonly readError: ApiError | null
  /** When the board first saw this pause (Date.now()); the service does not say. */
  readonly pausedSince: number | null
  /** True when the pause was seen as it happened (an event), false when a read found it already paused. */
  readonly pausedSinceExact: boolean
  readonly lastEvent: { readonly action: RecordingAction | undefined; readonly at: number } | null
  /** For "newest activity first": the last event, action or first sighting. */
  readonly lastActivityAt: number
  /** The service no longer knows this call (Date.now() when it said so); removed after the linger time. */
  readonly endedAt: number | null
  readonly endedMessage: string | null
  /** Bumped by every write that is not a GET (event, action answer, resync): a GET that overlapped one is not trusted. */
  readonly version: number
  /** Counts the events seen for this call. */
  readonly eventSeq: number
  /** The action the board is sending for this call, if any (one at a time). */
  readonly actionInFlight: RecordingAction | null
}

/** A pasted id whose UCC is not known yet: tried in each watched UCC in turn. */
export interface Lookup {
  readonly correlationId: string
  readonly status: 'checking' | 'not-found'
  readonly tried: readonly string[]
  /** The last failure other than "no such call", shown while it is retried. */
  readonly error: ApiError | null
}

export interface LoggedEvent {
  readonly seq: number
  readonly at: number
  readonly uccName: string
  readonly correlationId: string
  readonly action: RecordingAction | undefined
}

export interface BoardSnapshot {
  /** Changes with every published change, at most once per frame. */
  readonly version: number
  readonly calls: readonly BoardCall[]
  readonly lookups: readonly Lookup[]
  /** Newest first, at most `eventLogSize`. */
  readonly events: readonly LoggedEvent[]
  /** AgentCanEditRecordings per watched UCC (lowercased); absent until the service answered. */
  readonly canEdit: ReadonlyMap<string, boolean>
  /** UCCs whose capabilities could not be read (after retries). */
  readonly capabilityErrors: readonly { readonly uccName: string; readonly error: ApiError }[]
}

export interface BoardStoreOptions {
  api: Pick<RecordingApi, 'getState' | 'setRecording' | 'getCapabilities'>
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
  metrics?: BoardMetrics
  watchList?: WatchList
  now?: () => number
  perfNow?: () => number
}

interface CallMeta {
  needsConfirm: boolean
  lastGetAt: number
  lastConfirmedAt: number
  inFlight: AbortController | null
  /** The last few events' actions, for judging an action's answer (docs/decisions/0004). */
  recent: { seq: number; action: RecordingAction | undefined }[]
}

interface LookupMeta {
  remaining: string[]
  inFlight: AbortController | null
  retryAt: number
}

const RECENT_KEPT = 8
/** The event log is for people: redrawing it four times a second is live enough, and cheaper than every frame. */
const LOG_PUBLISH_MS = 250
const CAPABILITY_ATTEMPTS = 3
const FALLBACK_FLUSH_MS = 250
const SAMPLES_KEPT = 20_000

export function callKey(uccName: string, correlationId: string): string {
  return `${uccName.toLowerCase()}|${correlationId.toLowerCase()}`
}

export class BoardStore {
  private readonly api: BoardStoreOptions['api']
  private readonly uccByLower: Map<string, string>
  private readonly uccNames: readonly string[]
  private readonly endedLingerMs: number
  private readonly maxInFlight: number
  private readonly minGetIntervalMs: number
  private readonly backgroundRate: number
  private readonly recheckVisibleMs: number
  private readonly eventLogSize: number
  /** The benchmark's counters, when asked for. */
  readonly metrics: BoardMetrics | undefined
  private readonly watchList: WatchList | undefined
  private readonly now: () => number
  private readonly perfNow: () => number

  private readonly calls = new Map<string, BoardCall>()
  private readonly meta = new Map<string, CallMeta>()
  /** Calls awaiting a GET, oldest first. */
  private readonly needsConfirm = new Set<string>()
  /** Calls to read without waiting for the per-call interval (after an action). */
  private readonly forced = new Set<string>()
  /** Keyed by the lowercased id. */
  private readonly lookups = new Map<string, Lookup>()
  private readonly lookupMeta = new Map<string, LookupMeta>()
  /** Added ids, keyed by the lowercased id. */
  private readonly watched = new Map<string, string>()
  private visible: readonly string[] = []
  private queue: { event: RecordingEvent; arrivedAt: number }[] = []
  private log: readonly LoggedEvent[] = []
  /** Applied but not yet in the published log, newest first. */
  private pendingLog: LoggedEvent[] = []
  private logPublishedAt = -Infinity
  private logTimer: ReturnType<typeof setTimeout> | undefined
  private logSeq = 0
  private resyncs = 0
  private inFlight = 0
  private tokens: number
  private tokensAt: number
  private running = false
  private dirty = false
  private frame: number | undefined
  private fallbackTimer: ReturnType<typeof setTimeout> | undefined
  private pumpTimer: ReturnType<typeof setTimeout> | undefined
  private pumpTimerAt = Infinity
  private sweepTimer: ReturnType<typeof setTimeout> | undefined
  private pendingArrivals: number[] = []
  private readonly canEdit = new Map<string, boolean>()
  private capabilityErrors: BoardSnapshot['capabilityErrors'] = []
  private capabilitiesAsked = false
  private readonly capabilityTimers = new Set<ReturnType<typeof setTimeout>>()
  private snapshot: BoardSnapshot = {
    version: 0,
    calls: [],
    lookups: [],
    events: [],
    canEdit: new Map(),
    capabilityErrors: [],
  }
  private readonly listeners = new Set<() => void>()

  constructor(options: BoardStoreOptions) {
    this.api = options.api
    this.uccNames = options.uccNames
    this.uccByLower = new Map(options.uccNames.map((name) => [name.toLowerCase(), name]))
    this.endedLingerMs = options.endedLingerMs
    this.maxInFlight = options.maxInFlight ?? 4
    this.minGetIntervalMs = options.minGetIntervalMs ?? 5_000
    this.backgroundRate = options.backgroundGetsPerSecond ?? 5
    this.recheckVisibleMs = options.recheckVisibleMs ?? 30_000
    this.eventLogSize = options.eventLogSize ?? 300
    this.metrics = options.metrics
    this.watchList = options.watchList
    this.now = options.now ?? Date.now
    this.perfNow = options.perfNow ?? (() => performance.now())
    this.tokens = Math.max(1, this.backgroundRate)
    this.tokensAt = this.now()
    // Reading the saved watch list has no side effect; nothing is requested before start().
    const saved = this.watchList?.load() ?? []
    for (const id of saved) this.watched.set(id.toLowerCase(), id)
    this.addLookups(saved)
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
    this.tokensAt = this.now()
    if (this.queue.length > 0 || this.dirty) this.scheduleFlush()
    this.scheduleSweep()
    if (!this.capabilitiesAsked) {
      this.capabilitiesAsked = true
      for (const uccName of this.uccNames) this.readCapabilities(uccName, 1)
    }
    this.pump()
  }

  stop(): void {
    this.running = false
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    this.frame = undefined
    clearTimeout(this.fallbackTimer)
    clearTimeout(this.pumpTimer)
    this.pumpTimerAt = Infinity
    clearTimeout(this.sweepTimer)
    clearTimeout(this.logTimer)
    this.logTimer = undefined
    for (const timer of this.capabilityTimers) clearTimeout(timer)
    if (this.capabilityTimers.size > 0) this.capabilitiesAsked = false
    this.capabilityTimers.clear()
    this.abortAll()
  }

  // Inputs

  /** From the live connection, for any call: queued, applied on the next frame. */
  receiveEvent(event: RecordingEvent): void {
    if (this.metrics) this.metrics.eventsReceived += 1
    if (!this.uccByLower.has(event.uccName.toLowerCase())) return
    this.queue.push({ event, arrivedAt: this.perfNow() })
    this.scheduleFlush()
  }

  /** The connection is back: events may have been lost, so nothing shown is confirmed until read again. */
  resync(): void {
    this.resyncs += 1
    this.abortAll()
    for (const [key, call] of this.calls) {
      if (call.endedAt !== null) continue
      this.calls.set(key, { ...call, confirmed: false, version: call.version + 1 })
      const meta = this.metaOf(key)
      meta.lastGetAt = -Infinity
      this.requestConfirm(key)
    }
    for (const lookup of this.lookupMeta.values()) lookup.retryAt = -Infinity
    this.markDirty()
    this.pump()
  }

  /** Ids (GUIDs) pasted by a supervisor or given in the address: watched, and looked up unless known. */
  addIds(ids: readonly string[]): void {
    let changed = false
    for (const id of ids) {
      if (this.watched.has(id.toLowerCase())) continue
      this.watched.set(id.toLowerCase(), id)
      changed = true
    }
    if (changed) this.saveWatchList()
    this.addLookups(ids)
    this.markDirty()
    this.pump()
  }

  dismissLookup(correlationId: string): void {
    this.dropLookup(correlationId.toLowerCase())
    this.unwatch(correlationId)
    this.markDirty()
  }

  /** The keys of the rows on screen (and just around it): read first. */
  setVisible(keys: readonly string[]): void {
    this.visible = keys
    this.pump()
  }

  /**
   * Sends an action as `requesterSipUri`, one at a time per call, never retried. The answer is
   * shown as confirmed only when it carries the call's full state and every event that arrived
   * meanwhile announced the same action; otherwise (and after a failure) a GET decides, at once.
   */
  async sendAction(key: string, action: RecordingAction, requesterSipUri: string): Promise<void> {
    const call = this.calls.get(key)
    if (!call || call.actionInFlight !== null) return
    const seqBefore = call.eventSeq
    const resyncsBefore = this.resyncs
    this.calls.set(key, { ...call, actionInFlight: action })
    this.markDirty()
    let answer: CallState | undefined
    try {
      answer = await this.api.setRecording({
        uccName: call.uccName,
        correlationId: call.correlationId,
        action,
        requesterSipUri,
      })
    } catch (error) {
      this.afterAction(key, undefined)
      throw error
    }
    const current = this.calls.get(key)
    if (!current) return
    const meanwhile = this.metaOf(key).recent.filter((event) => event.seq > seqBefore)
    const trusted =
      answer !== undefined &&
      this.resyncs === resyncsBefore &&
      meanwhile.length === current.eventSeq - seqBefore &&
      meanwhile.every((event) => event.action === action)
    this.afterAction(key, trusted ? answer : undefined)
  }

  /** For the benchmark: the board committed the frame that shows what was applied since the last call. */
  noteCommitted(): void {
    if (!this.metrics || this.pendingArrivals.length === 0) return
    const committedAt = this.perfNow()
    const samples = this.metrics.eventToRowMs
    for (const arrivedAt of this.pendingArrivals) samples.push(committedAt - arrivedAt)
    this.pendingArrivals = []
    if (samples.length > SAMPLES_KEPT) samples.splice(0, samples.length - SAMPLES_KEPT)
  }

  // Applying changes, once per frame

  private scheduleFlush(): void {
    if (!this.running || this.frame !== undefined) return
    this.frame = requestAnimationFrame(() => this.flush())
    // A hidden tab gets no frames: events must still be applied, less often.
    this.fallbackTimer = setTimeout(() => this.flush(), FALLBACK_FLUSH_MS)
  }

  private flush(): void {
    if (this.frame !== undefined) cancelAnimationFrame(this.frame)
    this.frame = undefined
    clearTimeout(this.fallbackTimer)
    if (!this.running) return
    const queue = this.queue
    if (queue.length > 0) {
      this.queue = []
      const now = this.now()
      const logged: LoggedEvent[] = []
      for (const { event, arrivedAt } of queue) {
        const entry = this.applyEvent(event, now)
        if (entry) logged.push(entry)
        if (this.metrics) {
          this.metrics.eventsApplied += 1
          if (this.pendingArrivals.length < SAMPLES_KEPT) this.pendingArrivals.push(arrivedAt)
        }
      }
      logged.reverse()
      this.pendingLog = [...logged, ...this.pendingLog].slice(0, this.eventLogSize)
      this.dirty = true
    }
    if (this.dirty) this.publish()
    this.pump()
  }

  private applyEvent(event: RecordingEvent, now: number): LoggedEvent | undefined {
    const uccName = this.uccByLower.get(event.uccName.toLowerCase())
    if (!uccName) return undefined
    const correlationId = event.correlationId
    const key = callKey(uccName, correlationId)
    const previous = this.calls.get(key) ?? newCall(key, uccName, correlationId, now)
    const derived = deriveState(stateOf(previous), event.action)
    const stillPaused =
      previous.recording === 'Paused' && previous.pausedSince !== null && previous.endedAt === null
    const paused = derived.recording === 'Paused'
    const call: BoardCall = {
      ...previous,
      recording: derived.recording,
      marking: derived.marking,
      saving: derived.saving,
      confirmed: false,
      pausedSince: paused ? (stillPaused ? previous.pausedSince : now) : null,
      pausedSinceExact: paused ? (stillPaused ? previous.pausedSinceExact : true) : false,
      lastEvent: { action: event.action, at: now },
      lastActivityAt: now,
      endedAt: null,
      endedMessage: null,
      version: previous.version + 1,
      eventSeq: previous.eventSeq + 1,
    }
    this.calls.set(key, call)
    const meta = this.metaOf(key)
    meta.recent.push({ seq: call.eventSeq, action: event.action })
    if (meta.recent.length > RECENT_KEPT) meta.recent.shift()
    this.requestConfirm(key)
    // A pasted id that an event placed: no need to look it up any more.
    if (this.lookups.has(correlationId.toLowerCase())) this.dropLookup(correlationId.toLowerCase())
    this.logSeq += 1
    return { seq: this.logSeq, at: now, uccName, correlationId, action: event.action }
  }

  private afterAction(key: string, confirmedState: CallState | undefined): void {
    const call = this.calls.get(key)
    if (!call) return
    const now = this.now()
    if (confirmedState) {
      this.calls.set(key, {
        ...withReadState(call, confirmedState, now),
        version: call.version + 1,
        actionInFlight: null,
        lastActivityAt: now,
      })
      this.metaOf(key).lastConfirmedAt = now
      this.needsConfirm.delete(key)
      this.forced.delete(key)
    } else {
      this.calls.set(key, {
        ...call,
        confirmed: false,
        version: call.version + 1,
        actionInFlight: null,
        lastActivityAt: now,
      })
      this.requestConfirm(key)
      this.forced.add(key)
    }
    this.markDirty()
    this.pump()
  }

  // Reading: visible calls first, a few at a time, each call at most once per interval

  private pump(): void {
    if (!this.running) return
    const now = this.now()
    let wakeAt = Infinity
    const full = () => this.inFlight >= this.maxInFlight

    for (const key of this.forced) {
      if (full()) break
      const meta = this.metaOf(key)
      if (meta.inFlight) continue
      this.startRead(key, now)
    }

    for (const key of this.visible) {
      if (full()) break
      const call = this.calls.get(key)
      const meta = this.meta.get(key)
      if (!call || !meta || meta.inFlight || call.endedAt !== null) continue
      const dueAt = meta.needsConfirm
        ? meta.lastGetAt + this.minGetIntervalMs
        : Math.max(
            meta.lastConfirmedAt + this.recheckVisibleMs,
            meta.lastGetAt + this.minGetIntervalMs,
          )
      if (dueAt <= now) this.startRead(key, now)
      else wakeAt = Math.min(wakeAt, dueAt)
    }

    for (const [id, lookup] of this.lookupMeta) {
      if (full()) break
      if (lookup.inFlight || lookup.remaining.length === 0) continue
      if (lookup.retryAt > now) wakeAt = Math.min(wakeAt, lookup.retryAt)
      else this.startLookup(id, now)
    }

    if (!full() && this.needsConfirm.size > 0) {
      this.refillTokens(now)
      for (const key of this.needsConfirm) {
        if (full()) break
        if (this.tokens < 1) {
          wakeAt = Math.min(
            wakeAt,
            now + Math.ceil(((1 - this.tokens) * 1000) / this.backgroundRate),
          )
          break
        }
        const meta = this.metaOf(key)
        if (meta.inFlight) continue
        const dueAt = meta.lastGetAt + this.minGetIntervalMs
        if (dueAt > now) {
          wakeAt = Math.min(wakeAt, dueAt)
          continue
        }
        this.tokens -= 1
        this.startRead(key, now)
      }
    }

    this.schedulePump(full() ? Infinity : wakeAt)
  }

  private schedulePump(at: number): void {
    if (at === this.pumpTimerAt) return
    clearTimeout(this.pumpTimer)
    this.pumpTimerAt = at
    if (at === Infinity) return
    this.pumpTimer = setTimeout(
      () => {
        this.pumpTimerAt = Infinity
        this.pump()
      },
      Math.max(0, at - this.now()),
    )
  }

  private refillTokens(now: number): void {
    const capacity = Math.max(1, this.backgroundRate)
    this.tokens = Math.min(
      capacity,
      this.tokens + ((now - this.tokensAt) * this.backgroundRate) / 1000,
    )
    this.tokensAt = now
  }

  private startRead(key: string, now: number): void {
    const call = this.calls.get(key)
    if (!call) {
      this.forced.delete(key)
      return
    }
    const meta = this.metaOf(key)
    const controller = new AbortController()
    meta.inFlight = controller
    meta.lastGetAt = now
    this.forced.delete(key)
    this.inFlight += 1
    if (this.metrics) this.metrics.getsSent += 1
    const version = call.version
    this.api.getState(call.uccName, call.correlationId, controller.signal).then(
      (state) => this.onRead(key, controller, version, state, undefined),
      (error: unknown) => this.onRead(key, controller, version, undefined, error),
    )
  }

  private onRead(
    key: string,
    controller: AbortController,
    version: number,
    state: CallState | undefined,
    error: unknown,
  ): void {
    const meta = this.meta.get(key)
    if (!meta || meta.inFlight !== controller) return // aborted: counted already
    meta.inFlight = null
    this.inFlight -= 1
    const call = this.calls.get(key)
    if (call && call.version === version) {
      // Nothing was written since this read began: it is the newest word on this call.
      const now = this.now()
      if (state) {
        this.calls.set(key, withReadState(call, state, now))
        meta.needsConfirm = false
        meta.lastConfirmedAt = now
        this.needsConfirm.delete(key)
      } else if (isUnknownCallError(error)) {
        this.calls.set(key, {
          ...call,
          confirmed: false,
          endedAt: now,
          endedMessage: isApiError(error) ? (error.serverMessage ?? null) : null,
        })
        meta.needsConfirm = false
        this.needsConfirm.delete(key)
        this.forced.delete(key)
        this.scheduleSweep()
      } else {
        this.calls.set(key, { ...call, confirmed: false, readError: asApiError(error) })
      }
      this.markDirty()
    }
    // Otherwise an event, an action or a resync overtook it: it stays unconfirmed and is read again.
    this.pump()
  }

  private addLookups(ids: readonly string[]): void {
    if (this.uccNames.length === 0) return
    for (const id of ids) {
      const lower = id.toLowerCase()
      if (this.lookups.has(lower) || this.uccNames.some((ucc) => this.calls.has(callKey(ucc, id))))
        continue
      this.lookups.set(lower, { correlationId: id, status: 'checking', tried: [], error: null })
      this.lookupMeta.set(lower, {
        remaining: [...this.uccNames],
        inFlight: null,
        retryAt: -Infinity,
      })
    }
  }

  /** `lower`: the lowercased id, the look-up's key. */
  private startLookup(lower: string, now: number): void {
    const meta = this.lookupMeta.get(lower)
    const uccName = meta?.remaining[0]
    const id = this.lookups.get(lower)?.correlationId
    if (!meta || !uccName || !id) return
    const controller = new AbortController()
    meta.inFlight = controller
    this.inFlight += 1
    if (this.metrics) this.metrics.getsSent += 1
    const settle = (state: CallState | undefined, error: unknown) => {
      if (this.lookupMeta.get(lower) !== meta || meta.inFlight !== controller) return
      meta.inFlight = null
      this.inFlight -= 1
      this.onLookup(lower, meta, uccName, state, error, now)
      this.markDirty()
      this.pump()
    }
    this.api.getState(uccName, id, controller.signal).then(
      (state) => settle(state, undefined),
      (error: unknown) => settle(undefined, error),
    )
  }

  private onLookup(
    lower: string,
    meta: LookupMeta,
    uccName: string,
    state: CallState | undefined,
    error: unknown,
    startedAt: number,
  ): void {
    const lookup = this.lookups.get(lower)
    if (!lookup) return
    const id = lookup.correlationId
    if (state) {
      this.dropLookup(lower)
      const key = callKey(uccName, id)
      if (this.calls.has(key)) return // an event placed it meanwhile: that is newer
      const now = this.now()
      this.calls.set(key, withReadState(newCall(key, uccName, id, startedAt), state, now))
      const callMeta = this.metaOf(key)
      callMeta.lastGetAt = startedAt
      callMeta.lastConfirmedAt = now
      return
    }
    if (isUnknownCallError(error)) {
      meta.remaining.shift()
      const tried = [...lookup.tried, uccName]
      if (meta.remaining.length === 0) {
        this.lookups.set(lower, { ...lookup, status: 'not-found', tried, error: null })
        this.unwatch(id)
      } else {
        this.lookups.set(lower, { ...lookup, tried, error: null })
      }
      return
    }
    meta.retryAt = this.now() + this.minGetIntervalMs
    this.lookups.set(lower, { ...lookup, error: asApiError(error) })
  }

  private dropLookup(lower: string): void {
    const meta = this.lookupMeta.get(lower)
    if (meta?.inFlight) {
      meta.inFlight.abort()
      meta.inFlight = null
      this.inFlight -= 1
    }
    this.lookupMeta.delete(lower)
    this.lookups.delete(lower)
  }

  // Capabilities: asked once per UCC; a transient failure is retried a few times

  private readCapabilities(uccName: string, attempt: number): void {
    this.api.getCapabilities(uccName).then(
      (capabilities) => {
        this.canEdit.set(uccName.toLowerCase(), capabilities.agentCanEditRecordings)
        this.capabilityErrors = this.capabilityErrors.filter((entry) => entry.uccName !== uccName)
        this.markDirty()
      },
      (error: unknown) => {
        const apiError = asApiError(error)
        if (apiError.isTransient && attempt < CAPABILITY_ATTEMPTS && this.running) {
          const timer = setTimeout(() => {
            this.capabilityTimers.delete(timer)
            this.readCapabilities(uccName, attempt + 1)
          }, this.minGetIntervalMs)
          this.capabilityTimers.add(timer)
          return
        }
        this.capabilityErrors = [
          ...this.capabilityErrors.filter((entry) => entry.uccName !== uccName),
          { uccName, error: apiError },
        ]
        this.markDirty()
      },
    )
  }

  // Ended calls

  private scheduleSweep(): void {
    if (!this.running) return
    clearTimeout(this.sweepTimer)
    let first = Infinity
    for (const call of this.calls.values())
      if (call.endedAt !== null) first = Math.min(first, call.endedAt)
    if (first === Infinity) return
    this.sweepTimer = setTimeout(
      () => this.sweep(),
      Math.max(0, first + this.endedLingerMs - this.now()),
    )
  }

  private sweep(): void {
    const now = this.now()
    let removed = false
    for (const [key, call] of this.calls) {
      if (call.endedAt === null || now - call.endedAt < this.endedLingerMs) continue
      this.meta.get(key)?.inFlight?.abort()
      this.calls.delete(key)
      this.meta.delete(key)
      this.needsConfirm.delete(key)
      this.forced.delete(key)
      this.unwatch(call.correlationId)
      removed = true
    }
    if (removed) this.markDirty()
    this.scheduleSweep()
  }

  // Helpers

  private requestConfirm(key: string): void {
    const meta = this.metaOf(key)
    meta.needsConfirm = true
    this.needsConfirm.add(key)
  }

  private metaOf(key: string): CallMeta {
    let meta = this.meta.get(key)
    if (!meta) {
      meta = {
        needsConfirm: false,
        lastGetAt: -Infinity,
        lastConfirmedAt: -Infinity,
        inFlight: null,
        recent: [],
      }
      this.meta.set(key, meta)
    }
    return meta
  }

  private abortAll(): void {
    for (const meta of this.meta.values()) {
      if (!meta.inFlight) continue
      meta.inFlight.abort()
      meta.inFlight = null
      meta.lastGetAt = -Infinity // it never answered: it does not count against the interval
    }
    for (const meta of this.lookupMeta.values()) {
      if (!meta.inFlight) continue
      meta.inFlight.abort()
      meta.inFlight = null
    }
    this.inFlight = 0
  }

  private unwatch(id: string): void {
    if (this.watched.delete(id.toLowerCase())) this.saveWatchList()
  }

  private saveWatchList(): void {
    this.watchList?.save([...this.watched.values()])
  }

  private markDirty(): void {
    this.dirty = true
    this.scheduleFlush()
  }

  private publish(): void {
    this.dirty = false
    this.publishLog()
    this.snapshot = {
      version: this.snapshot.version + 1,
      calls: Array.from(this.calls.values()),
      lookups: Array.from(this.lookups.values()),
      events: this.log,
      canEdit: new Map(this.canEdit),
      capabilityErrors: this.capabilityErrors,
    }
    for (const listener of this.listeners) listener()
  }

  private publishLog(): void {
    if (this.pendingLog.length === 0) return
    const now = this.now()
    const dueAt = this.logPublishedAt + LOG_PUBLISH_MS
    if (now < dueAt) {
      if (this.logTimer === undefined && this.running) {
        this.logTimer = setTimeout(() => {
          this.logTimer = undefined
          this.markDirty()
        }, dueAt - now)
      }
      return
    }
    this.log = [
      ...this.pendingLog,
      ...this.log.slice(0, this.eventLogSize - this.pendingLog.length),
    ]
    this.pendingLog = []
    this.logPublishedAt = now
  }
}

function newCall(key: string, uccName: string, correlationId: string, now: number): BoardCall {
  return {
    key,
    uccName,
    correlationId,
    recording: 'Unknown',
    marking: 'Unknown',
    saving: 'Unknown',
    confirmed: false,
    readError: null,
    pausedSince: null,
    pausedSinceExact: false,
    lastEvent: null,
    lastActivityAt: now,
    endedAt: null,
    endedMessage: null,
    version: 0,
    eventSeq: 0,
    actionInFlight: null,
  }
}

function stateOf(call: BoardCall): CallState {
  return {
    uccName: call.uccName,
    correlationId: call.correlationId,
    recording: call.recording,
    marking: call.marking,
    saving: call.saving,
  }
}

/** A fresh read's state, confirmed. A pause already shown keeps its start; one found by a read starts now (not exact). */
function withReadState(call: BoardCall, state: CallState, now: number): BoardCall {
  const paused = state.recording === 'Paused'
  const stillPaused = call.recording === 'Paused' && call.pausedSince !== null
  return {
    ...call,
    recording: state.recording,
    marking: state.marking,
    saving: state.saving,
    confirmed: true,
    readError: null,
    pausedSince: paused ? (stillPaused ? call.pausedSince : now) : null,
    pausedSinceExact: paused && stillPaused ? call.pausedSinceExact : false,
  }
}

function asApiError(error: unknown): ApiError {
  return isApiError(error)
    ? error
    : new ApiError({
        kind: 'network',
        serverMessage: error instanceof Error ? error.message : undefined,
      })
}
