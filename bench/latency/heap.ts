// `npm run bench`, part 4: the JS heap before and after many hub events (after GC). The events are
// real changes applied in-process through the simulator's store to other calls (each one hub
// broadcast), every --own-every-th one to the panel's own call.
import type { Page } from '@playwright/test'
import { RecordingAction } from '../../protocol/wire.ts'
import { DEFAULT_CALL_ID, DEFAULT_UCC } from '../../simulator/default-data.ts'
import { performAction } from '../../simulator/recorder.ts'
import type { Simulator } from '../../simulator/server.ts'
import type { SimClient } from '../../test-support/sim-client.ts'
import { measureHeap, megabytes, round, waitFor } from '../lib.ts'
import type { HeapReading } from '../lib.ts'
import type { BenchOptions } from './options.ts'
import { HEAP_BATCH, HEAP_MAX_BEHIND, OTHER_PARTY } from './options.ts'
import { currentState, probeCall, waitSettled } from './page.ts'

/** The calls besides the panel's own that the heap run's events are about, created silently. */
export async function otherCalls(client: SimClient, count: number): Promise<string[]> {
  const ids: string[] = []
  for (let index = 0; index < count; index += 1)
    ids.push((await client.createCall({ ucc: DEFAULT_UCC, silent: true })).correlationId)
  return ids
}

/** Each other call cycles through changes the recorder always allows from where it is. */
const OTHER_CYCLE = [
  RecordingAction.Pause,
  RecordingAction.Mark,
  RecordingAction.Start,
  RecordingAction.UnMark,
] as const

export async function measureHeapGrowth(
  page: Page,
  sim: Simulator,
  options: BenchOptions,
  ids: string[],
) {
  const steps = new Array<number>(ids.length).fill(0)
  let ownToggle = 0
  let ownEvents = 0
  let refused = 0
  const apply = (sequence: number) => {
    let request
    if (sequence % options.ownEvery === 0) {
      ownEvents += 1
      request = {
        uccName: DEFAULT_UCC,
        correlationId: DEFAULT_CALL_ID,
        action: ownToggle++ % 2 === 0 ? RecordingAction.Mark : RecordingAction.UnMark,
      }
    } else {
      const slot = sequence % ids.length
      const step = steps[slot] ?? 0
      steps[slot] = step + 1
      request = {
        uccName: DEFAULT_UCC,
        correlationId: ids[slot] ?? '',
        action: OTHER_CYCLE[step % OTHER_CYCLE.length] ?? RecordingAction.Mark,
      }
    }
    const result = performAction(sim.store, {
      ...request,
      requester: OTHER_PARTY,
      source: 'control',
      asAgent: false,
    })
    if (!result.ok) refused += 1
  }

  const shown = await currentState(page)
  await waitSettled(page, shown.state ?? 'Started', 10_000)
  await probeCall(page, (probe) => {
    probe.clear()
    probe.logging = false
  })
  await measureHeap(page)
  const before = await measureHeap(page)
  const seenBefore = await probeCall(page, (probe) => probe.eventsSeen)
  const received = async () => (await probeCall(page, (probe) => probe.eventsSeen)) - seenBefore

  const started = Date.now()
  const deadline = started + (options.quick ? 40_000 : 300_000)
  let sent = 0
  let lastReport = Date.now()
  while (sent < options.events && Date.now() < deadline) {
    const batch = Math.min(HEAP_BATCH, options.events - sent)
    for (let index = 1; index <= batch; index += 1) apply(sent + index)
    sent += batch
    await waitFor(
      async () => (await received()) >= sent - HEAP_MAX_BEHIND,
      Math.max(0, deadline - Date.now()),
      5,
    )
    if (Date.now() - lastReport > 10_000) {
      console.log(
        `  ${sent.toLocaleString('en')} of ${options.events.toLocaleString('en')} events sent`,
      )
      lastReport = Date.now()
    }
  }
  const allArrived = await waitFor(
    async () => (await received()) >= sent,
    Math.max(1000, deadline - Date.now()),
    20,
  )
  const arrived = await received()
  const seconds = (Date.now() - started) / 1000
  // Let the panel finish the GETs its own call's events asked for, then read the heap.
  const now = await currentState(page)
  await waitSettled(page, now.state ?? 'Started', 10_000, 500)
  await measureHeap(page)
  const after = await measureHeap(page)
  await probeCall(page, (probe) => {
    probe.logging = true
  })
  if (!before || !after) throw new Error('the JS heap could not be read')
  if (sent === 0) throw new Error('no event was sent')
  return {
    eventsSent: sent,
    eventsReceived: arrived,
    allArrived,
    ownCallEvents: ownEvents,
    refusedBySimulator: refused,
    seconds: round(seconds, 1),
    eventsPerSecond: round(arrived / seconds, 0),
    heapBeforeMb: megabytes(before.usedBytes),
    heapAfterMb: megabytes(after.usedBytes),
    heapGrowthMb: megabytes(after.usedBytes - before.usedBytes),
    heapGrowthBytes: after.usedBytes - before.usedBytes,
    method: after.method satisfies HeapReading['method'],
  }
}
