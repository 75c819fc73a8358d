/** Time for the store's timestamps and the scenarios' timers, so tests can drive it by hand. */
export interface Clock {
  now(): number
  /** Runs fn every ms; returns the function that stops it. */
  every(ms: number, fn: () => void): () => void
}

export interface ManualClock extends Clock {
  advance(ms: number): void
}

export const systemClock: Clock = {
  now: () => Date.now(),
  every(ms, fn) {
    const handle = setInterval(fn, ms)
    return () => clearInterval(handle)
  },
}

interface Repeater {
  ms: number
  due: number
  fn: () => void
}

export function createManualClock(start = Date.parse('2026-01-05T09:00:00.000Z')): ManualClock {
  let now = start
  const repeaters = new Set<Repeater>()

  function nextDue(until: number): Repeater | undefined {
    let next: Repeater | undefined
    for (const repeater of repeaters) {
      if (repeater.due <= until && (!next || repeater.due < next.due)) next = repeater
    }
    return next
  }

  return {
    now: () => now,
    every(ms, fn) {
      const repeater = { ms, due: now + ms, fn }
      repeaters.add(repeater)
      return () => repeaters.delete(repeater)
    },
    advance(ms) {
      const until = now + ms
      for (let next = nextDue(until); next; next = nextDue(until)) {
        now = next.due
        next.due += next.ms
        next.fn()
      }
      now = until
    },
  }
}
