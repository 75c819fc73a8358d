// `npm run soak`: ten times a second, every page is read and each call it shows judged against the
// truth (bench/soak/judge.ts); the outcomes are counted, episodes of disagreement opened and
// closed, and how long pages take to show a change confirmed is measured. Each agent page's call
// is also judged against its pause limit. The silent call is counted apart.
import type { PageSample, ShownRow } from '../../test-support/page-recorder.ts'
import { sleep } from '../lib.ts'
import { shortCall } from './common.ts'
import type { Episodes, ViolationRecord } from './episodes.ts'
import { isViolation, judge, judgePauseLimit, ViolationKind } from './judge.ts'
import type { Outcome } from './judge.ts'
import { readWatched, rowsOf } from './pages.ts'
import type { SoakCall, SoakState, Watched } from './state.ts'

const SAMPLE_INTERVAL_MS = 100

export class Sampler {
  private readonly lastOutcome = new Map<string, { outcome: Outcome; record?: ViolationRecord }>()
  private readonly silentStretch = new Map<string, number>()
  private readonly staleSince = new Map<string, number>()
  /** Per page and call: the true change not yet shown confirmed, and the last one seen. */
  private readonly pendingChange = new Map<string, number>()
  private readonly seenChange = new Map<string, number>()
  /** From a recorder change to the first sample showing it confirmed, per kind of page. */
  readonly convergenceMs: Record<Watched['kind'], number[]> = { agent: [], board: [] }
  convergenceSuperseded = 0

  /** Per agent page: the episode of its call paused past its limit, while it lasts. */
  private readonly pastLimit = new Map<string, ViolationRecord>()

  /** `faults.disturbing()`: whether the service may not take a resume as it should now. */
  constructor(
    private readonly soak: SoakState,
    private readonly episodes: Episodes,
    private readonly faults: { disturbing(): boolean },
  ) {}

  /** Samples every SAMPLE_INTERVAL_MS (or as fast as the pages answer) while `until()` holds. */
  async loop(until: () => boolean): Promise<void> {
    let next = Date.now()
    while (until()) {
      await this.sampleOnce()
      next += SAMPLE_INTERVAL_MS
      const wait = next - Date.now()
      if (wait > 0) await sleep(wait)
      else next = Date.now()
    }
  }

  async sampleOnce(): Promise<void> {
    this.soak.counters.ticks += 1
    if (this.faults.disturbing()) this.soak.noteDisturbance()
    await Promise.all(this.soak.watched.map((watched) => this.samplePage(watched)))
  }

  private async samplePage(watched: Watched): Promise<void> {
    const { soak } = this
    const counters = soak.counters
    let sample: PageSample
    try {
      sample = await readWatched(watched)
    } catch {
      watched.stats.sampleErrors += 1
      counters.sampleErrors += 1
      return
    }
    const stats = watched.stats
    if (sample.hub === 'Connected') stats.hubDownSince = null
    else {
      stats.hubDownSince ??= sample.now
      stats.longestHubDownMs = Math.max(stats.longestHubDownMs, sample.now - stats.hubDownSince)
    }
    for (const { call, row } of rowsOf(soak, watched, sample)) {
      if (!row) {
        if (watched.kind === 'board') {
          watched.stats.missingRows += 1
          counters.boardRowsMissing += 1
        }
        continue
      }
      const truth = soak.tracker.get(call.key)
      if (!truth) continue
      const { outcome, settled } = judge({
        shown: row.state,
        stale: row.stale,
        truth: truth.recording,
        truthSince: truth.since,
        connectedSince: sample.connectedSince,
        at: sample.now,
      })
      const pairKey = `${watched.name}|${call.key}`
      const previous = this.lastOutcome.get(pairKey)
      if (call.silent) {
        this.countSilent(pairKey, outcome, settled, sample.now)
        this.lastOutcome.set(pairKey, { outcome })
        continue
      }
      counters.samples += 1
      watched.stats.samples += 1
      if (watched.kind === 'agent') this.judgeLimit(watched, call, row, truth, sample)
      this.noteConvergence(watched, pairKey, row, truth, sample.now)
      if (settled) {
        counters.settled += 1
        watched.stats.settled += 1
      }
      if (outcome === 'stale') {
        counters.stale += 1
        watched.stats.stale += 1
      } else if (outcome === 'unsettled') counters.unsettled += 1
      else if (outcome === 'agrees') counters.agrees += 1

      if (previous?.record && previous.outcome !== outcome) {
        const ended = previous.record
        ended.endedAt = sample.now
        ended.endedShowing = `${row.state ?? 'nothing'}${row.stale ? ' (stale)' : ''}`
        console.log(
          `${soak.timeline.stamp(sample.now)} ${isViolation(ended.kind) ? 'VIOLATION' : 'disagreement'} ${ended.kind} on ${watched.name} for ${shortCall(call)} ended after ` +
            `${((sample.now - ended.at) / 1000).toFixed(1)} s (${ended.samplesInEpisode} samples): now shows ${ended.endedShowing}, true ${truth.recording}`,
        )
      }
      if (isViolation(outcome) || outcome === 'mismatch') {
        if (isViolation(outcome)) {
          counters.violations[outcome] += 1
          watched.stats.violations += 1
        } else counters.mismatches += 1
        if (previous?.outcome === outcome && previous.record) {
          previous.record.samplesInEpisode += 1
          this.lastOutcome.set(pairKey, previous)
          continue
        }
        const record: ViolationRecord = {
          kind: outcome,
          at: sample.now,
          page: watched.name,
          call: `${call.uccName}/${call.correlationId}`,
          shown: row.state,
          truth: truth.recording,
          truthHeldMs: sample.now - truth.since,
          hubConnectedMs:
            sample.connectedSince === null ? null : sample.now - sample.connectedSince,
          samplesInEpisode: 1,
        }
        this.lastOutcome.set(pairKey, { outcome, record })
        this.episodes.open(record, watched, call)
        continue
      }
      this.lastOutcome.set(pairKey, { outcome })
    }
  }

