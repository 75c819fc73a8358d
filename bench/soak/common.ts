// Small pieces every part of the soak uses: its time line, log entries and rings, weighted random
// choices, and bounded waiting on a page.
import type { Random } from '../../simulator/random.ts'

/** Times relative to the soak's start, for its log lines. */
export class Timeline {
  /** Date.now() when the soak began (reset when the soaking itself starts). */
  start = Date.now()

  /** Seconds since the soak began, as `t+12.3s`. */
  rel(at: number): string {
    return `t+${((at - this.start) / 1000).toFixed(1)}s`
  }

  /** `t+12.3s  15:04:05.678`, for the start of a log line. */
  stamp(at = Date.now()): string {
    return `${this.rel(at).padEnd(9)} ${new Date(at).toISOString().slice(11, 23)}`
  }
}

export function shortCall(call: { uccName: string; correlationId: string }): string {
  return `${call.uccName}/${call.correlationId.slice(0, 8)}`
}

export interface LogEntry {
  at: number
  what: string
  detail: string
  /** The call it concerns, if one. */
  call?: string
  /** The page it concerns, if one. */
  page?: string
}

/** The last `size` items. */
export class Ring<T> {
  readonly items: T[] = []
  constructor(private readonly size: number) {}
  push(item: T): void {
    this.items.push(item)
    if (this.items.length > this.size) this.items.splice(0, this.items.length - this.size)
  }
  since(at: number, pickAt: (item: T) => number): T[] {
    return this.items.filter((item) => pickAt(item) >= at)
  }
}

export function bump(record: Record<string, number>, key: string): void {
  record[key] = (record[key] ?? 0) + 1
}

export function sum(record: Record<string, number>): number {
  return Object.values(record).reduce((total, value) => total + value, 0)
}

/** One of `choices`, each as likely as its weight. */
export function weighted<T>(random: Random, choices: readonly (readonly [T, number])[]): T {
  const total = choices.reduce((sum, [, weight]) => sum + weight, 0)
  let roll = random.next() * total
  for (const [choice, weight] of choices) {
    roll -= weight
    if (roll < 0) return choice
  }
  const last = choices.at(-1)
  if (!last) throw new Error('weighted pick from an empty list')
  return last[0]
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** The first line of an error's message, for a log line. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0] ?? text
}
