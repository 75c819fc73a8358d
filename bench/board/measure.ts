// `npm run bench:board`: the measured window (long tasks, event→row latency, events and GETs, heap).
import type { Browser, Page } from '@playwright/test'
import type { Simulator } from '../../simulator/server.ts'
import { ensureParentDir } from '../harness.ts'
import { measureHeap, megabytes, percentile, round, sleep } from '../lib.ts'
import type { HeapReading } from '../lib.ts'
import type { BenchOptions } from './options.ts'
import { drainSamples, readCounters, readLongTasks } from './page.ts'
import type { LongTask, Readiness } from './page.ts'

function summariseLongTasks(tasks: readonly LongTask[], from: number, to = Infinity) {
  const inRange = tasks.filter((task) => task.start >= from && task.start < to)
  return {
    count: inRange.length,
    longestMs: round(
      inRange.reduce((longest, task) => Math.max(longest, task.duration), 0),
      0,
    ),
    /** The first 100, in ms since the page's time origin, to find them in a trace. */
    tasks: inRange
      .slice(0, 100)
      .map((task) => ({ startMs: round(task.start, 0), durationMs: round(task.duration, 0) })),
  }
}

export async function measure(
  browser: Browser,
  page: Page,
  sim: Simulator,
  options: BenchOptions,
  readiness: Readiness,
) {
  const heapBefore = await measureHeap(page)
  if (options.trace) {
    await ensureParentDir(options.trace)
    await browser.startTracing(page, { path: options.trace, screenshots: false })
  }
  await drainSamples(page)
  const simBefore = sim.load()
  const simBeforeAt = Date.now()
  const start = await readCounters(page)
  const samples: number[] = []
  const windowStartedAt = Date.now()
  for (let second = 1; second <= options.seconds; second += 1) {
    await sleep(Math.max(0, windowStartedAt + second * 1000 - Date.now()))
    samples.push(...(await drainSamples(page)))
    if (second % 10 === 0 && second < options.seconds)
      console.log(`  ${second} of ${options.seconds} s`)
  }
  const end = await readCounters(page)
  samples.push(...(await drainSamples(page)))
  if (options.trace) await browser.stopTracing()
  const simAfter = sim.load()
  const simSeconds = (Date.now() - simBeforeAt) / 1000
  const pageState = await readLongTasks(page)
  const heapAfter = await measureHeap(page)

  const seconds = (end.at - start.at) / 1000
  const received = end.eventsReceived - start.eventsReceived
  const gets = end.getsSent - start.getsSent
  const inWindow = summariseLongTasks(pageState.longTasks, start.at, end.at)
  const seeding =
    readiness.firstRowAt === undefined
      ? undefined
      : summariseLongTasks(pageState.longTasks, readiness.firstRowAt, start.at)
  return {
    windowSeconds: round(seconds, 2),
    eventsPerSecondRequested: options.eventsPerSecond,
    eventsPerSecondSent:
      simBefore && simAfter
        ? round((simAfter.applied - simBefore.applied) / simSeconds, 1)
        : undefined,
    eventsSkippedBySimulator:
      simBefore && simAfter ? simAfter.skipped - simBefore.skipped : undefined,
    eventsPerSecondDelivered: round(received / seconds, 1),
    eventsReceived: received,
    eventsApplied: end.eventsApplied - start.eventsApplied,
    longTasksSupported: pageState.longTasksSupported,
    longTasks: inWindow,
    longTasksWhileSeeding: seeding,
    eventToRowSamples: samples.length,
    eventToRowP50Ms: round(percentile(samples, 50), 1),
    eventToRowP95Ms: round(percentile(samples, 95), 1),
    eventToRowMaxMs: round(
      samples.reduce((max, sample) => Math.max(max, sample), -Infinity),
      1,
    ),
    getsSent: gets,
    getsPerEvent: received > 0 ? round(gets / received, 3) : undefined,
    heapBeforeMb: megabytes(heapBefore?.usedBytes),
    heapAfterMb: megabytes(heapAfter?.usedBytes),
    heapMethod: (heapAfter ?? heapBefore)?.method satisfies HeapReading['method'] | undefined,
  }
}

export type Measurement = Awaited<ReturnType<typeof measure>>
