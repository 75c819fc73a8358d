// Which state GETs the board sends, and when: it decides nothing about what a read means (that is
// the core's, src/recording-state), only the load on the service (docs/decisions/0007).

export interface ReadSchedulerOptions {
  /** GETs in flight at once. */
  maxInFlight?: number
  /** At most one GET per call in this time. */
  minGetIntervalMs?: number
  /** Reads of calls that are not on screen, per second (a token bucket). */
  backgroundGetsPerSecond?: number
  /** A confirmed call on screen is read again after this long (an ended call sends no event). */
  recheckVisibleMs?: number
  now: () => number
  /** Whether the call may be read: it is known and has not ended. */
  readable: (key: string) => boolean
  /** Reads the call; settles once the answer has been handled. Aborted reads are not waited for. */
  readCall: (key: string, signal: AbortSignal) => Promise<void>
  lookups: LookupQueue
}

/** Added ids still to be placed in a UCC: read after the rows on screen, before the rest. */
export interface LookupQueue {
  /** The look-ups that want a read, in the order they were added, each with when it may be sent. */
  waiting(): Iterable<{ readonly id: string; readonly notBefore: number }>
  /** Sends the look-up's next read; settles once the answer has been handled. */
  send(id: string, signal: AbortSignal): Promise<void>
}

interface CallReads {
  lastGetAt: number
  lastConfirmedAt: number
}

/**
 * The read budget: at most 4 GETs in flight and one per call every 5 s. First the calls that must
 * be read at once (after an action), then the rows on screen (a confirmed one again every 30 s),
 * then added ids being looked up, then every other unconfirmed call, oldest first, at 5 a second.
 */
export class ReadScheduler {
  private readonly maxInFlight: number
  private readonly minGetIntervalMs: number
  private readonly rate: number
  private readonly recheckVisibleMs: number
  private readonly options: ReadSchedulerOptions
  private readonly calls = new Map<string, CallReads>()
  /** Calls awaiting a read, oldest first. */
  private readonly wanted = new Set<string>()
  /** Calls to read without waiting for their interval. */
  private readonly urgent = new Set<string>()
  private readonly callsInFlight = new Map<string, AbortController>()
  private readonly lookupsInFlight = new Map<string, AbortController>()
  private visible: readonly string[] = []
  private tokens: number
  private tokensAt: number
  private running = false
  private timer: ReturnType<typeof setTimeout> | undefined
  private timerAt = Infinity

  constructor(options: ReadSchedulerOptions) {
    this.options = options
    this.maxInFlight = options.maxInFlight ?? 4
    this.minGetIntervalMs = options.minGetIntervalMs ?? 5_000
    this.rate = options.backgroundGetsPerSecond ?? 5
    this.recheckVisibleMs = options.recheckVisibleMs ?? 30_000
    this.tokens = Math.max(1, this.rate)
    this.tokensAt = options.now()
  }

  get inFlight(): number {
    return this.callsInFlight.size + this.lookupsInFlight.size
  }

  /** The call needs a read (within its interval). */
  want(key: string): void {
    this.reads(key)
    this.wanted.add(key)
  }

  /** The call needs a read at once, whatever its interval (an action's answer was not trusted). */
  wantNow(key: string): void {
    this.want(key)
    this.urgent.add(key)
  }

  /** A read (sent at `sentAt`, if the scheduler did not send it) or a trusted answer confirmed the call. */
  confirmed(key: string, at: number, sentAt?: number): void {
    const reads = this.reads(key)
    reads.lastConfirmedAt = at
    if (sentAt !== undefined) reads.lastGetAt = sentAt
    this.unwant(key)
  }

  /** No read is needed any more (the call ended). */
  unwant(key: string): void {
    this.wanted.delete(key)
    this.urgent.delete(key)
  }

  /** The call is gone from the board: its read in flight, if any, is cancelled. */
  forget(key: string): void {
    this.callsInFlight.get(key)?.abort()
    this.callsInFlight.delete(key)
    this.calls.delete(key)
    this.unwant(key)
  }

  cancelLookup(id: string): void {
    this.lookupsInFlight.get(id)?.abort()
    this.lookupsInFlight.delete(id)
  }

  /** The keys of the rows on screen (and just around it), in order: read first. */
  setVisible(keys: readonly string[]): void {
    this.visible = keys
    this.pump()
  }

