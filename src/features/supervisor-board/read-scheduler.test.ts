import { expect, onTestFinished, test, vi } from 'vitest'
import { deferred, type Deferred } from '../../testing/deferred.ts'
import { ReadScheduler, type ReadSchedulerOptions } from './read-scheduler.ts'

interface Sent extends Deferred<void> {
  key: string
  signal: AbortSignal
}

/** A scheduler whose reads the test settles by hand; look-ups are a plain list it may fill. */
function setup(options: Partial<ReadSchedulerOptions> = {}) {
  vi.useFakeTimers()
  const reads: Sent[] = []
  const lookupsSent: Sent[] = []
  const lookups: { id: string; notBefore: number }[] = []
  const ended = new Set<string>()
  const scheduler = new ReadScheduler({
    now: Date.now,
    readable: (key) => !ended.has(key),
    readCall: (key, signal) => {
      const read = deferred<void>()
      reads.push({ ...read, key, signal })
      return read.promise
    },
    lookups: {
      waiting: () => lookups,
      send: (id, signal) => {
        const read = deferred<void>()
        lookupsSent.push({ ...read, key: id, signal })
        return read.promise
      },
    },
    ...options,
  })
  scheduler.start()
  onTestFinished(() => {
    scheduler.stop()
    vi.useRealTimers()
  })
  return {
    scheduler,
    reads,
    lookups,
    lookupsSent,
    ended,
    keys: () => reads.map((read) => read.key),
  }
}

/** Answers the nth read and lets the scheduler hear of it. */
async function answer(reads: Sent[], index: number) {
  const read = reads[index]
  if (!read) throw new Error(`read ${index + 1} was not sent (${reads.length} sent)`)
  read.resolve()
  await vi.advanceTimersByTimeAsync(0)
}

function key(n: number) {
  return `ucc|${n}`
}

test('no more than 4 reads in flight; an answer, or a failure, lets the next one go', async () => {
  const { scheduler, reads } = setup({ backgroundGetsPerSecond: 100 })
  for (let n = 0; n < 10; n += 1) scheduler.want(key(n))
  scheduler.pump()
  expect(reads).toHaveLength(4)
  expect(scheduler.inFlight).toBe(4)
  await answer(reads, 0)
  expect(reads).toHaveLength(5)
  reads[1]?.reject(new Error('network'))
  await vi.advanceTimersByTimeAsync(0)
  expect(reads).toHaveLength(6)
})

test('one read per call every 5 seconds, however often it is wanted', async () => {
  const { scheduler, reads } = setup()
  scheduler.want(key(1))
  scheduler.pump()
  const sentAt = Date.now()
  await answer(reads, 0)
  scheduler.want(key(1))
  scheduler.pump()
  await vi.advanceTimersByTimeAsync(sentAt + 4_999 - Date.now())
  expect(reads).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(reads).toHaveLength(2)
})

test('a call on screen is also read at most once every 5 seconds', async () => {
  const { scheduler, reads } = setup()
  scheduler.setVisible([key(1)])
  scheduler.want(key(1))
  scheduler.pump()
  const sentAt = Date.now()
  await answer(reads, 0)
  scheduler.want(key(1))
  scheduler.pump()
  await vi.advanceTimersByTimeAsync(sentAt + 4_999 - Date.now())
  expect(reads).toHaveLength(1)
  await vi.advanceTimersByTimeAsync(1)
  expect(reads).toHaveLength(2)
})

test('a call wanted at once is read at once, whatever its interval', async () => {
  const { scheduler, reads } = setup()
  scheduler.want(key(1))
  scheduler.pump()
  await answer(reads, 0)
  scheduler.wantNow(key(1))
  scheduler.pump()
  expect(reads).toHaveLength(2)
  await answer(reads, 1)
  expect(reads).toHaveLength(2) // once: it is not "at once" again
})

test('calls on screen first, in screen order, then look-ups, then the rest oldest first', () => {
  const { scheduler, keys, lookups, lookupsSent } = setup({ maxInFlight: 5 })
  for (let n = 0; n < 20; n += 1) scheduler.want(key(n))
  lookups.push({ id: 'pasted', notBefore: -Infinity })
  scheduler.setVisible([key(17), key(12)])
  expect(keys().slice(0, 2)).toEqual([key(17), key(12)])
  expect(lookupsSent.map((sent) => sent.key)).toEqual(['pasted'])
  expect(keys().slice(2)).toEqual([key(0), key(1)])
})

test('a look-up waits for its retry time', async () => {
  const { scheduler, lookups, lookupsSent } = setup()
  lookups.push({ id: 'pasted', notBefore: Date.now() + 5_000 })
  scheduler.pump()
  expect(lookupsSent).toHaveLength(0)
  await vi.advanceTimersByTimeAsync(5_000)
  expect(lookupsSent).toHaveLength(1)
})

