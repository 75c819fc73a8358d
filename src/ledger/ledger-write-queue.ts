// The ledger's writes waiting to be written (ledger-store.ts): ops are queued, never awaited by who
// gives them, and written in batches: the first op waits `batchMs` for the ones after it, then the
// queue is written `maxBatch` ops at a time, one batch after another. Ops given while a batch is
// being written wait for the next one. Beyond `maxQueued` waiting ops the oldest are dropped.

export interface WriteQueueOptions<Op> {
  /** How long ops wait to be written with the ones after them (ms). */
  readonly batchMs: number
  /** The most ops in one batch. */
  readonly maxBatch: number
  /** The most ops waiting; beyond it the oldest are dropped and `dropped` is told how many. */
  readonly maxQueued: number
  /** Writes one batch. It reports its own failures: a rejection stops the batches after it. */
  readonly write: (batch: readonly Op[]) => Promise<void>
  /** False: nothing more is written (what is queued stays until `clear`). */
  readonly writable: () => boolean
  readonly dropped: (lost: number) => void
}

export class WriteQueue<Op> {
  private readonly options: WriteQueueOptions<Op>
  private queue: Op[] = []
  private timer: ReturnType<typeof setTimeout> | undefined
  private writing: Promise<void> | null = null

  constructor(options: WriteQueueOptions<Op>) {
    this.options = options
  }

  /** How many ops wait (not counting the batch being written). */
  get size(): number {
    return this.queue.length
  }

  /** Queues ops; the first waits `batchMs` for more (unless a batch is being written). */
  push(ops: readonly Op[]): void {
    if (ops.length === 0) return
    this.queue.push(...ops)
    const excess = this.queue.length - this.options.maxQueued
    if (excess > 0) {
      this.queue.splice(0, excess)
      this.options.dropped(excess)
    }
    if (this.timer === undefined && !this.writing) this.schedule()
  }

  /** Writes everything queued now, and what is queued meanwhile. */
  async flush(): Promise<void> {
    while (this.writing || (this.queue.length > 0 && this.options.writable())) {
      if (!this.writing) void this.drain()
      await this.writing
    }
  }

  /** Drops what is queued (not the batch being written); returns how many ops that was. */
  clear(): number {
    const lost = this.queue.length
    this.queue = []
    return lost
  }

  /** Stops the batch delay's timer (what is queued stays). */
  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule(): void {
    this.timer = setTimeout(() => void this.drain(), this.options.batchMs)
  }

  /** Writes the queue, a batch at a time, until it is empty. */
  private drain(): Promise<void> {
    this.stop()
    this.writing ??= (async () => {
      while (this.queue.length > 0 && this.options.writable()) {
        await this.options.write(this.queue.splice(0, this.options.maxBatch))
      }
    })().finally(() => {
      this.writing = null
      // Ops given between the last batch and now wait for the next one.
      if (this.queue.length > 0 && this.options.writable() && this.timer === undefined)
        this.schedule()
    })
    return this.writing
  }
}
