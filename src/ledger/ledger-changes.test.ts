import { afterEach, expect, test, vi } from 'vitest'
import { changeOfMessage, LedgerChanges, type LedgerChange } from './ledger-changes.ts'

// Real BroadcastChannels, each test on a channel of its own: two LedgerChanges on one channel are
// two tabs of the same browser.

const opened: { close(): void }[] = []
let channels = 0

afterEach(() => {
  for (const one of opened.splice(0)) one.close()
})

function channelName(): string {
  return `ledger-changes-test-${++channels}-${Math.random()}`
}

function tab(name: string | null): LedgerChanges {
  const changes = new LedgerChanges(name)
  opened.push(changes)
  return changes
}

/** The next change `changes` tells its subscribers. */
function next(changes: LedgerChanges): Promise<LedgerChange> {
  return new Promise((resolve) => {
    const unsubscribe = changes.subscribe((change) => {
      unsubscribe()
      resolve(change)
    })
  })
}

test('a change made here is told to this tab’s subscribers at once, and heard in another tab', async () => {
  const name = channelName()
  const here = tab(name)
  const there = tab(name)
  const heard = next(there)
  const told: LedgerChange[] = []
  here.subscribe((change) => told.push(change))

  here.changed({ calls: ['ucc|id'] })

  expect(told).toEqual([{ calls: ['ucc|id'] }])
  expect(await heard).toEqual({ calls: ['ucc|id'] })
})

test('notify tells this tab only', async () => {
  const name = channelName()
  const here = tab(name)
  const there = tab(name)
  const heard = next(there)
  const told: LedgerChange[] = []
  here.subscribe((change) => told.push(change))

  here.notify({ calls: null })
  here.changed({ calls: ['after'] })

  expect(told).toEqual([{ calls: null }, { calls: ['after'] }])
  expect(await heard).toEqual({ calls: ['after'] }) // the first the other tab heard
})

test('a message of another shape on the channel is taken as "anything may have changed"', async () => {
  const name = channelName()
  const reader = tab(name)
  const heard = next(reader)
  const stranger = new BroadcastChannel(name)
  opened.push(stranger)
  stranger.postMessage({ calls: [1, 2] })
  expect(await heard).toEqual({ calls: null })
})

test.each<[string, unknown, LedgerChange]>([
  ['some calls', { calls: ['a|1', 'b|2'] }, { calls: ['a|1', 'b|2'] }],
  ['no call', { calls: [] }, { calls: [] }],
  ['any call', { calls: null }, { calls: null }],
  ['calls that are not text', { calls: [1, 2] }, { calls: null }],
  ['calls that are not a list', { calls: 'a|1' }, { calls: null }],
  ['no calls field', {}, { calls: null }],
  ['null', null, { calls: null }],
  ['a string', 'changed', { calls: null }],
  ['nothing', undefined, { calls: null }],
])('a message with %s', (_name, message, change) => {
  expect(changeOfMessage(message)).toEqual(change)
})

test('without a channel, changes stay in this tab', () => {
  const posted = vi.spyOn(BroadcastChannel.prototype, 'postMessage')
  const here = tab(null)
  const listener = vi.fn()
  here.subscribe(listener)
  here.changed({ calls: ['ucc|id'] })
  expect(listener).toHaveBeenCalledWith({ calls: ['ucc|id'] })
  expect(posted).not.toHaveBeenCalled()
  posted.mockRestore()
})

test('a subscriber that unsubscribed hears nothing more', () => {
  const here = tab(null)
  const listener = vi.fn()
  const unsubscribe = here.subscribe(listener)
  here.notify({ calls: null })
  unsubscribe()
  here.notify({ calls: null })
  expect(listener).toHaveBeenCalledOnce()
})

test('once closed, other tabs are neither told nor heard; this tab still is', async () => {
  const name = channelName()
  const here = tab(name)
  const there = tab(name)
  const toldHere: LedgerChange[] = []
  const toldThere: LedgerChange[] = []
  here.subscribe((change) => toldHere.push(change))
  there.subscribe((change) => toldThere.push(change))
  const probe = new BroadcastChannel(name)
  opened.push(probe)
  const probed = new Promise((resolve) => (probe.onmessage = resolve))

  here.close()
  here.changed({ calls: ['here'] })
  there.changed({ calls: ['there'] })
  await probed
  await new Promise((resolve) => setTimeout(resolve, 20))

  expect(toldHere).toEqual([{ calls: ['here'] }])
  expect(toldThere).toEqual([{ calls: ['there'] }])
})
