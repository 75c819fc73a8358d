// `npm run bench`: the verdicts against the targets, the table, and what is printed under it.
import { LIGHTHOUSE_CATEGORIES } from './lighthouse.ts'
import type { LighthouseOutcome } from './lighthouse.ts'
import { valueOf } from '../harness.ts'
import type { Section } from '../harness.ts'
import { atLeast, atMost, pair, round } from '../lib.ts'
import type { TableRow, Verdict } from '../lib.ts'
import type { measureClicks } from './clicks.ts'
import type { measureHostPause } from './host-pause.ts'
import type { measureHeapGrowth } from './heap.ts'
import type { measureHubEvents } from './hub-events.ts'
import type { BenchOptions } from './options.ts'
import { TARGETS } from './options.ts'

type ClickResult = Awaited<ReturnType<typeof measureClicks>>
type HubResult = Awaited<ReturnType<typeof measureHubEvents>>
type HostResult = Awaited<ReturnType<typeof measureHostPause>>
type HeapResult = Awaited<ReturnType<typeof measureHeapGrowth>>
type BundleResult = { appBytes: number; floorBytes: number; ratio: number }

export interface Results {
  clicks?: Section<ClickResult>
  host?: Section<HostResult>
  hub?: Section<HubResult>
  bundle?: Section<BundleResult>
  heap?: Section<HeapResult>
  lighthouse?: Section<LighthouseOutcome>
}

export function verdicts(results: Results) {
  const clicks = valueOf(results.clicks)
  const host = valueOf(results.host)
  const hub = valueOf(results.hub)
  const bundle = valueOf(results.bundle)
  const heap = valueOf(results.heap)
  const lighthouse = valueOf(results.lighthouse)
  return {
    panelOverheadP95: atMost(clicks?.overheadP95Ms, TARGETS.panelOverheadP95Ms),
    hostPauseOverheadP95: atMost(host?.overheadP95Ms, TARGETS.hostPauseOverheadP95Ms),
    eventToScreenP95: atMost(hub?.eventToScreen.p95, TARGETS.eventToScreenP95Ms),
    bundleRatio: atMost(
      bundle === undefined ? undefined : round(bundle.ratio, 3),
      TARGETS.bundleRatio,
    ),
    heapGrowth: atMost(heap?.heapGrowthMb, TARGETS.heapGrowthMb),
    ...(results.lighthouse
      ? Object.fromEntries(
          LIGHTHOUSE_CATEGORIES.map((id) => [
            `lighthouse-${id}`,
            atLeast(lighthouse?.categories[id].score, TARGETS.lighthouseScore),
          ]),
        )
      : {}),
  } as Record<string, Verdict>
}

