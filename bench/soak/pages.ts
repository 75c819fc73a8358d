// `npm run soak`: the calls under test and the pages that show them (one agent panel per call and
// a board watching them all), and whether every page shows every call confirmed and true.
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import type { BrowserContext, Page } from '@playwright/test'
import { RecordingState } from '../../protocol/wire.ts'
import { DEFAULT_UCC } from '../../simulator/default-data.ts'
import type { Simulator } from '../../simulator/server.ts'
import { samplePage } from '../../test-support/page-recorder.ts'
import type { PageSample, ShownRow } from '../../test-support/page-recorder.ts'
import { boardUrl, seedWatchList } from '../board/page.ts'
import { waitFor } from '../lib.ts'
import { errorText, shortCall, withTimeout } from './common.ts'
import { callKey, recordingStateName } from './judge.ts'
import type { TruthChange } from './judge.ts'
import {
  AGENT,
  EVALUATE_TIMEOUT_MS,
  PAUSE_WARNING_SECONDS,
  READY_TIMEOUT_MS,
  SECOND_UCC,
  UCCS,
} from './options.ts'
import { newPageStats } from './state.ts'
import type { SoakCall, SoakState, Watched } from './state.ts'

/** Every change of every call, as the simulator's store reports it, feeds the true state. */
export function trackTruth(soak: SoakState): void {
  soak.sim.store.onChange((change) => {
    const key = callKey(change.uccName, change.correlationId)
    const before = soak.tracker.get(key)
    const entry: TruthChange = {
      at: Date.now(),
      recording: recordingStateName(change.recordingState),
      action: change.action,
      stateAction: change.stateAction,
      source: change.source,
      requester: change.requester,
      event: change.event,
    }
    soak.tracker.record(key, entry)
    // The forgetful call's pauses: only its guard ends them.
    if (key !== soak.forgetfulCall?.key || before?.recording === entry.recording) return
    const counted = soak.counters.pauseLimit
    if (entry.recording === 'Paused') counted.forgottenPauses += 1
    else if (before?.recording === 'Paused') {
      counted.forgottenResumed += 1
      counted.forgottenLengthsMs.push(entry.at - before.since)
    }
  })
}

/** The calls under test, recording, spread over two UCCs; and, with `silent`, one more apart. */
export async function createCalls(soak: SoakState): Promise<void> {
  await soak.client.addUcc(SECOND_UCC, [AGENT])
  const total = soak.options.calls + (soak.options.silent ? 1 : 0)
  // The last of the calls under test is left to its guard (with the guard on, and another call).
  const forgetful = soak.pauseLimit && soak.options.calls >= 2 ? soak.options.calls - 1 : -1
  for (let index = 0; index < total; index += 1) {
    const silent = index === soak.options.calls
    const uccName = silent ? DEFAULT_UCC : (UCCS[index % UCCS.length] ?? DEFAULT_UCC)
    const correlationId = soak.random.uuid()
    await soak.client.createCall({
      ucc: uccName,
      correlationId,
      recordingState: RecordingState.Started,
    })
    soak.calls.push({
      uccName,
      correlationId,
      key: callKey(uccName, correlationId),
      silent,
      forgetful: index === forgetful,
    })
  }
}

function agentUrl(sim: Simulator, call: SoakCall): string {
  const query = new URLSearchParams({
    ucc: call.uccName,
    correlationId: call.correlationId,
    agent: AGENT,
  })
  return `${sim.url}/?${query.toString()}`
}

/** Page errors and crashes are counted and said at once; console errors are counted. */
function attach(soak: SoakState, page: Page, name: string): void {
  const { counters, timeline } = soak
  page.on('pageerror', (error) => {
    counters.pageErrors += 1
    const message = errorText(error)
    soak.pageErrors.push({ at: Date.now(), page: name, message })
    console.log(`${timeline.stamp()} PAGE ERROR ${name}: ${message}`)
  })
  page.on('crash', () => {
    counters.pageErrors += 1
    soak.pageErrors.push({ at: Date.now(), page: name, message: 'the page crashed' })
    console.log(`${timeline.stamp()} PAGE ERROR ${name}: the page crashed`)
  })
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    counters.consoleErrors += 1
    const text = message.text().slice(0, 160)
    soak.consoleErrors.set(text, (soak.consoleErrors.get(text) ?? 0) + 1)
  })
}

