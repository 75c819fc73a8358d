// `npm run soak`: the line a minute, the summary table and its details, and the JSON result.
import { atMost, percentile, round } from '../lib.ts'
import type { TableRow, Verdict } from '../lib.ts'
import { sum } from './common.ts'
import type { Episodes } from './episodes.ts'
import { GRACE_MS } from './judge.ts'
import { RECOVERY_LIMIT_MS } from './options.ts'
import type { Sampler } from './sampler.ts'
import type { SoakState } from './state.ts'

/** A soak that has run: its state and parts, how long it ran, and how the pages recovered. */
export interface Soaked {
  soak: SoakState
  sampler: Sampler
  episodes: Episodes
  ranMs: number
  recovery: { ms: number | null; left: string[] }
}

export function progressLine(soak: SoakState, at: number): string {
  const c = soak.counters
  const faults = sum(c.faults)
  const actions = sum(c.actions)
  const clicks = c.clicks.pause + c.clicks.resume + c.clicks.shortcut
  const stalePct = c.samples > 0 ? ((100 * c.stale) / c.samples).toFixed(0) : '0'
  return (
    `${soak.timeline.stamp(at)} progress ${((at - soak.timeline.start) / 60_000).toFixed(1)} of ${soak.options.minutes} min: ` +
    `${c.samples} samples (${c.settled} settled, ${stalePct}% stale), ${faults} faults, ${actions} actions, ` +
    `${clicks} agent clicks, violations ${c.violations.pausedWhileNotPaused} paused-while-not-paused / ` +
    `${c.violations.startedWhilePaused} started-while-paused / ${c.violations.pausedPastLimit} paused-past-limit, ` +
    `${c.pageErrors} page errors`
  )
}

function percent(part: number, whole: number): string {
  return whole > 0 ? `${((100 * part) / whole).toFixed(1)} %` : '—'
}

/** The table: the run, the faults and actions, the verdict on the invariant, how pages converged. */
export function summaryRows(soaked: Soaked): TableRow[] {
  const { soak, sampler, ranMs, recovery } = soaked
  const c = soak.counters
  return [
    { metric: 'minutes', value: round(ranMs / 60_000, 2) },
    { metric: 'pages (agent views + board)', value: soak.watched.length },
    { metric: 'calls under test', value: soak.mainCalls.length },
    { metric: 'samples (page × call)', value: c.samples },
    {
      metric: '  sampling rate (Hz, target 10)',
      value: round(c.ticks / ((Date.now() - soak.timeline.start) / 1000), 1),
    },
    { metric: '  settled (hub and truth > 1 s)', value: percent(c.settled, c.samples) },
    { metric: '  shown stale (info)', value: percent(c.stale, c.samples) },
    { metric: 'faults injected', value: sum(c.faults) },
    ...Object.entries(c.faults).map(([kind, count]) => ({ metric: `  ${kind}`, value: count })),
    { metric: 'other-party actions', value: sum(c.actions) },
    { metric: 'agent clicks (Pause, Resume)', value: c.clicks.pause + c.clicks.resume },
    {
      metric: 'violations: Paused while not paused',
      value: c.violations.pausedWhileNotPaused,
      target: '0',
      result: atMost(c.violations.pausedWhileNotPaused, 0),
    },
    {
      metric: 'violations: Started while paused',
      value: c.violations.startedWhilePaused,
      target: '0',
      result: atMost(c.violations.startedWhilePaused, 0),
    },
    ...pauseLimitRows(soak),
    { metric: 'page errors', value: c.pageErrors, target: '0', result: atMost(c.pageErrors, 0) },
    { metric: 'other confirmed disagreements (info)', value: c.mismatches },
    ...(['agent', 'board'] as const).flatMap((kind) => {
      const samples = sampler.convergenceMs[kind]
      if (samples.length === 0) return []
      return [
        {
          metric: `change → confirmed on ${kind} p50 / p95 / max (s)`,
          value: [50, 95, 100]
            .map((p) => (round((percentile(samples, p) ?? 0) / 1000, 1) ?? 0).toFixed(1))
            .join(' / '),
        },
      ]
    }),
    {
      metric: 'recovery after the faults (s)',
      value: recovery.ms === null ? `> ${RECOVERY_LIMIT_MS / 1000}` : round(recovery.ms / 1000, 1),
    },
  ]
}

/** Seconds, one decimal, of the lengths at p50 and the longest: `12.1 / 12.4`. */
function lengths(ms: readonly number[]): string {
  return [50, 100]
    .map((p) => (round((percentile(ms, p) ?? 0) / 1000, 1) ?? 0).toFixed(1))
    .join(' / ')
}

/** The pause limit's rows: the verdict, how often it was judged, and the forgotten pauses. */
function pauseLimitRows(soak: SoakState): TableRow[] {
  const limit = soak.pauseLimit
  if (!limit) return [{ metric: 'pause limit', value: 'off (--max-pause-seconds 0)' }]
  const c = soak.counters
  const p = c.pauseLimit
  return [
    {
      metric: `violations: paused past the limit (${limit.limitMs / 1000} s) + ${limit.slackMs / 1000} s`,
      value: c.violations.pausedPastLimit,
      target: '0',
      result: atMost(c.violations.pausedPastLimit, 0),
    },
    { metric: '  samples of a paused call judged for it', value: p.judged },
    {
      metric: '  forgotten pauses ended by the guard',
      value: `${p.forgottenResumed} of ${p.forgottenPauses}`,
    },
    ...(p.forgottenLengthsMs.length > 0
      ? [{ metric: '  their length p50 / max (s)', value: lengths(p.forgottenLengthsMs) }]
      : []),
  ]
}

