// `npm run soak`: each stretch of samples in which a page showed a call confirmed and wrong (a
// violation of the invariant, or another disagreement): said at once, counted, kept for the JSON,
// and for the first few, what led to it (the call's true changes, the faults, the other parties'
// actions, the clicks, and what the page itself recorded).
import { recordedSince } from '../../test-support/page-recorder.ts'
import type { PageContext, RequestRecord } from '../../test-support/page-recorder.ts'
import { errorText, shortCall, withTimeout } from './common.ts'
import type { LogEntry } from './common.ts'
import { isViolation, ViolationKind } from './judge.ts'
import type { Outcome } from './judge.ts'
import { EVALUATE_TIMEOUT_MS } from './options.ts'
import type { SoakCall, SoakState, Watched } from './state.ts'

/** Violations (and other disagreements) logged in full, with what led to them. */
const DETAILED = 5
const EPISODES_KEPT = 200
const CONTEXT_WINDOW_MS = 15_000

export interface ViolationRecord {
  kind: Outcome
  at: number
  page: string
  call: string
  shown: string | null
  truth: string
  truthHeldMs: number
  hubConnectedMs: number | null
  samplesInEpisode: number
  /** When a sample first showed something else (Date.now()), and what; absent while it lasts. */
  endedAt?: number
  endedShowing?: string
  context?: unknown
}

/** A request as the context lists it: its path under the API, and what was sent and answered. */
function describeRequest(entry: RequestRecord) {
  let path = entry.url
  try {
    path = new URL(entry.url, 'http://page.invalid').pathname.replace('/attendantservice/api', '')
  } catch {
    // kept as the page gave it
  }
  const body =
    [
      entry.sent === null ? undefined : `>${entry.sent}`,
      entry.received === null ? undefined : `<${entry.received}`,
    ]
      .filter((part) => part !== undefined)
      .join(' ') || null
  return { path, body, ms: entry.end === null ? null : entry.end - entry.start }
}

export class Episodes {
  readonly violations: ViolationRecord[] = []
  readonly mismatches: ViolationRecord[] = []
  private readonly captures: Promise<void>[] = []

  constructor(private readonly soak: SoakState) {}

  /** A new episode: said, counted, kept (bounded) and, for the first few, explained. */
  open(record: ViolationRecord, watched: Watched, call: SoakCall): void {
    const counters = this.soak.counters
    const violation = isViolation(record.kind)
    const list = violation ? this.violations : this.mismatches
    if (violation) counters.violationEpisodes[record.kind as ViolationKind] += 1
    else counters.mismatchEpisodes += 1
    const label = violation ? 'VIOLATION' : 'disagreement (not a PCI violation)'
    const hub = `hub connected ${
      record.hubConnectedMs === null ? '-' : `${(record.hubConnectedMs / 1000).toFixed(1)} s`
    }`
    console.log(
      record.kind === ViolationKind.PausedPastLimit
        ? `${this.soak.timeline.stamp(record.at)} ${label} ${record.kind}: ${shortCall(call)} paused for ${(record.truthHeldMs / 1000).toFixed(1)} s, ` +
            `past its limit (${this.soak.options.maxPauseSeconds} s) plus the slack; ${watched.name} shows ${record.shown}, ${hub}`
        : `${this.soak.timeline.stamp(record.at)} ${label} ${record.kind}: ${watched.name} shows ${record.shown} confirmed for ${shortCall(call)}, ` +
            `true ${record.truth} for ${(record.truthHeldMs / 1000).toFixed(1)} s, ${hub}`,
    )
    // Counted always; kept (bounded) for the JSON, the first few with what led to them.
    if (list.length < EPISODES_KEPT) list.push(record)
    if (list.length > DETAILED) return
    this.captures.push(this.captureContext(record, watched, call))
  }

  /** Resolves once every explanation asked for has been read and printed. */
  async settled(): Promise<void> {
    await Promise.all(this.captures)
  }

  /** What led to it: the call's true changes, faults, actions, clicks, and the page's own record. */
  private async captureContext(
    record: ViolationRecord,
    watched: Watched,
    call: SoakCall,
  ): Promise<void> {
    const { soak } = this
    const rel = (at: number) => soak.timeline.rel(at)
    const since = record.at - CONTEXT_WINDOW_MS
    let page: PageContext | string
    try {
      page = await withTimeout(recordedSince(watched.page, since), EVALUATE_TIMEOUT_MS, 'context')
    } catch (error) {
      page = `could not be read: ${errorText(error)}`
    }
    const id = call.correlationId.toLowerCase()
    const relEntry = (entry: LogEntry) => `${rel(entry.at)} ${entry.what} ${entry.detail}`
    const context = {
      truthHistory: soak.tracker
        .history(call.key)
        .filter((change) => change.at >= since)
        .map(
          (change) =>
            `${rel(change.at)} ${change.action} by ${change.requester} (${change.source}) → ${change.recording}${change.event ? ` event ${change.stateAction}` : ' no event'}`,
        ),
      faults: soak.faultLog.filter((entry) => entry.at >= since).map(relEntry),
      otherParties: soak.actionLog
        .since(since, (entry) => entry.at)
        .filter((entry) => entry.call === call.key)
        .map(relEntry),
      clicks: soak.clickLog
        .since(since, (entry) => entry.at)
        .filter((entry) => entry.page === watched.name)
        .map(relEntry),
      page:
        typeof page === 'string'
          ? page
          : {
              shown: page.transitions
                .filter(
                  (entry) =>
                    entry.key === 'hub' ||
                    entry.key === 'call' ||
                    entry.key === `${call.uccName}|${call.correlationId}`,
                )
                .map(
                  (entry) =>
                    `${rel(entry.at)} ${entry.key === 'hub' ? 'hub' : 'state'} ${entry.state}${entry.stale ? ' (stale)' : ''}`,
                ),
              requests: page.requests
                .map((entry) => ({ entry, ...describeRequest(entry) }))
                .filter(
                  ({ path, body }) =>
                    path.toLowerCase().includes(id) ||
                    body?.toLowerCase().includes(id) ||
                    path.includes('negotiate'),
                )
                .map(
                  ({ entry, path, body, ms }) =>
                    `${rel(entry.start)} ${entry.method} ${path} → ${entry.error ?? entry.status ?? 'pending'}${ms === null ? '' : ` in ${ms} ms`}${body ? ` ${body}` : ''}`,
                ),
              hubMessages: page.hubFrames
                .filter(
                  (entry) => !entry.text.startsWith('{') || entry.text.toLowerCase().includes(id),
                )
                .map((entry) => `${rel(entry.at)} ${entry.text}`),
            },
    }
    record.context = context
    console.log(
      `  --- ${record.kind} at ${rel(record.at)} on ${record.page}, ${record.call}: what led to it ---`,
    )
    console.log(JSON.stringify(context, null, 2).replace(/^/gm, '  '))
  }
}