test('calls off screen are read within a budget of GETs per second', async () => {
  const { scheduler, reads, keys } = setup({ backgroundGetsPerSecond: 2 })
  for (let n = 0; n < 20; n += 1) scheduler.want(key(n))
  scheduler.pump()
  expect(reads).toHaveLength(2) // the bucket starts full
  for (const read of reads.slice()) read.resolve()
  await vi.advanceTimersByTimeAsync(1_000)
  expect(reads).toHaveLength(4)
  for (const read of reads.slice(2)) read.resolve()
  await vi.advanceTimersByTimeAsync(1_000)
  expect(reads).toHaveLength(6)
  // Oldest unconfirmed first.
  expect(keys()).toEqual([key(0), key(1), key(2), key(3), key(4), key(5)])
})

test('a confirmed call on screen is read again after 30 seconds; one off screen is not', async () => {
  const { scheduler, reads, keys } = setup()
  scheduler.want(key(1))
  scheduler.want(key(2))
  scheduler.setVisible([key(1)])
  expect(keys()).toEqual([key(1), key(2)])
  scheduler.confirmed(key(1), Date.now())
  scheduler.confirmed(key(2), Date.now())
  await answer(reads, 0)
  await answer(reads, 1)
  await vi.advanceTimersByTimeAsync(29_999)
  expect(keys()).toHaveLength(2)
  await vi.advanceTimersByTimeAsync(1)
  expect(keys()).toEqual([key(1), key(2), key(1)])
})

test('a call confirmed by a read the scheduler did not send counts that read against its interval', async () => {
  const { scheduler, reads } = setup()
  const sentAt = Date.now()
  scheduler.confirmed(key(1), sentAt + 100, sentAt)
  scheduler.setVisible([key(1)])
  scheduler.want(key(1))
  scheduler.pump()
  await vi.advanceTimersByTimeAsync(4_999)
  expect(reads).toHaveLength(0)
  await vi.advanceTimersByTimeAsync(1)
  expect(reads).toHaveLength(1)
})

test('a call that cannot be read (ended) is not read, on screen or off', async () => {
  const { scheduler, reads, ended } = setup()
  ended.add(key(1))
  scheduler.setVisible([key(1)])
  scheduler.want(key(1))
  scheduler.wantNow(key(1))
  scheduler.pump()
  await vi.advanceTimersByTimeAsync(60_000)
  expect(reads).toHaveLength(0)
})

test('a call no longer wanted is not read', async () => {
  const { scheduler, reads } = setup({ backgroundGetsPerSecond: 1 })
  scheduler.want(key(1))
  scheduler.want(key(2))
  scheduler.pump()
  scheduler.unwant(key(2))
  scheduler.confirmed(key(1), Date.now())
  await answer(reads, 0)
  await vi.advanceTimersByTimeAsync(10_000)
  expect(reads.map((read) => read.key)).toEqual([key(1)])
})

test('a resync cancels every read in flight, and the calls are read again at once', async () => {
  const { scheduler, reads, lookups, lookupsSent } = setup({ backgroundGetsPerSecond: 100 })
  lookups.push({ id: 'pasted', notBefore: -Infinity })
  scheduler.want(key(1))
  scheduler.pump()
  expect(scheduler.inFlight).toBe(2)
  scheduler.resync()
  expect(reads[0]?.signal.aborted).toBe(true)
  expect(lookupsSent[0]?.signal.aborted).toBe(true)
  expect(scheduler.inFlight).toBe(0)
  scheduler.pump()
  expect(reads.map((read) => read.key)).toEqual([key(1), key(1)])
  expect(lookupsSent).toHaveLength(2)
  // The cancelled read settling late changes nothing.
  await answer(reads, 0)
  expect(scheduler.inFlight).toBe(2)
})

test('a forgotten call’s read is cancelled and its place freed', () => {
  const { scheduler, reads } = setup({ maxInFlight: 1 })
  scheduler.want(key(1))
  scheduler.want(key(2))
  scheduler.pump()
  scheduler.forget(key(1))
  expect(reads[0]?.signal.aborted).toBe(true)
  scheduler.pump()
  expect(reads.map((read) => read.key)).toEqual([key(1), key(2)])
})

test('a cancelled look-up frees its place', () => {
  const { scheduler, lookups, lookupsSent, reads } = setup({ maxInFlight: 1 })
  lookups.push({ id: 'pasted', notBefore: -Infinity })
  scheduler.want(key(1))
  scheduler.pump()
  expect(lookupsSent).toHaveLength(1)
  lookups.length = 0
  scheduler.cancelLookup('pasted')
  expect(lookupsSent[0]?.signal.aborted).toBe(true)
  scheduler.pump()
  expect(reads).toHaveLength(1)
})

test('stopped, it sends nothing and cancels what is in flight; started again, it goes on', async () => {
  const { scheduler, reads } = setup()
  scheduler.want(key(1))
  scheduler.want(key(2))
  scheduler.stop()
  scheduler.pump()
  await vi.advanceTimersByTimeAsync(10_000)
  expect(reads).toHaveLength(0)
  scheduler.start()
  scheduler.pump()
  expect(reads).toHaveLength(2)
  scheduler.stop()
  expect(reads.every((read) => read.signal.aborted)).toBe(true)
})
