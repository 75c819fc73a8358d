// `npm run soak`: one run from start to verdict (what it does: bench/soak.ts).
import { createRandom } from '../../simulator/random.ts'
import { recordContext } from '../../test-support/page-recorder.ts'
import { SimClient } from '../../test-support/sim-client.ts'
import { requireBuild, withBenchRun, writeJson } from '../harness.ts'
import { Verdict, formatTable, sleep, waitFor } from '../lib.ts'
import { agents, forgetfulAgent, otherParties, silentChanges, supervisor } from './actors.ts'
import { Episodes } from './episodes.ts'
import { Faults } from './faults.ts'
import { READY_TIMEOUT_MS, RECOVERY_LIMIT_MS } from './options.ts'
import type { SoakOptions } from './options.ts'
import {
  createCalls,
  disagreements,
  forgottenPauseLeft,
  openPages,
  trackTruth,
  waitUntilReady,
} from './pages.ts'
import { progressLine, resultJson, summaryDetails, summaryRows } from './report.ts'
import type { Soaked } from './report.ts'
import { Sampler } from './sampler.ts'
import { SoakState } from './state.ts'

/** A line a minute while the soak runs. */
async function progress(soak: SoakState): Promise<void> {
  let next = soak.timeline.start + 60_000
  while (soak.running()) {
    await sleep(Math.max(0, Math.min(next, soak.endAt) - Date.now()))
    if (!soak.running()) break
    if (Date.now() >= next) {
      console.log(progressLine(soak, Date.now()))
      next += 60_000
    }
  }
}

/**
 * The soaking itself: the actors and the faults until the time is up, the sampler throughout;
 * then the faults stop and the invariant is still checked while every page recovers (bounded).
 */
async function soakFor(soak: SoakState, faults: Faults): Promise<Soaked> {
  const episodes = new Episodes(soak)
  const sampler = new Sampler(soak, episodes, faults)
  soak.timeline.start = Date.now()
  soak.endAt = soak.timeline.start + soak.options.minutes * 60_000
  let samplingDone = false
  const sampling = sampler.loop(() => !samplingDone)
  await Promise.all([
    otherParties(soak),
    agents(soak),
    forgetfulAgent(soak),
    supervisor(soak),
    faults.loop(),
    silentChanges(soak),
    progress(soak),
  ])
  const ranMs = Date.now() - soak.timeline.start
  await faults.clear()
  const stoppedAt = Date.now()
  console.log(
    `${soak.timeline.stamp(stoppedAt)} faults stopped and cleared; waiting for every page to recover`,
  )
  let left: string[] = []
  // Recovered: every page shows the truth, and the forgotten pause has been ended by its guard.
  const recovered = await waitFor(
    async () => {
      left = [...(await disagreements(soak)), ...forgottenPauseLeft(soak)]
      return left.length === 0
    },
    RECOVERY_LIMIT_MS,
    500,
  )
  const recoveryMs = recovered ? Date.now() - stoppedAt : null
  samplingDone = true
  await sampling
  await episodes.settled()
  return {
    soak,
    sampler,
    episodes,
    ranMs,
    recovery: { ms: recoveryMs, left: recovered ? [] : left },
  }
}

/** Exit code 0 with no violation and no page error, 1 otherwise. */
export async function run(options: SoakOptions): Promise<number> {
  requireBuild(options.dist)
  const watchdogMs = options.minutes * 60_000 + READY_TIMEOUT_MS * 2 + RECOVERY_LIMIT_MS + 120_000
  let soak: SoakState | undefined
  const onSigint = () => {
    console.log('\nsoak: stopping early (Ctrl+C); the summary follows.')
    soak?.stopEarly()
  }
  process.once('SIGINT', onSigint)
  try {
    return await withBenchRun('soak', watchdogMs, async (bench) => {
      console.log(
        `soak: ${options.minutes} min, ${options.calls} calls, seed ${options.seed}, ${options.board ? 'with' : 'without'} the board` +
          `${options.silent ? ', plus a silently changed call (information only)' : ''}` +
          `, pause limit ${options.maxPauseSeconds > 0 ? `${options.maxPauseSeconds} s` : 'off'}`,
      )
      const sim = await bench.startSimulator({ staticDir: options.dist })
      const current = new SoakState(
        options,
        sim,
        new SimClient(sim.url),
        createRandom(options.seed),
      )
      soak = current
      trackTruth(current)
      await createCalls(current)
      const browser = await bench.launchChromium()
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      await recordContext(context, { clock: 'date', keep: 200, bodies: true, hubFrames: true })
      const faults = new Faults(current)
      await context.route(/\/attendantservice\/api\//, (route) => faults.slow.onRestRequest(route))
      console.log(
        `  simulator at ${sim.url}; opening ${current.calls.length} agent pages${options.board ? ' and the board' : ''}`,
      )
      await openPages(current, context)
      if (!(await waitUntilReady(current))) {
        const problems = await disagreements(current, true)
        console.warn(
          `  not every page was ready after ${READY_TIMEOUT_MS / 1000} s; soaking anyway:\n    ${problems.join('\n    ')}`,
        )
      }
      console.log('  soaking; each fault is logged as it is injected')
      const soaked = await soakFor(current, faults)
      const { recovery } = soaked
      if (recovery.ms === null)
        console.log(
          `  not recovered within ${RECOVERY_LIMIT_MS / 1000} s:\n    ${recovery.left.join('\n    ')}`,
        )

      const c = current.counters
      const violations =
        c.violations.pausedWhileNotPaused +
        c.violations.startedWhilePaused +
        c.violations.pausedPastLimit
      const exitCode = violations === 0 && c.pageErrors === 0 ? 0 : 1
      console.log(
        `\n${formatTable(summaryRows(soaked))}\n\n${summaryDetails(current).join('\n')}\n`,
      )
      const verdict = exitCode === 0 ? Verdict.Pass : Verdict.Miss
      await writeJson(options.out, resultJson(soaked, browser.version(), verdict, exitCode))
      console.log(
        exitCode === 0
          ? `No violation and no page error. Written to ${options.out}`
          : `${violations} violating samples, ${c.pageErrors} page errors. Written to ${options.out}`,
      )
      return exitCode
    })
  } finally {
    process.off('SIGINT', onSigint)
  }
}
