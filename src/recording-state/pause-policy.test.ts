import { expect, test } from 'vitest'
import { pauseClock } from './pause-clock.ts'
import { DEFAULT_PAUSE_POLICY, policyFor, type PausePolicies } from './pause-policy.ts'

const POLICIES: PausePolicies = {
  defaults: DEFAULT_PAUSE_POLICY,
  overrides: new Map([['ucc-sales', { maxPauseSeconds: 60, autoResume: false }]]),
}

test('a UCC without an override gets the defaults; an override is matched in any casing and merged', () => {
  expect(policyFor(POLICIES, 'ucc-demo')).toBe(DEFAULT_PAUSE_POLICY)
  expect(policyFor(POLICIES, 'UCC-Sales')).toEqual({
    ...DEFAULT_PAUSE_POLICY,
    maxPauseSeconds: 60,
    autoResume: false,
  })
})

test.each<[number, ReturnType<typeof pauseClock>]>([
  [0, { secondsLeft: 180, phase: 'counting', dueAt: 181_000 }],
  [149_000, { secondsLeft: 31, phase: 'counting', dueAt: 181_000 }],
  [149_500, { secondsLeft: 31, phase: 'counting', dueAt: 181_000 }],
  [150_000, { secondsLeft: 30, phase: 'warning', dueAt: 181_000 }],
  [179_999, { secondsLeft: 1, phase: 'warning', dueAt: 181_000 }],
  [180_000, { secondsLeft: 0, phase: 'due', dueAt: 181_000 }],
  [999_000, { secondsLeft: 0, phase: 'due', dueAt: 181_000 }],
])('paused since 1 s, %i ms after: %j', (elapsed, expected) => {
  expect(pauseClock(1_000, DEFAULT_PAUSE_POLICY, 1_000 + elapsed)).toEqual(expected)
})

test('no clock when nothing is paused or the guard is off', () => {
  expect(pauseClock(null, DEFAULT_PAUSE_POLICY, 5)).toBeNull()
  expect(pauseClock(0, { ...DEFAULT_PAUSE_POLICY, maxPauseSeconds: 0 }, 5)).toBeNull()
})