function convergenceSummary(sampler: Sampler) {
  return Object.fromEntries(
    (['agent', 'board'] as const).map((kind) => {
      const samples = sampler.convergenceMs[kind]
      return [
        kind,
        {
          changes: samples.length,
          p50Ms: percentile(samples, 50),
          p95Ms: percentile(samples, 95),
          maxMs: percentile(samples, 100),
        },
      ]
    }),
  )
}

/** The breakdowns that do not fit the table. */
export function summaryDetails(soak: SoakState): string[] {
  const c = soak.counters
  const list = (record: Record<string, number>) =>
    Object.entries(record)
      .sort(([, a], [, b]) => b - a)
      .map(([name, count]) => `${name} ${count}`)
      .join(', ')
  const lines = [
    `pages (stale share; longest stale; longest hub not Connected): ${soak.watched
      .filter((watched) => watched.stats.samples > 0)
      .map(
        (watched) =>
          `${watched.name} ${percent(watched.stats.stale, watched.stats.samples)}; ${(watched.stats.longestStaleMs / 1000).toFixed(1)} s; ${(watched.stats.longestHubDownMs / 1000).toFixed(1)} s`,
      )
      .join(' | ')}`,
    `violation episodes: ${c.violationEpisodes.pausedWhileNotPaused} paused-while-not-paused, ${c.violationEpisodes.startedWhilePaused} started-while-paused, ${c.violationEpisodes.pausedPastLimit} paused-past-limit; other disagreements ${c.mismatchEpisodes}`,
    `bad answers and hangs: ${list(c.faultVariants) || 'none'}`,
    `other-party actions: ${list(c.actions) || 'none'}; ${c.actionsRefused} refused, ${c.actionErrors} failed`,
    `agent: Pause ${c.clicks.pause}, Resume ${c.clicks.resume}, Ctrl+Shift+2 ${c.clicks.shortcut}, reloads ${c.clicks.reloads}, nothing to click ${c.clicks.nothingEnabled}, clicks that did not land ${c.clicks.failed}`,
    `console errors (info): ${c.consoleErrors}; unread samples ${c.sampleErrors}; board rows missing ${c.boardRowsMissing}`,
  ]
  if (soak.options.board)
    lines.push(
      `supervisor on the board: Resume ${c.supervisor.resume}, Mark ${c.supervisor.mark}, nothing to click ${c.supervisor.nothingEnabled}, failed ${c.supervisor.failed}; slow answers delivered ${c.slowAnswersDelivered}`,
    )
  if (soak.pauseLimit && soak.forgetfulCall)
    lines.push(
      `pause limit: ${soak.options.maxPauseSeconds} s on every agent page; ${soak.forgetfulCall ? `${soak.forgetfulCall.uccName}/${soak.forgetfulCall.correlationId.slice(0, 8)}` : ''} ` +
        `paused by its agent and left to its guard; forgotten pauses (s): ${
          c.pauseLimit.forgottenLengthsMs.map((ms) => (ms / 1000).toFixed(1)).join(', ') ||
          'none ended'
        }`,
    )
  if (soak.silentCall) {
    const s = c.silent
    lines.push(
      `silent call (info only, not in the verdict): ${s.changes} changes with no event; ${s.contradicted} of ${s.samples} samples ` +
        `showed a confirmed state they had contradicted for over 1 s (${s.violations} of the PCI kinds), longest ${(s.longestContradictionMs / 1000).toFixed(1)} s`,
    )
  }
  return lines
}

/** The JSON result (bench-results/soak.json). */
export function resultJson(
  soaked: Soaked,
  browserVersion: string,
  verdict: Verdict,
  exitCode: number,
) {
  const { soak, sampler, episodes, ranMs, recovery } = soaked
  const start = soak.timeline.start
  return {
    benchmark: 'soak',
    date: new Date(start).toISOString(),
    options: soak.options,
    graceMs: GRACE_MS,
    pauseLimit: soak.pauseLimit && {
      ...soak.pauseLimit,
      forgetfulCall: soak.forgetfulCall?.correlationId ?? null,
      ...soak.counters.pauseLimit,
      violations: soak.counters.violations.pausedPastLimit,
    },
    browser: browserVersion,
    node: process.version,
    ranMs,
    calls: soak.calls,
    pages: soak.watched.map((watched) => ({
      name: watched.name,
      call: watched.call?.correlationId,
      ...watched.stats,
    })),
    counters: soak.counters,
    convergence: convergenceSummary(sampler),
    convergenceSuperseded: sampler.convergenceSuperseded,
    recovery,
    violations: episodes.violations,
    disagreements: episodes.mismatches,
    pageErrors: soak.pageErrors,
    consoleErrors: Object.fromEntries(soak.consoleErrors),
    faultLog: soak.faultLog.map((entry) => ({
      ...entry,
      t: round((entry.at - start) / 1000, 3),
      time: new Date(entry.at).toISOString(),
    })),
    silentChanges: soak.silentLog,
    agentLog: soak.clickLog.items,
    verdict,
    exitCode,
  }
}
