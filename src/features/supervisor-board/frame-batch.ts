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
