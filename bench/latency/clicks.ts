// `npm run bench`, part 1: click → confirmed on screen, and the bare POST round trip in the same
// page after each click (Mark/UnMark on another call), whose difference is the panel's overhead.
import type { Page } from '@playwright/test'
import { RecordingAction } from '../../protocol/wire.ts'
import { DEFAULT_AGENT, DEFAULT_UCC } from '../../simulator/default-data.ts'
import type { SimClient } from '../../test-support/sim-client.ts'
import { inPage } from '../../test-support/page-script.ts'
import { difference, round, sleep, spread, waitFor } from '../lib.ts'
import type { BenchOptions } from './options.ts'
import { REST_SET_PATH, SAMPLE_TIMEOUT_MS } from './options.ts'
import { clearLogs, currentState, isOwnStateGet, probeCall, takeLogs, waitSettled } from './page.ts'
import type { PageLogs } from './page.ts'
import type { ProbeWindow, ScreenRecord } from './probe.ts'

export interface ClickSample {
  action: 'pause' | 'resume'
  clickToConfirmedMs: number
  clickToShownMs: number | undefined
  postRoundTripMs: number
  /** Click → the panel's POST leaves. */
  clickToPostMs: number
  /** POST body read → confirmed state on screen. */
  postReadToConfirmedMs: number
  /** (click → confirmed) − this click's own POST round trip. */
  pairedOverheadMs: number
  confirmedToNextFrameMs: number | undefined
  /** Which answer the confirmed state came from: the POST's, or a GET after it. */
  confirmedBy: 'post' | 'get'
  eventBeforePostAnswer: boolean | undefined
  /** The own call's event (the echo of this action) arrived → the POST's headers / body were read. */
  eventToPostHeadersMs: number | undefined
  eventToPostReadMs: number | undefined
  /** The hub client's synchronous handler for that event. */
  echoHandlerMs: number | undefined
  /** That event → the action's state first on screen (as "not confirmed" when the event came first). */
  echoToShownMs: number | undefined
  /** The echo was rendered first, as "not confirmed", before the POST answer confirmed it… */
  staleShownFirst: boolean
  /** …and a frame ran while it was shown (the agent could see it). */
  stalePainted: boolean
  /** The echo's GET was sent before the POST answer was read. */
  getBeforePostRead: boolean
  getsUntilSettled: number
  /** Times the state went back to "not confirmed" after it had been confirmed, and for how long. */
  staleAgainAfterConfirmed: number
  staleAgainMs: number
  settled: boolean
}

interface BareSample {
  roundTripMs: number
  status: number
}

function staleAgain(screen: readonly ScreenRecord[], after: ScreenRecord) {
  let count = 0
  let total = 0
  const rest = screen.filter((record) => record.at > after.at)
  rest.forEach((record, index) => {
    if (!record.stale) return
    count += 1
    const next = rest.slice(index + 1).find((later) => !later.stale)
    total += (next?.at ?? record.at) - record.at
  })
  return { count, ms: round(total, 1) ?? 0 }
}

