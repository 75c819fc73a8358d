// Work that may be asked for hundreds of times a second, done at most once per animation frame.

export interface FrameBatchOptions {
  /** A hidden tab gets no frames: the work is done after this long instead. */
  fallbackMs?: number
  requestFrame?: (callback: () => void) => number
  cancelFrame?: (handle: number) => void
}

const FALLBACK_MS = 250

/**
 * Runs `run` once on the next animation frame after `schedule()`, however many times it was
 * called meanwhile; if no frame comes within the fallback time (a hidden tab), a timer runs it.
 */
export class FrameBatch {
  private readonly run: () => void
  private readonly fallbackMs: number
  private readonly requestFrame: (callback: () => void) => number
  private readonly cancelFrame: (handle: number) => void
  private frame: number | undefined
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(run: () => void, options: FrameBatchOptions = {}) {
    this.run = run
    this.fallbackMs = options.fallbackMs ?? FALLBACK_MS
    this.requestFrame = options.requestFrame ?? ((callback) => requestAnimationFrame(callback))
    this.cancelFrame = options.cancelFrame ?? ((handle) => cancelAnimationFrame(handle))
  }

  schedule(): void {
    if (this.frame !== undefined) return
    this.frame = this.requestFrame(() => this.fire())
    this.timer = setTimeout(() => this.fire(), this.fallbackMs)
  }

  cancel(): void {
    if (this.frame !== undefined) this.cancelFrame(this.frame)
    this.frame = undefined
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private fire(): void {
    this.cancel()
    this.run()
  }
}

export interface FramePublisherOptions<S> extends FrameBatchOptions {
  /** The snapshot as things stand; called once per frame at most, and only after a change. */
  build: () => S
  /** Each frame's work, before the snapshot is rebuilt; it may report a change. */
  onFrame?: () => void
}

/**
 * A snapshot for `useSyncExternalStore` that changes at most once per frame, however many changes
 * are reported: listeners hear of it once per frame. Nothing runs while it is stopped.
 */
export class FramePublisher<S> {
  private readonly build: () => S
  private readonly onFrame: () => void
  private readonly batch: FrameBatch
  private readonly listeners = new Set<() => void>()
  private snapshot: S
  private changedSince = false
  private running = false
  private inFrame = false

  constructor(options: FramePublisherOptions<S>) {
    this.build = options.build
    this.onFrame = options.onFrame ?? (() => {})
    this.batch = new FrameBatch(() => this.frame(), options)
    this.snapshot = options.build()
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): S => this.snapshot

  /** Something shown changed: published on the next frame. */
  changed(): void {
    this.changedSince = true
    if (!this.inFrame) this.wake()
  }

  /** Work waits for the next frame (`onFrame`). */
  wake(): void {
    if (this.running) this.batch.schedule()
  }

  start(): void {
    this.running = true
    if (this.changedSince) this.batch.schedule()
  }

  stop(): void {
    this.running = false
    this.batch.cancel()
  }

  private frame(): void {
    if (!this.running) return
    this.inFrame = true
    try {
      this.onFrame()
    } finally {
      this.inFrame = false
    }
    if (!this.changedSince) return
    this.changedSince = false
    this.snapshot = this.build()
    for (const listener of this.listeners) listener()
  }
}