export function table(
  options: BenchOptions,
  results: Results,
  verdict: Record<string, Verdict>,
): TableRow[] {
  const clicks = valueOf(results.clicks)
  const host = valueOf(results.host)
  const hub = valueOf(results.hub)
  const bundle = valueOf(results.bundle)
  const heap = valueOf(results.heap)
  const lighthouse = valueOf(results.lighthouse)
  const kb = (bytes: number | undefined) =>
    bytes === undefined ? undefined : `${(bytes / 1024).toFixed(1)} KB`
  const rows: TableRow[] = [
    {
      metric: `1. click → confirmed on screen, p50 / p95 (ms, ${clicks?.clicks ?? 0} clicks)`,
      value: pair(clicks?.clickToConfirmed),
    },
    { metric: '   bare POST round trip, same page, p50 / p95 (ms)', value: pair(clicks?.barePost) },
    {
      metric: '   panel overhead p50 / p95 (ms): p50 − p50, p95 − p95',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.overheadP50Ms ?? '—'} / ${clicks.overheadP95Ms ?? '—'}`,
      target: `p95 ≤ ${TARGETS.panelOverheadP95Ms}`,
      result: verdict.panelOverheadP95,
    },
    {
      metric: '   per click: (click → confirmed) − the bare POST after it, p50 / p95',
      value: pair(clicks?.adjacent),
    },
    {
      metric: "   the click's own POST round trip, p50 / p95 (ms)",
      value: pair(clicks?.panelPost),
    },
    {
      metric: '   per click: (click → confirmed) − its own POST, p50 / p95 (ms)',
      value: pair(clicks?.paired),
    },
    { metric: '     of which click → POST sent, p50 / p95 (ms)', value: pair(clicks?.clickToPost) },
    {
      metric: '     of which POST read → confirmed, p50 / p95 (ms)',
      value: pair(clicks?.postReadToConfirmed),
    },
    {
      metric: '   confirmed by the POST answer / by a GET',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.clicks - clicks.confirmedByGet} / ${clicks.confirmedByGet}`,
    },
    {
      metric: "   the action's own hub event arrived before the POST answer",
      value:
        clicks === undefined ? undefined : `${clicks.eventBeforePostAnswer} of ${clicks.clicks}`,
    },
    {
      metric: '     that event → POST answer read, p50 / p95 (ms)',
      value: pair(clicks?.eventToPostRead),
    },
    {
      metric: '     rendered "not confirmed" first; painted; its GET sent first',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.staleShownFirst}; ${clicks.stalePainted}; ${clicks.getBeforePostRead} of ${clicks.clicks}`,
    },
    { metric: '   GETs per click (until settled)', value: clicks?.getsPerClick },
    {
      metric: '   back to "not confirmed" after confirmed: clicks; p50 / p95 (ms)',
      value:
        clicks === undefined
          ? undefined
          : `${clicks.staleAgainClicks} of ${clicks.clicks}${clicks.staleAgainClicks > 0 ? `; ${pair(clicks.staleAgain)}` : ''}`,
    },
    {
      metric: `1b. host pause() → resolved (confirmed Paused), p50 / p95 (ms, ${host?.pauses ?? 0} pauses)`,
      value: pair(host?.pauseToResolved),
    },
    {
      metric: '   bare POST round trip, in the panel frame, p50 / p95 (ms)',
      value: pair(host?.barePost),
    },
    {
      metric: '   host pause overhead: p50 − p50 / p95 − p95 (ms)',
      value:
        host === undefined
          ? undefined
          : `${host.overheadP50Ms ?? '—'} / ${host.overheadP95Ms ?? '—'}`,
      target: `p95 ≤ ${TARGETS.hostPauseOverheadP95Ms}`,
      result: verdict.hostPauseOverheadP95,
    },
    {
      metric: '   pause() − the bare POST right after it, p50 / p95 (ms)',
      value: pair(host?.adjacent),
    },
    {
      metric: `2. hub event → screen, p50 / p95 (ms, ${hub?.events ?? 0} events)`,
      value: pair(hub?.eventToScreen),
      target: `p95 ≤ ${TARGETS.eventToScreenP95Ms}`,
      result: verdict.eventToScreenP95,
    },
    {
      metric: '   hub event → next frame after it, p50 / p95 (ms)',
      value: pair(hub?.eventToNextFrame),
    },
    {
      metric: '   hub event → confirmed (after the GET), p50 / p95 (ms)',
      value: pair(hub?.eventToConfirmed),
    },
    {
      metric: '   probe ran before the client (old state on screen); other listeners',
      value:
        hub === undefined
          ? undefined
          : `${hub.orderingOk} of ${hub.events}; ${hub.probe.otherMessageListeners}`,
    },
    {
      metric: '3. agent view initial JS gzip / dependency floor',
      value:
        bundle === undefined
          ? undefined
          : `${kb(bundle.appBytes)} / ${kb(bundle.floorBytes)} = ${bundle.ratio.toFixed(3)}`,
      target: `≤ ${TARGETS.bundleRatio}`,
      result: verdict.bundleRatio,
    },
    {
      metric: `4. JS heap before → after ${heap?.eventsReceived.toLocaleString('en') ?? options.events.toLocaleString('en')} events (MB, after GC)`,
      value: heap === undefined ? undefined : `${heap.heapBeforeMb} → ${heap.heapAfterMb}`,
    },
    {
      metric: '   JS heap growth (MB)',
      value: heap?.heapGrowthMb,
      target: `≤ ${TARGETS.heapGrowthMb}`,
      result: verdict.heapGrowth,
    },
    {
      metric: "   events delivered (1 in n for the panel's call); events/s",
      value:
        heap === undefined
          ? undefined
          : `${heap.eventsReceived.toLocaleString('en')} of ${heap.eventsSent.toLocaleString('en')} (1 in ${options.ownEvery.toLocaleString('en')}); ${heap.eventsPerSecond}/s`,
    },
  ]
  if (!results.lighthouse) {
    rows.push({ metric: '5. Lighthouse', value: 'skipped' })
  } else {
    for (const id of LIGHTHOUSE_CATEGORIES) {
      rows.push({
        metric: `5. Lighthouse ${id} (desktop)`,
        value: lighthouse?.categories[id].score,
        target: `${TARGETS.lighthouseScore}`,
        result: verdict[`lighthouse-${id}`],
      })
    }
  }
  return rows
}

/**
 * What the table cannot say: the Lighthouse audits below full marks, the samples that could not be
 * measured, and the sections that failed (which make the run exit 1).
 */
export function printNotes(results: Results): { failed: number } {
  const lighthouse = valueOf(results.lighthouse)
  if (lighthouse) {
    for (const id of LIGHTHOUSE_CATEGORIES) {
      const category = lighthouse.categories[id]
      if (category.score === undefined || category.score >= TARGETS.lighthouseScore) continue
      console.log(`Lighthouse ${id} ${category.score}: audits below full marks`)
      for (const audit of category.failing) {
        const detail = [
          audit.score === undefined ? 'failed' : `score ${audit.score}`,
          audit.displayValue,
          audit.weight > 0 ? `weight ${audit.weight}` : 'not weighted',
        ]
          .filter(Boolean)
          .join(', ')
        console.log(`  ${audit.id}: ${audit.title} (${detail})`)
      }
    }
    if (lighthouse.runWarnings.length > 0)
      console.log(`Lighthouse warnings: ${lighthouse.runWarnings.join(' | ')}`)
    if (lighthouse.runtimeError) console.log(`Lighthouse runtime error: ${lighthouse.runtimeError}`)
  }
  for (const problem of [
    ...(valueOf(results.clicks)?.problems ?? []),
    ...(valueOf(results.host)?.problems ?? []),
    ...(valueOf(results.hub)?.problems ?? []),
  ])
    console.log(`note: ${problem}`)
  const heap = valueOf(results.heap)
  if (heap && !heap.allArrived)
    console.log(
      `note: only ${heap.eventsReceived} of ${heap.eventsSent} events reached the page in time`,
    )

  const failed = Object.entries(results).filter(
    (entry): entry is [string, { ok: false; error: string }] => !(entry[1] as Section<unknown>).ok,
  )
  for (const [name, result] of failed) console.log(`not measured: ${name}: ${result.error}`)
  return { failed: failed.length }
}
