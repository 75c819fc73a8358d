// Sums the JSON reports of Vitest, Playwright and the smoke runs into one line: "N passed, N failed".
// A failing step that produced no test report (typecheck, lint, build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

const [statusArg, unitPath, e2ePath, smokePath] = process.argv.slice(2)
let passed = 0
let failed = 0

if (existsSync(unitPath)) {
  const unit = JSON.parse(readFileSync(unitPath, 'utf8'))
  passed += unit.numPassedTests ?? 0
  failed += unit.numFailedTests ?? 0
  console.log(`unit (vitest): ${unit.numPassedTests} passed, ${unit.numFailedTests} failed`)
}
if (existsSync(e2ePath)) {
  const { stats } = JSON.parse(readFileSync(e2ePath, 'utf8'))
  passed += stats.expected ?? 0
  failed += (stats.unexpected ?? 0) + (stats.flaky ?? 0)
  console.log(
    `e2e (playwright): ${stats.expected} passed, ${stats.unexpected + stats.flaky} failed, ${stats.skipped} skipped`,
  )
}
if (smokePath && existsSync(smokePath)) {
  const smoke = JSON.parse(readFileSync(smokePath, 'utf8'))
  passed += smoke.passed
  failed += smoke.failed
  console.log(`smoke (benchmarks, soak): ${smoke.passed} passed, ${smoke.failed} failed`)
}
if (Number(statusArg) !== 0 && failed === 0) failed = 1

console.log(`${passed} passed, ${failed} failed`)