  /** The connection is back: reads in flight may predate lost events. Cancels them; every interval starts afresh. */
  resync(): void {
    this.abortAll()
    for (const reads of this.calls.values()) reads.lastGetAt = -Infinity
  }

  start(): void {
    this.running = true
    this.tokensAt = this.options.now()
  }

  stop(): void {
    this.running = false
    this.setTimer(Infinity)
    this.abortAll()
  }

  /** Sends what is due within the budget, and sets a timer for what will be due later. */
  pump(): void {
    if (!this.running) return
    const now = this.options.now()
    const full = () => this.inFlight >= this.maxInFlight
    let wakeAt = Infinity

    for (const key of this.urgent) {
      if (full()) break
      if (this.callsInFlight.has(key)) continue
      if (this.options.readable(key)) this.send(key, now)
      else this.unwant(key)
    }

    for (const key of this.visible) {
      if (full()) break
      const reads = this.calls.get(key)
      if (!reads || this.callsInFlight.has(key) || !this.options.readable(key)) continue
      const dueAt = this.wanted.has(key)
        ? reads.lastGetAt + this.minGetIntervalMs
        : Math.max(
            reads.lastConfirmedAt + this.recheckVisibleMs,
            reads.lastGetAt + this.minGetIntervalMs,
          )
      if (dueAt <= now) this.send(key, now)
      else wakeAt = Math.min(wakeAt, dueAt)
    }

    for (const { id, notBefore } of this.options.lookups.waiting()) {
      if (full()) break
      if (this.lookupsInFlight.has(id)) continue
      if (notBefore > now) wakeAt = Math.min(wakeAt, notBefore)
      else this.sendLookup(id)
    }

    if (!full() && this.wanted.size > 0) {
      this.refill(now)
      for (const key of this.wanted) {
        if (full()) break
        if (this.tokens < 1) {
          wakeAt = Math.min(wakeAt, now + Math.ceil(((1 - this.tokens) * 1000) / this.rate))
          break
        }
        if (this.callsInFlight.has(key)) continue
        if (!this.options.readable(key)) {
          this.unwant(key)
          continue
        }
        const dueAt = this.reads(key).lastGetAt + this.minGetIntervalMs
        if (dueAt > now) {
          wakeAt = Math.min(wakeAt, dueAt)
          continue
        }
        this.tokens -= 1
        this.send(key, now)
      }
    }

    this.setTimer(full() ? Infinity : wakeAt)
  }

  private send(key: string, now: number): void {
    const controller = new AbortController()
    this.callsInFlight.set(key, controller)
    this.reads(key).lastGetAt = now
    this.urgent.delete(key)
    const done = () => this.settled(this.callsInFlight, key, controller)
    this.options.readCall(key, controller.signal).then(done, done)
  }

  private sendLookup(id: string): void {
    const controller = new AbortController()
    this.lookupsInFlight.set(id, controller)
    const done = () => this.settled(this.lookupsInFlight, id, controller)
    this.options.lookups.send(id, controller.signal).then(done, done)
  }

  private settled(
    inFlight: Map<string, AbortController>,
    key: string,
    controller: AbortController,
  ) {
    if (inFlight.get(key) !== controller) return // cancelled: its place was freed then
    inFlight.delete(key)
    this.pump()
  }

  private abortAll(): void {
    for (const [key, controller] of this.callsInFlight) {
      controller.abort()
      // It never answered: it does not count against the call's interval.
      const reads = this.calls.get(key)
      if (reads) reads.lastGetAt = -Infinity
    }
    this.callsInFlight.clear()
    for (const controller of this.lookupsInFlight.values()) controller.abort()
    this.lookupsInFlight.clear()
  }

  private reads(key: string): CallReads {
    let reads = this.calls.get(key)
    if (!reads) {
      reads = { lastGetAt: -Infinity, lastConfirmedAt: -Infinity }
      this.calls.set(key, reads)
    }
    return reads
  }

  private refill(now: number): void {
    const capacity = Math.max(1, this.rate)
    this.tokens = Math.min(capacity, this.tokens + ((now - this.tokensAt) * this.rate) / 1000)
    this.tokensAt = now
  }

  private setTimer(at: number): void {
    if (at === this.timerAt) return
    clearTimeout(this.timer)
    this.timerAt = at
    if (at === Infinity) return
    this.timer = setTimeout(
      () => {
        this.timerAt = Infinity
        this.pump()
      },
      Math.max(0, at - this.options.now()),
    )
  }
}
