// `npm run bench:board`: the verdicts against the targets, and the table.
import { Verdict, atMost } from '../lib.ts'
import type { TableRow } from '../lib.ts'
import type { Measurement } from './measure.ts'
import type { BenchOptions } from './options.ts'
import { TARGETS } from './options.ts'
import type { Readiness } from './page.ts'

export function verdicts(result: Measurement) {
  const longTasks =
    result.longTasksSupported && result.longTasks.count <= TARGETS.longTasksOver50Ms
      ? Verdict.Pass
      : result.longTasksSupported
        ? Verdict.Miss
        : Verdict.Unknown
  const seeding =
    !result.longTasksSupported || !result.longTasksWhileSeeding
      ? Verdict.Unknown
      : result.longTasksWhileSeeding.count <= TARGETS.longTasksOver50Ms
        ? Verdict.Pass
        : Verdict.Miss
  return {
    longTasks,
    longTasksWhileSeeding: seeding,
    eventToRowP95: atMost(result.eventToRowP95Ms, TARGETS.eventToRowP95Ms),
    getsPerEvent: atMost(result.getsPerEvent, TARGETS.getsPerEvent),
  }
}

export function table(
  options: BenchOptions,
  readiness: Readiness,
  result: Measurement,
  verdict: ReturnType<typeof verdicts>,
): TableRow[] {
  const tasks = (summary: { count: number; longestMs: number | undefined } | undefined) =>
    summary === undefined || !result.longTasksSupported
      ? undefined
      : `${summary.count}${summary.count > 0 ? ` (longest ${summary.longestMs} ms)` : ''}`
  return [
    { metric: 'calls watched', value: `${readiness.callsOnBoard ?? '?'} of ${options.calls}` },
    { metric: 'measured window (s)', value: result.windowSeconds },
    { metric: 'events/s requested', value: result.eventsPerSecondRequested },
    { metric: 'events/s sent by the simulator', value: result.eventsPerSecondSent },
    { metric: 'events/s delivered to the page', value: result.eventsPerSecondDelivered },
    {
      metric: 'long tasks > 50 ms (window)',
      value: tasks(result.longTasks),
      target: '0',
      result: verdict.longTasks,
    },
    {
      metric: 'long tasks > 50 ms (first row → window)',
      value: tasks(result.longTasksWhileSeeding),
      target: '0',
      result: verdict.longTasksWhileSeeding,
    },
    { metric: 'event→row p50 (ms)', value: result.eventToRowP50Ms },
    {
      metric: 'event→row p95 (ms)',
      value: result.eventToRowP95Ms,
      target: `≤ ${TARGETS.eventToRowP95Ms}`,
      result: verdict.eventToRowP95,
    },
    { metric: 'event→row samples', value: result.eventToRowSamples },
    {
      metric: 'GETs per event',
      value: result.getsPerEvent,
      target: `≤ ${TARGETS.getsPerEvent}`,
      result: verdict.getsPerEvent,
    },
    { metric: `JS heap before (MB, ${result.heapMethod ?? '?'})`, value: result.heapBeforeMb },
    { metric: `JS heap after (MB, ${result.heapMethod ?? '?'})`, value: result.heapAfterMb },
  ]
}
