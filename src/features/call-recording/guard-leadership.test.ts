import { expect, test } from 'vitest'
import { claimLeadership, type LockManagerLike } from './guard-leadership.ts'

/** A browser's lock manager shared by "tabs": one holder per name, the others wait in order. */
function fakeLocks(): LockManagerLike {
  const held = new Map<string, Promise<void>>()
  return {
    request(name, callback) {
      const before = held.get(name) ?? Promise.resolve()
      const mine = before.then(() => callback())
      held.set(
        name,
        mine.catch(() => undefined),
      )
      return mine
    },
  }
}

async function settle() {
  for (let n = 0; n < 10; n += 1) await Promise.resolve()
}

test('one panel per call in a tab acts; the next takes over when it goes', async () => {
  const locks = fakeLocks()
  const first = claimLeadership('ucc|a', locks)
  const second = claimLeadership('ucc|a', locks)
  await settle()
  expect([first.isLeader(), second.isLeader()]).toEqual([true, false])
  first.release()
  await settle()
  expect(second.isLeader()).toBe(true)
  second.release()
})

test('another call has its own leader', async () => {
  const locks = fakeLocks()
  const a = claimLeadership('ucc|a', locks)
  const b = claimLeadership('ucc|b', locks)
  await settle()
  expect([a.isLeader(), b.isLeader()]).toEqual([true, true])
  a.release()
  b.release()
})

test('across tabs the browser lock decides: the second tab waits until the first lets go', async () => {
  const locks = fakeLocks()
  // Two tabs: each has its own module state, so the claims are made through two lock queues of one
  // browser. The module's per-tab queue is the same here, so the second "tab" claims another key
  // prefix to stand for a second tab's first claim of the same lock name.
  const tabOne = claimLeadership('ucc|c', locks)
  await settle()
  let granted = false
  const tabTwo = locks.request('recording-panel-guard:ucc|c', async () => {
    granted = true
  })
  await settle()
  expect(tabOne.isLeader()).toBe(true)
  expect(granted).toBe(false)
  tabOne.release()
  await tabTwo
  expect(granted).toBe(true)
})

test('listeners hear when leadership changes', async () => {
  const locks = fakeLocks()
  const first = claimLeadership('ucc|d', locks)
  const second = claimLeadership('ucc|d', locks)
  let heard = 0
  second.subscribe(() => (heard += 1))
  await settle()
  first.release()
  await settle()
  expect(heard).toBe(1)
  second.release()
  expect(second.isLeader()).toBe(false)
})

test('without the Web Locks API the first panel acts at once', () => {
  const only = claimLeadership('ucc|e', undefined)
  expect(only.isLeader()).toBe(true)
  only.release()
})
