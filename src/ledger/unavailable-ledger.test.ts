import { expect, test } from 'vitest'
import { UnavailableLedger } from './unavailable-ledger.ts'

test('a ledger that cannot be kept says why, and every call is harmless', async () => {
  const ledger = new UnavailableLedger('blocked')
  expect(ledger).toMatchObject({ available: false, unavailableReason: 'blocked' })
  const unsubscribe = ledger.subscribe()
  const offFailure = ledger.onFailure()
  ledger.apply()
  ledger.setPauseReason()
  ledger.updateIncident()
  await ledger.flush()
  await ledger.close()
  expect(await ledger.forCall()).toEqual([])
  expect(await ledger.between()).toEqual([])
  expect(unsubscribe()).toBeUndefined()
  expect(offFailure()).toBeUndefined()
})

test('an incident still gets an id of its own', () => {
  const ledger = new UnavailableLedger('unsupported')
  const first = ledger.recordIncident()
  expect(first).toEqual(expect.any(String))
  expect(ledger.recordIncident()).not.toBe(first)
})
