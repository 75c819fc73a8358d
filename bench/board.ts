// `npm run bench:board`: the supervisor board in headless Chromium against the simulator's load
// scenario (5,000 calls, 500 events/s by default). Measures long tasks, event→row latency, GETs
// per event, the event rate delivered and the JS heap; prints a table against the targets and
// writes bench-results/board.json. Needs `npm run build` first. Exits 0 with misses printed; exits
// 1 only when it could not measure (no build, no board, no metrics hook).
import { SimClient } from '../test-support/sim-client.ts'
import { requireBuild, runMain, withBenchRun, writeJson } from './harness.ts'
import { formatTable, missesLine, waitFor } from './lib.ts'
import { measure } from './board/measure.ts'
import { TARGETS, parseBenchArgs } from './board/options.ts'
import type { BenchOptions } from './board/options.ts'
import {
  BOARD_HOOKS,
  boardUrl,
  installLongTaskObserver,
  loadCallIds,
  requireMetricsHook,
  seedWatchList,
  waitForRows,
} from './board/page.ts'
import { table, verdicts } from './board/report.ts'

async function run(options: BenchOptions): Promise<number> {
  requireBuild(options.dist)
  // Whatever happens, the run ends: seeding, the window and the slack for start and shutdown.
  const watchdogMs = (options.readyTimeout + options.seconds + 120) * 1000
  return withBenchRun('bench:board', watchdogMs, async (bench) => {
    console.log(
      `bench:board: ${options.calls} calls, ${options.eventsPerSecond} events/s, ${options.seconds} s, board watching ${options.ucc.join(', ')}`,
    )
    const sim = await bench.startSimulator({
      staticDir: options.dist,
      scenario: 'load',
      loadCalls: options.calls,
      loadEventsPerSecond: options.eventsPerSecond,
      seed: options.seed,
    })
    const browser = await bench.launchChromium()
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } })
    await page.addInitScript(installLongTaskObserver)
    const ids = await loadCallIds(new SimClient(sim.url), options.ucc)
    console.log(`  simulator at ${sim.url}; opening the board`)
    await page.goto(boardUrl(sim, options.ucc))
    await requireMetricsHook(page)
    const connected = await waitFor(
      async () =>
        (await page
          .locator(BOARD_HOOKS.hubState)
          .getAttribute('data-state')
          .catch(() => null)) === 'Connected',
      15_000,
    )
    if (!connected)
      console.warn(`  the hub indicator (${BOARD_HOOKS.hubState}) never said Connected`)
    console.log(`  seeding the watch list with ${ids.length} ids`)
    await seedWatchList(page, ids)
    const readiness = await waitForRows(page, ids.length, options.readyTimeout * 1000)
    console.log(`  measuring for ${options.seconds} s`)
    const result = await measure(browser, page, sim, options, readiness)
    const verdict = verdicts(result)
    console.log(`\n${formatTable(table(options, readiness, result, verdict))}\n`)
    console.log(missesLine(verdict, 'All targets met.'))
    await writeJson(options.out, {
      benchmark: 'board',
      date: new Date().toISOString(),
      options: { ...options, watchedIds: ids.length },
      browser: browser.version(),
      node: process.version,
      readiness,
      result,
      targets: TARGETS,
      verdict,
    })
    console.log(`Written to ${options.out}${options.trace ? ` (trace: ${options.trace})` : ''}`)
    return 0
  })
}

await runMain('bench:board', () => run(parseBenchArgs(process.argv.slice(2))))