function analyseClick(
  logs: PageLogs,
  action: ClickSample['action'],
  expected: string,
  settled: boolean,
): ClickSample | string {
  const click = logs.clicks.find((record) => record.testId === `action-${action}`)
  if (!click) return 'no click recorded'
  const post = logs.fetches.find(
    (record) =>
      record.method === 'POST' &&
      record.path.endsWith('/recording/set') &&
      record.sentAt >= click.at,
  )
  if (!post || post.bodyReadAt === undefined) return 'no POST answered'
  const confirmed = logs.screen.find(
    (record) => record.at >= click.at && record.state === expected && !record.stale,
  )
  if (!confirmed) return `never showed ${expected} confirmed`
  const shown = logs.screen.find((record) => record.at >= click.at && record.state === expected)
  const gets = logs.fetches.filter((record) => isOwnStateGet(record) && record.sentAt >= click.at)
  const getAnswered = gets.some(
    (record) =>
      record.bodyReadAt !== undefined &&
      record.bodyReadAt >= (post.bodyReadAt ?? 0) &&
      record.bodyReadAt <= confirmed.at,
  )
  const frame = logs.frames.find((record) => record.at >= click.at)
  const again = staleAgain(logs.screen, confirmed)
  const clickToConfirmed = confirmed.at - click.at
  const postRoundTrip = post.bodyReadAt - post.sentAt
  return {
    action,
    clickToConfirmedMs: clickToConfirmed,
    clickToShownMs: shown ? shown.at - click.at : undefined,
    postRoundTripMs: postRoundTrip,
    clickToPostMs: post.sentAt - click.at,
    postReadToConfirmedMs: confirmed.at - post.bodyReadAt,
    pairedOverheadMs: clickToConfirmed - postRoundTrip,
    confirmedToNextFrameMs:
      confirmed.frameAt === undefined ? undefined : confirmed.frameAt - confirmed.at,
    confirmedBy: getAnswered ? 'get' : 'post',
    eventBeforePostAnswer: frame ? frame.at < post.bodyReadAt : undefined,
    eventToPostHeadersMs:
      frame && post.headersAt !== undefined ? post.headersAt - frame.at : undefined,
    eventToPostReadMs: frame ? post.bodyReadAt - frame.at : undefined,
    echoHandlerMs: frame?.handlerDoneAt === undefined ? undefined : frame.handlerDoneAt - frame.at,
    echoToShownMs: frame && shown ? shown.at - frame.at : undefined,
    staleShownFirst: shown !== undefined && shown.stale && shown.at < confirmed.at,
    stalePainted:
      shown !== undefined &&
      shown.stale &&
      shown.frameAt !== undefined &&
      shown.frameAt < confirmed.at,
    getBeforePostRead: gets.some((record) => record.sentAt < (post.bodyReadAt ?? 0)),
    getsUntilSettled: gets.length,
    staleAgainAfterConfirmed: again.count,
    staleAgainMs: again.ms,
    settled,
  }
}

/** A call of its own for the bare POSTs, so that they change nothing the panel shows. */
export async function bareCall(client: SimClient): Promise<string> {
  const call = await client.createCall({ ucc: DEFAULT_UCC })
  return call.correlationId
}

