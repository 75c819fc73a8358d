// `npm run bench`: the agent panel's figures in one run, side by side, against their targets.
// In headless Chromium (the system one) against an in-process simulator (50 ms REST latency):
// 1. click → confirmed state on screen, and the bare POST round trip in the same page;
// 1b. a host page's pause() through the host SDK (another origin framing the panel) → resolved,
//    and the bare POST round trip in the panel's frame after each (bench/latency/host-pause.ts);
// 2. hub event → screen (another party acts), and event → confirmed;
// 3. the agent view's initial JS (gzip) against the dependency floor (scripts/check-bundle.ts);
// 4. JS heap growth over 100,000 hub events, after GC;
// 5. Lighthouse desktop scores (performance, accessibility, best practices).
// Method: the page is instrumented before its own scripts (bench/latency/probe.ts). Panel
// overhead = (click → confirmed on screen) − the bare POST round trip (a raw fetch POST in the same
// page after each click: Mark/UnMark on another call), as p50 − p50 and p95 − p95 (the target);
// per-click pairings and the echo of the click's own hub event are shown for diagnosis. The heap
// run's events are real changes applied in-process through the simulator's store to 200 other
// calls (each one hub broadcast), every --own-every-th one to the panel's own call.
// Needs `npm run build` first. `--quick` is the smoke run CI uses (few samples, 2,000 events, no
// Lighthouse). Prints the table, writes bench-results/latency.json; exits 0 with misses printed,
// 1 only when something could not be measured.
import { measureBundle } from '../scripts/check-bundle.ts'
import { SimClient } from '../test-support/sim-client.ts'
import { environment, requireBuild, runMain, section, withBenchRun, writeJson } from './harness.ts'
import { formatTable, missesLine } from './lib.ts'
import { bareCall, measureClicks } from './latency/clicks.ts'
import { measureHeapGrowth, otherCalls } from './latency/heap.ts'
import { measureHostPause } from './latency/host-pause.ts'
import { measureHubEvents } from './latency/hub-events.ts'
import { runLighthouse } from './latency/lighthouse.ts'
import { OTHER_CALLS, OTHER_PARTY, TARGETS, parseBenchArgs } from './latency/options.ts'
import type { BenchOptions } from './latency/options.ts'
import { agentUrl, openPanel } from './latency/page.ts'
import { printNotes, table, verdicts } from './latency/report.ts'
import type { Results } from './latency/report.ts'

async function run(options: BenchOptions): Promise<number> {
  requireBuild(options.dist)
  const startedAt = environment(undefined)
  const results: Results = {}
  let browserVersion: string | undefined
  await withBenchRun('bench', (options.quick ? 150 : 1200) * 1000, async (bench) => {
    console.log(
      `bench: agent panel${options.quick ? ' (quick)' : ''}: ${options.clicks} clicks, ${options.hubEvents} hub events, ${options.events.toLocaleString('en')} events for the heap, simulator latency ${options.latency} ms${options.lighthouse ? ', Lighthouse' : ''}`,
    )
    console.log('  3. bundle: building the dependency floor')
    results.bundle = await section('bundle', async () => {
      const { app, floor, ratio } = await measureBundle()
      return { appBytes: app, floorBytes: floor, ratio }
    })

    const sim = await bench.startSimulator({ staticDir: options.dist, latency: options.latency })
    const client = new SimClient(sim.url)
    const bareCallId = await bareCall(client)
    const heapCalls = await otherCalls(client, OTHER_CALLS)
    const browser = await bench.launchChromium()
    browserVersion = browser.version()
    console.log(`  simulator at ${sim.url}; opening ${agentUrl(sim)}`)
    const page = await openPanel(browser, sim)

    console.log(`  1. clicks: ${options.clicks} × Pause/Resume, with a bare POST after each`)
    results.clicks = await section('clicks', () => measureClicks(page, options, bareCallId))
    console.log(`  1b. host pause(): ${options.clicks} × pause() and resume() from a host page`)
    results.host = await section('host pause', () =>
      measureHostPause(browser, options, options.clicks),
    )
    console.log(`  2. hub events: ${options.hubEvents} × Pause/Start by ${OTHER_PARTY}`)
    results.hub = await section('hub events', () => measureHubEvents(page, client, options))
    console.log(`  4. heap: ${options.events.toLocaleString('en')} events`)
    results.heap = await section('heap', () => measureHeapGrowth(page, sim, options, heapCalls))
    await bench.closeBrowser()

    if (options.lighthouse) {
      console.log('  5. Lighthouse (desktop)')
      results.lighthouse = await section('Lighthouse', () => runLighthouse(agentUrl(sim), 180_000))
    }
  })

  const endedAt = environment(browserVersion)
  const verdict = verdicts(results)
  const cpu = `${endedAt.cpuModel} × ${endedAt.cpuCount}`
  console.log(
    `\n${endedAt.date}  Node ${endedAt.node}  Chromium ${browserVersion ?? '?'}  CPU ${cpu}  load average ${startedAt.loadAverage.join(' ')} (start), ${endedAt.loadAverage.join(' ')} (end)\n`,
  )
  console.log(`${formatTable(table(options, results, verdict))}\n`)
  const { failed } = printNotes(results)
  console.log(missesLine(verdict, 'All measured targets met.'))

  await writeJson(options.out, {
    benchmark: 'latency',
    environment: { ...endedAt, loadAverageAtStart: startedAt.loadAverage },
    options,
    targets: TARGETS,
    verdict,
    results,
  })
  console.log(`Written to ${options.out}`)
  return failed > 0 ? 1 : 0
}

await runMain('bench', () => run(parseBenchArgs(process.argv.slice(2))))
