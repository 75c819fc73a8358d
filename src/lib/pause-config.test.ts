import { expect, test } from 'vitest'
import { DEFAULT_PAUSE_POLICY, policyFor } from '../recording-state/pause-policy.ts'
import { lateConfigWarnings } from './config-read.ts'
import { readPauseConfig } from './pause-config.ts'

test('without pause keys: the default policy and a 30-day ledger, no warnings', () => {
  const config = readPauseConfig({})
  expect(config.policies.defaults).toEqual(DEFAULT_PAUSE_POLICY)
  expect(config.ledgerRetentionDays).toBe(30)
  expect(config.warnings).toEqual([])
})

test('every valid key is applied', () => {
  const config = readPauseConfig({
    maxPauseSeconds: 0,
    pauseWarningSeconds: 10,
    autoResume: false,
    pauseReasons: ['Card payment', 'Bank details'],
    ledgerRetentionDays: 7,
    uccOverrides: { 'UCC-Sales': { maxPauseSeconds: 60, pauseReasons: ['Card payment'] } },
  })
  expect(config.warnings).toEqual([])
  expect(config.policies.defaults).toEqual({
    maxPauseSeconds: 0,
    pauseWarningSeconds: 10,
    autoResume: false,
    pauseReasons: ['Card payment', 'Bank details'],
  })
  expect(config.ledgerRetentionDays).toBe(7)
  expect(policyFor(config.policies, 'ucc-sales')).toEqual({
    maxPauseSeconds: 60,
    pauseWarningSeconds: 10,
    autoResume: false,
    pauseReasons: ['Card payment'],
  })
})

test.each<[string, unknown]>([
  ['maxPauseSeconds', -1],
  ['maxPauseSeconds', 3_601],
  ['maxPauseSeconds', 1.5],
  ['autoResume', 'yes'],
  ['pauseReasons', 'Card payment'],
  ['pauseReasons', ['']],
  ['pauseReasons', ['x'.repeat(61)]],
  ['pauseReasons', Array.from({ length: 13 }, (_, n) => `reason ${n}`)],
  ['pauseReasons', ['bell\u0007']],
  ['ledgerRetentionDays', 0],
  ['uccOverrides', []],
  ['uccOverrides', 'ucc-sales'],
])('%s = %j is refused with a warning and the default', (key, value) => {
  const config = readPauseConfig({ [key]: value })
  expect(config.warnings).toHaveLength(1)
  expect(config.warnings[0]).toMatch(
    new RegExp(`^config\\.json: "${key}" .+; using the default\\.$`),
  )
  expect(config.policies.defaults).toEqual(DEFAULT_PAUSE_POLICY)
  expect(config.ledgerRetentionDays).toBe(30)
})

test("uccOverrides: each UCC's pause keys are read one by one; bad ones are reported and left out", () => {
  const config = readPauseConfig({
    uccOverrides: {
      'ucc-sales': { maxPauseSeconds: 60, autoResume: 'no', colour: 'red' },
      'ucc-support': 5,
    },
  })
  expect(policyFor(config.policies, 'UCC-SALES')).toEqual({
    ...DEFAULT_PAUSE_POLICY,
    maxPauseSeconds: 60,
  })
  expect(config.warnings).toEqual([
    'config.json: "uccOverrides.ucc-sales.autoResume" must be true or false; using the default.',
    'config.json: unknown keys ignored: uccOverrides.ucc-sales.colour.',
    'config.json: "uccOverrides.ucc-support" must be an object of pause keys; using the default.',
  ])
})

test('reasons are trimmed and kept once each', () => {
  const config = readPauseConfig({ pauseReasons: [' Card payment ', 'Card payment'] })
  expect(config.policies.defaults.pauseReasons).toEqual(['Card payment'])
})

test('the same raw values are read once, and their problems join the panel warnings once', () => {
  const raw = { autoResume: 'perhaps' }
  const first = readPauseConfig(raw)
  expect(readPauseConfig(raw)).toBe(first)
  const shown = lateConfigWarnings.get().filter((warning) => warning.includes('"autoResume"'))
  expect(shown).toEqual([first.warnings[0]])
})