export async function measureClicks(page: Page, options: BenchOptions, bareCallId: string) {
  const clicks: ClickSample[] = []
  const bare: BareSample[] = []
  /** (click → confirmed) − the bare POST measured right after that click. */
  const adjacent: number[] = []
  const problems: string[] = []
  for (let index = 0; index < options.clicks; index += 1) {
    const shown = await currentState(page)
    const action = shown.state === 'Paused' ? 'resume' : 'pause'
    const expected = action === 'pause' ? 'Paused' : 'Started'
    await clearLogs(page)
    await page.locator(`[data-testid="action-${action}"]`).click({ timeout: SAMPLE_TIMEOUT_MS })
    const settled = await waitSettled(page, expected)
    const sample = analyseClick(await takeLogs(page), action, expected, settled)
    if (typeof sample === 'string') problems.push(`click ${index + 1} (${action}): ${sample}`)
    else clicks.push(sample)
    const clickSample = typeof sample === 'string' ? undefined : sample
    if (!settled) {
      problems.push(`click ${index + 1} (${action}): did not settle within ${SAMPLE_TIMEOUT_MS} ms`)
      await waitSettled(page, expected, 10_000)
    }

    // The bare round trip, same page, same moment: Mark/UnMark on another call.
    const seen = await probeCall(page, (probe) => probe.eventsSeen)
    const result = await inPage(
      page,
      ({ path, body }: { path: string; body: unknown }) =>
        (window as ProbeWindow).__latencyProbe?.bareSet(path, body),
      {
        path: REST_SET_PATH,
        body: {
          Action: index % 2 === 0 ? RecordingAction.Mark : RecordingAction.UnMark,
          RequesterSipUri: DEFAULT_AGENT,
          CorrelationId: bareCallId,
          UCCName: DEFAULT_UCC,
        },
      },
    )
    if (result) {
      const roundTrip = result.bodyReadAt - result.sentAt
      bare.push({ roundTripMs: roundTrip, status: result.status })
      if (clickSample) adjacent.push(clickSample.clickToConfirmedMs - roundTrip)
    }
    // Its event (ignored by the panel) lands before the next click.
    await waitFor(async () => (await probeCall(page, (probe) => probe.eventsSeen)) > seen, 2000, 10)
    await sleep(50)
  }
  if (clicks.length === 0) throw new Error(`no click could be measured: ${problems.join('; ')}`)

  const confirmed = spread(clicks.map((sample) => sample.clickToConfirmedMs))
  const barePost = spread(bare.map((sample) => sample.roundTripMs))
  return {
    clicks: clicks.length,
    clickToConfirmed: confirmed,
    barePost,
    overheadP50Ms: difference(confirmed.p50, barePost.p50),
    overheadP95Ms: difference(confirmed.p95, barePost.p95),
    adjacent: spread(adjacent),
    paired: spread(clicks.map((sample) => sample.pairedOverheadMs)),
    panelPost: spread(clicks.map((sample) => sample.postRoundTripMs)),
    clickToPost: spread(clicks.map((sample) => sample.clickToPostMs)),
    postReadToConfirmed: spread(clicks.map((sample) => sample.postReadToConfirmedMs)),
    confirmedToNextFrame: spread(
      clicks.flatMap((sample) =>
        sample.confirmedToNextFrameMs === undefined ? [] : [sample.confirmedToNextFrameMs],
      ),
    ),
    confirmedByGet: clicks.filter((sample) => sample.confirmedBy === 'get').length,
    eventBeforePostAnswer: clicks.filter((sample) => sample.eventBeforePostAnswer === true).length,
    eventToPostRead: spread(
      clicks.flatMap((sample) =>
        sample.eventToPostReadMs === undefined ? [] : [sample.eventToPostReadMs],
      ),
    ),
    echoHandler: spread(
      clicks.flatMap((sample) =>
        sample.echoHandlerMs === undefined ? [] : [sample.echoHandlerMs],
      ),
    ),
    echoToShown: spread(
      clicks.flatMap((sample) =>
        sample.echoToShownMs === undefined ? [] : [sample.echoToShownMs],
      ),
    ),
    staleShownFirst: clicks.filter((sample) => sample.staleShownFirst).length,
    stalePainted: clicks.filter((sample) => sample.stalePainted).length,
    getBeforePostRead: clicks.filter((sample) => sample.getBeforePostRead).length,
    getsPerClick: round(
      clicks.reduce((sum, sample) => sum + sample.getsUntilSettled, 0) / clicks.length,
      2,
    ),
    staleAgainClicks: clicks.filter((sample) => sample.staleAgainAfterConfirmed > 0).length,
    staleAgain: spread(
      clicks.filter((sample) => sample.staleAgainAfterConfirmed > 0).map((s) => s.staleAgainMs),
    ),
    problems,
    samples: clicks.map((sample) => ({
      ...sample,
      clickToConfirmedMs: round(sample.clickToConfirmedMs, 2),
      clickToShownMs: round(sample.clickToShownMs, 2),
      postRoundTripMs: round(sample.postRoundTripMs, 2),
      clickToPostMs: round(sample.clickToPostMs, 2),
      postReadToConfirmedMs: round(sample.postReadToConfirmedMs, 2),
      pairedOverheadMs: round(sample.pairedOverheadMs, 2),
      confirmedToNextFrameMs: round(sample.confirmedToNextFrameMs, 2),
      eventToPostHeadersMs: round(sample.eventToPostHeadersMs, 2),
      eventToPostReadMs: round(sample.eventToPostReadMs, 2),
      echoHandlerMs: round(sample.echoHandlerMs, 2),
      echoToShownMs: round(sample.echoToShownMs, 2),
    })),
    bareSamples: bare.map((sample) => ({ ...sample, roundTripMs: round(sample.roundTripMs, 2) })),
  }
}