  /**
   * The pause limit: an agent page's call must not stay paused past its limit plus the slack while
   * the page's hub is up and the service answers as it should (judgePauseLimit). Counted per
   * sample, said and explained once per episode, as the other violations.
   */
  private judgeLimit(
    watched: Watched,
    call: SoakCall,
    row: ShownRow,
    truth: { recording: string; since: number },
    sample: PageSample,
  ): void {
    const { soak } = this
    const limit = soak.pauseLimit
    if (!limit) return
    const { outcome } = judgePauseLimit(
      {
        truth: truth.recording,
        truthSince: truth.since,
        connectedSince: sample.connectedSince,
        restartedAt: soak.restartedAt.get(call.key) ?? null,
        disturbedAt: soak.disturbedAt,
        at: sample.now,
      },
      limit,
    )
    const counters = soak.counters
    if (outcome === 'within' || outcome === ViolationKind.PausedPastLimit)
      counters.pauseLimit.judged += 1
    const open = this.pastLimit.get(watched.name)
    if (outcome !== ViolationKind.PausedPastLimit) {
      if (!open) return
      this.pastLimit.delete(watched.name)
      open.endedAt = sample.now
      open.endedShowing = `${row.state ?? 'nothing'}${row.stale ? ' (stale)' : ''}`
      console.log(
        `${soak.timeline.stamp(sample.now)} VIOLATION ${open.kind} on ${watched.name} for ${shortCall(call)} ended after ` +
          `${((sample.now - open.at) / 1000).toFixed(1)} s (${open.samplesInEpisode} samples): true ${truth.recording}`,
      )
      return
    }
    counters.violations[outcome] += 1
    watched.stats.violations += 1
    if (open) {
      open.samplesInEpisode += 1
      return
    }
    const record: ViolationRecord = {
      kind: outcome,
      at: sample.now,
      page: watched.name,
      call: `${call.uccName}/${call.correlationId}`,
      shown: row.state,
      truth: truth.recording,
      truthHeldMs: sample.now - truth.since,
      hubConnectedMs: sample.connectedSince === null ? null : sample.now - sample.connectedSince,
      samplesInEpisode: 1,
    }
    this.pastLimit.set(watched.name, record)
    this.episodes.open(record, watched, call)
  }

  /** How long each page takes to show a recorder change confirmed, and how long calls stay stale. */
  private noteConvergence(
    watched: Watched,
    pairKey: string,
    row: ShownRow,
    truth: { recording: string; since: number },
    at: number,
  ): void {
    if (row.stale) {
      if (!this.staleSince.has(pairKey)) this.staleSince.set(pairKey, at)
      const since = this.staleSince.get(pairKey) ?? at
      watched.stats.longestStaleMs = Math.max(watched.stats.longestStaleMs, at - since)
    } else this.staleSince.delete(pairKey)
    const seen = this.seenChange.get(pairKey)
    if (seen !== truth.since) {
      // The first sighting of a pair is not a change it was asked to follow.
      if (seen !== undefined) {
        if (this.pendingChange.has(pairKey)) this.convergenceSuperseded += 1
        this.pendingChange.set(pairKey, truth.since)
      }
      this.seenChange.set(pairKey, truth.since)
    }
    const pending = this.pendingChange.get(pairKey)
    if (pending !== undefined && !row.stale && row.state === truth.recording) {
      this.convergenceMs[watched.kind].push(at - pending)
      this.pendingChange.delete(pairKey)
    }
  }

  private countSilent(pairKey: string, outcome: Outcome, settled: boolean, at: number): void {
    const silent = this.soak.counters.silent
    silent.samples += 1
    if (settled) silent.settled += 1
    const contradicted = isViolation(outcome) || outcome === 'mismatch'
    if (isViolation(outcome)) silent.violations += 1
    if (contradicted) {
      silent.contradicted += 1
      if (!this.silentStretch.has(pairKey)) this.silentStretch.set(pairKey, at)
      const started = this.silentStretch.get(pairKey) ?? at
      silent.longestContradictionMs = Math.max(silent.longestContradictionMs, at - started)
    } else this.silentStretch.delete(pairKey)
  }
}
