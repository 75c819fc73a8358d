// Sums the JSON results of every CI step into one closing line: "N passed, N failed", followed by
// ", N skipped" when anything was skipped (a test marked skip, a check that could not run here,
// such as the advisory audit when its service cannot be reached). The reports: Vitest's, the
// Playwright JSON reporter's, the smoke runs' and the audit's ({passed, failed, skipped}). A
// failing step that produced no report (typecheck, lint, build) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'

/** The totals, and one line per report, from the reports that exist (undefined: not produced). */
export function tally({ status, unit, e2e, smoke, audit }) {
  const total = { passed: 0, failed: 0, skipped: 0 }
  const lines = []
  const add = (name, passed, failed, skipped) => {
    total.passed += passed
    total.failed += failed
    total.skipped += skipped
    lines.push(`${name}: ${summary({ passed, failed, skipped })}`)
  }
  if (audit) add('audit (advisories)', audit.passed ?? 0, audit.failed ?? 0, audit.skipped ?? 0)
  if (unit) {
    add(
      'unit (vitest)',
      unit.numPassedTests ?? 0,
      unit.numFailedTests ?? 0,
      (unit.numPendingTests ?? 0) + (unit.numTodoTests ?? 0),
    )
  }
  if (e2e) {
    const { stats } = e2e
    add(
      'e2e (playwright)',
      stats.expected ?? 0,
      (stats.unexpected ?? 0) + (stats.flaky ?? 0),
      stats.skipped ?? 0,
    )
  }
  if (smoke) add('smoke (benchmarks, soak)', smoke.passed ?? 0, smoke.failed ?? 0, 0)
  if (status !== 0 && total.failed === 0) total.failed = 1
  return { ...total, lines }
}

/** "N passed, N failed", and ", N skipped" when any were. */
export function summary({ passed, failed, skipped }) {
  return `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`
}

function read(path) {
  return path && existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [statusArg, unitPath, e2ePath, smokePath, auditPath] = process.argv.slice(2)
  const result = tally({
    status: Number(statusArg),
    unit: read(unitPath),
    e2e: read(e2ePath),
    smoke: read(smokePath),
    audit: read(auditPath),
  })
  for (const line of result.lines) console.log(line)
  console.log(summary(result))
}
