// `npm run bench`, part 2: another party acts, the hub tells the panel; event → screen (as "not
// confirmed"), event → next frame, and event → confirmed after the GET.
import type { Page } from '@playwright/test'
import { DEFAULT_CALL_ID, DEFAULT_UCC } from '../../simulator/default-data.ts'
import type { SimClient } from '../../test-support/sim-client.ts'
import { round, sleep, spread } from '../lib.ts'
import type { BenchOptions } from './options.ts'
import { OTHER_PARTY, SAMPLE_TIMEOUT_MS } from './options.ts'
import { clearLogs, currentState, isOwnStateGet, probeCall, takeLogs, waitSettled } from './page.ts'
import type { PageLogs } from './page.ts'

interface HubSample {
  action: 'Pause' | 'Start'
  eventToScreenMs: number
  eventToNextFrameMs: number | undefined
  eventToConfirmedMs: number | undefined
  /** Message queued by the browser → the probe ran (main thread busy?). */
  queuedMs: number
  /** The client's synchronous handler. */
  handlerMs: number | undefined
  /** The screen still showed the old state when the probe ran: the probe ran first. */
  orderingOk: boolean
  gets: number
}

function analyseHubEvent(
  logs: PageLogs,
  action: HubSample['action'],
  expected: string,
): HubSample | string {
  const frame = logs.frames[0]
  if (!frame) return 'no event arrived'
  const shown = logs.screen.find((record) => record.at >= frame.at && record.state === expected)
  if (!shown) return `never showed ${expected}`
  const confirmed = logs.screen.find(
    (record) => record.at >= frame.at && record.state === expected && !record.stale,
  )
  return {
    action,
    eventToScreenMs: shown.at - frame.at,
    eventToNextFrameMs: shown.frameAt === undefined ? undefined : shown.frameAt - frame.at,
    eventToConfirmedMs: confirmed ? confirmed.at - frame.at : undefined,
    queuedMs: frame.at - frame.timeStamp,
    handlerMs: frame.handlerDoneAt === undefined ? undefined : frame.handlerDoneAt - frame.at,
    orderingOk:
      frame.stateAtArrival !== expected &&
      !logs.screen.some((record) => record.state === expected && record.at < frame.at),
    gets: logs.fetches.filter((record) => isOwnStateGet(record) && record.sentAt >= frame.at)
      .length,
  }
}

export async function measureHubEvents(page: Page, client: SimClient, options: BenchOptions) {
  const samples: HubSample[] = []
  const problems: string[] = []
  for (let index = 0; index < options.hubEvents; index += 1) {
    const shown = await currentState(page)
    const action = shown.state === 'Paused' ? 'Start' : 'Pause'
    const expected = action === 'Pause' ? 'Paused' : 'Started'
    await clearLogs(page)
    await client.actAs(DEFAULT_UCC, DEFAULT_CALL_ID, action, OTHER_PARTY)
    const settled = await waitSettled(page, expected)
    const sample = analyseHubEvent(await takeLogs(page), action, expected)
    if (typeof sample === 'string') problems.push(`event ${index + 1} (${action}): ${sample}`)
    else samples.push(sample)
    if (!settled) {
      problems.push(`event ${index + 1} (${action}): did not settle within ${SAMPLE_TIMEOUT_MS} ms`)
      await waitSettled(page, expected, 10_000)
    }
    await sleep(20)
  }
  if (samples.length === 0) throw new Error(`no event could be measured: ${problems.join('; ')}`)
  const confirmedTimes = samples.flatMap((sample) =>
    sample.eventToConfirmedMs === undefined ? [] : [sample.eventToConfirmedMs],
  )
  return {
    events: samples.length,
    eventToScreen: spread(samples.map((sample) => sample.eventToScreenMs)),
    eventToNextFrame: spread(
      samples.flatMap((sample) =>
        sample.eventToNextFrameMs === undefined ? [] : [sample.eventToNextFrameMs],
      ),
    ),
    eventToConfirmed: spread(confirmedTimes),
    queued: spread(samples.map((sample) => sample.queuedMs)),
    handler: spread(
      samples.flatMap((sample) => (sample.handlerMs === undefined ? [] : [sample.handlerMs])),
    ),
    orderingOk: samples.filter((sample) => sample.orderingOk).length,
    getsPerEvent: round(samples.reduce((sum, sample) => sum + sample.gets, 0) / samples.length, 2),
    /** WebSockets the probe wrapped, and `message` listeners it could not run before. */
    probe: await probeCall(page, (probe) => ({
      socketsWrapped: probe.socketsWrapped,
      otherMessageListeners: probe.otherMessageListeners,
    })),
    problems,
    samples: samples.map((sample) => ({
      ...sample,
      eventToScreenMs: round(sample.eventToScreenMs, 2),
      eventToNextFrameMs: round(sample.eventToNextFrameMs, 2),
      eventToConfirmedMs: round(sample.eventToConfirmedMs, 2),
      queuedMs: round(sample.queuedMs, 2),
      handlerMs: round(sample.handlerMs, 2),
    })),
  }
}