/**
 * config.json as the build ships it, with the pause guard's limit (and its warning) of the soak:
 * short enough for pauses to reach it while the soak runs.
 */
async function serveSoakConfig(soak: SoakState, context: BrowserContext): Promise<void> {
  const shipped = JSON.parse(
    await readFile(path.join(soak.options.dist, 'config.json'), 'utf8'),
  ) as Record<string, unknown>
  const maxPauseSeconds = soak.options.maxPauseSeconds
  const config = {
    ...shipped,
    maxPauseSeconds,
    pauseWarningSeconds: Math.min(PAUSE_WARNING_SECONDS, maxPauseSeconds),
  }
  await context.route('**/config.json', (route) => route.fulfill({ json: config }))
}

export async function openPages(soak: SoakState, context: BrowserContext): Promise<void> {
  await serveSoakConfig(soak, context)
  for (const [index, call] of soak.calls.entries()) {
    const page = await context.newPage()
    const name = call.silent
      ? 'agent-silent'
      : `agent-${index + 1}${call.forgetful ? '-forgetful' : ''}`
    attach(soak, page, name)
    await page.goto(agentUrl(soak.sim, call))
    soak.watched.push({ name, kind: 'agent', page, call, stats: newPageStats() })
  }
  if (!soak.options.board) return
  const page = await context.newPage()
  attach(soak, page, 'board')
  await page.goto(boardUrl(soak.sim, UCCS, false))
  soak.watched.push({ name: 'board', kind: 'board', page, stats: newPageStats() })
  await seedWatchList(
    page,
    soak.calls.map((call) => call.correlationId),
  )
}

/** One reading of a page, bounded. */
export function readWatched(watched: Watched): Promise<PageSample> {
  return withTimeout(samplePage(watched.page), EVALUATE_TIMEOUT_MS, watched.name)
}

/** The calls a page shows, each with its row (undefined when the page does not show it). */
export function rowsOf(
  soak: SoakState,
  watched: Watched,
  sample: PageSample,
): { call: SoakCall; row: ShownRow | undefined }[] {
  if (watched.call) return [{ call: watched.call, row: sample.rows[0] }]
  return soak.calls.map((call) => ({
    call,
    row: sample.rows.find(
      (row) =>
        row.id?.toLowerCase() === call.correlationId.toLowerCase() &&
        row.ucc?.toLowerCase() === call.uccName.toLowerCase(),
    ),
  }))
}

/** What does not (yet) show the truth, confirmed, with the hub Connected; empty when all do. */
export async function disagreements(soak: SoakState, includeSilent = false): Promise<string[]> {
  const problems: string[] = []
  await Promise.all(
    soak.watched.map(async (watched) => {
      let sample: PageSample
      try {
        sample = await readWatched(watched)
      } catch (error) {
        problems.push(`${watched.name}: ${errorText(error)}`)
        return
      }
      if (sample.hub !== 'Connected')
        problems.push(`${watched.name}: hub ${sample.hub ?? 'absent'}`)
      for (const { call, row } of rowsOf(soak, watched, sample)) {
        if (call.silent && !includeSilent) continue
        const truth = soak.tracker.get(call.key)?.recording
        if (!row) problems.push(`${watched.name} ${shortCall(call)}: no row`)
        else if (row.stale || row.state !== truth)
          problems.push(
            `${watched.name} ${shortCall(call)}: shows ${row.state}${row.stale ? ' (stale)' : ''}, true ${truth}`,
          )
      }
    }),
  )
  return problems
}

/** The forgetful call still paused (its guard has yet to resume it), as a line; empty otherwise. */
export function forgottenPauseLeft(soak: SoakState): string[] {
  const call = soak.forgetfulCall
  const truth = call && soak.tracker.get(call.key)
  if (!call || truth?.recording !== 'Paused') return []
  const seconds = ((Date.now() - truth.since) / 1000).toFixed(1)
  return [`${shortCall(call)}: paused for ${seconds} s, its guard has not resumed it yet`]
}

/** Bounded: every page connected and showing every call confirmed and true. */
export async function waitUntilReady(soak: SoakState): Promise<boolean> {
  return waitFor(async () => (await disagreements(soak)).length === 0, READY_TIMEOUT_MS, 250)
}
