import { expect, test, vi } from 'vitest'
import { newEntry, type CallEntry } from '../recording-state/call-entry.ts'
import { createLedgerClient } from './ledger-client.ts'
import type { LedgerRuntime } from './ledger-runtime.ts'
import type { Ledger, LedgerOptions } from './ledger-store.ts'

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const OPTIONS: LedgerOptions = { retentionDays: 30 }
const context = (now: number) => ({ actorSipUri: 'sip:agent@example.com', now })

/** A runtime that writes down what it is given, in order. */
function fakeRuntime() {
  const log: unknown[] = []
  const ledger = {
    available: true,
    setPauseReason: (_ucc: string, _id: string, reason: string | null) =>
      log.push(['reason', reason]),
  } as unknown as Ledger
  const runtime: LedgerRuntime = {
    ledger,
    observe: (_prev, _next, ctx) => void log.push(['observe', ctx.now]),
    forget: (ucc) => void log.push(['forget', ucc]),
  }
  const startLedger = vi.fn((_options: LedgerOptions) => Promise.resolve(runtime))
  const load = vi.fn(() => Promise.resolve({ startLedger }))
  return { log, ledger, load, startLedger }
}

const entry: CallEntry = newEntry(CALL)

test('nothing is loaded until start(); what is observed meanwhile waits, then goes in order', async () => {
  const { log, ledger, load, startLedger } = fakeRuntime()
  const client = createLedgerClient(load)
  client.observe(undefined, entry, context(1))
  const reason = client.run((l) => l.setPauseReason(CALL.uccName, CALL.correlationId, 'Card'))
  client.observe(entry, entry, context(2))
  client.forget(CALL.uccName, CALL.correlationId)
  await Promise.resolve()
  expect(load).not.toHaveBeenCalled()
  expect(log).toEqual([])

  await expect(client.start(OPTIONS)).resolves.toBe(ledger)
  expect(startLedger).toHaveBeenCalledWith(OPTIONS)
  await reason
  expect(log).toEqual([
    ['observe', 1],
    ['reason', 'Card'],
    ['observe', 2],
    ['forget', CALL.uccName],
  ])

  // Once loaded, straight on (no waiting).
  client.observe(entry, entry, context(3))
  expect(log.at(-1)).toEqual(['observe', 3])
})

test('start() loads once; the ledger promise is the same', async () => {
  const { load } = fakeRuntime()
  const client = createLedgerClient(load)
  const first = client.start(OPTIONS)
  const second = client.start({ retentionDays: 1 })
  expect(second).toBe(first)
  expect(second).toBe(client.ledger)
  await first
  expect(load).toHaveBeenCalledOnce()
})

test('a command answers with what the ledger answered', async () => {
  const { load } = fakeRuntime()
  const client = createLedgerClient(load)
  const answer = client.run((ledger) => ledger.available)
  void client.start(OPTIONS)
  await expect(answer).resolves.toBe(true)
  await expect(client.run(() => 42)).resolves.toBe(42)
})

test('a command that throws rejects its own promise and stops nothing else', async () => {
  const { log, load } = fakeRuntime()
  const client = createLedgerClient(load)
  const failing = client.run(() => {
    throw new Error('no')
  })
  client.observe(undefined, entry, context(1))
  void client.start(OPTIONS)
  await expect(failing).rejects.toThrow('no')
  await client.ledger
  expect(log).toEqual([['observe', 1]])
})

test('at most `max` steps wait; the oldest go first', async () => {
  const { log, load } = fakeRuntime()
  const client = createLedgerClient(load, 3)
  for (let now = 1; now <= 5; now++) client.observe(undefined, entry, context(now))
  await client.start(OPTIONS)
  expect(log).toEqual([
    ['observe', 3],
    ['observe', 4],
    ['observe', 5],
  ])
})

test('the module cannot be loaded: the ledger and waiting commands reject, nothing more is kept', async () => {
  const load = vi.fn(() => Promise.reject(new Error('chunk failed')))
  const client = createLedgerClient(load)
  const waiting = client.run(() => 1)
  client.observe(undefined, entry, context(1))
  await expect(client.start(OPTIONS)).rejects.toThrow('chunk failed')
  await expect(waiting).rejects.toThrow('chunk failed')
  await expect(client.run(() => 2)).rejects.toThrow('chunk failed')
  expect(() => client.observe(undefined, entry, context(2))).not.toThrow()
})
