import { expect, test } from 'vitest'
import { summary, tally } from './count.mjs'

const unit = { numPassedTests: 300, numFailedTests: 1, numPendingTests: 2, numTodoTests: 1 }
const e2e = { stats: { expected: 120, unexpected: 1, flaky: 2, skipped: 4 } }
const smoke = { passed: 3, failed: 0 }

test('every report is added up: skipped tests and a skipped audit are counted as skipped', () => {
  const result = tally({ status: 1, unit, e2e, smoke, audit: { passed: 0, failed: 0, skipped: 1 } })
  expect(result).toMatchObject({ passed: 423, failed: 4, skipped: 8 })
  expect(summary(result)).toBe('423 passed, 4 failed, 8 skipped')
  expect(result.lines).toEqual([
    'audit (advisories): 0 passed, 0 failed, 1 skipped',
    'unit (vitest): 300 passed, 1 failed, 3 skipped',
    'e2e (playwright): 120 passed, 3 failed, 4 skipped',
    'smoke (benchmarks, soak): 3 passed, 0 failed',
  ])
})

test('with nothing skipped the line keeps its two counts', () => {
  const result = tally({
    status: 0,
    unit: { numPassedTests: 5, numFailedTests: 0 },
    audit: { passed: 1, failed: 0, skipped: 0 },
  })
  expect(summary(result)).toBe('6 passed, 0 failed')
})

test('a failing step that wrote no report counts as one failure; a report of failures is not counted twice', () => {
  expect(summary(tally({ status: 2 }))).toBe('0 passed, 1 failed')
  expect(summary(tally({ status: 1, audit: { passed: 0, failed: 1, skipped: 0 } }))).toBe(
    '0 passed, 1 failed',
  )
})
