// What the runs in bench/ measure and print with: heap readings, percentiles and spreads,
// verdicts against targets, the result table, and bounded waiting. (Their frame is bench/harness.ts.)
import type { Page } from '@playwright/test'

export interface HeapReading {
  usedBytes: number
  /** `cdp`: after a forced garbage collection; `performance.memory`: as it stands (less exact). */
  method: 'cdp' | 'performance.memory'
}

/** Used JS heap of the page, after a full garbage collection when the DevTools protocol allows it. */
export async function measureHeap(page: Page): Promise<HeapReading | undefined> {
  try {
    const session = await page.context().newCDPSession(page)
    try {
      await session.send('HeapProfiler.collectGarbage')
      const usage = await session.send('Runtime.getHeapUsage')
      return { usedBytes: usage.usedSize, method: 'cdp' }
    } finally {
      await session.detach().catch(() => {})
    }
  } catch {
    const used = await page
      .evaluate(
        () =>
          (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory
            ?.usedJSHeapSize,
      )
      .catch(() => undefined)
    return used === undefined ? undefined : { usedBytes: used, method: 'performance.memory' }
  }
}

/** The p-th percentile (0–100) by nearest rank; undefined for no samples. Does not reorder `values`. */
export function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((Math.min(Math.max(p, 0), 100) / 100) * sorted.length)
  return sorted[Math.max(0, rank - 1)]
}

export function round(value: number | undefined, digits = 1): number | undefined {
  if (value === undefined || !Number.isFinite(value)) return undefined
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}

export function megabytes(bytes: number | undefined): number | undefined {
  return bytes === undefined ? undefined : round(bytes / (1024 * 1024), 1)
}

export interface Spread {
  samples: number
  p50: number | undefined
  p95: number | undefined
  max: number | undefined
}

/** p50, p95 and the largest of the samples, to 0.1. */
export function spread(values: readonly number[]): Spread {
  return {
    samples: values.length,
    p50: round(percentile(values, 50), 1),
    p95: round(percentile(values, 95), 1),
    max: round(values.length === 0 ? undefined : Math.max(...values), 1),
  }
}

/** `p50 / p95` for the table; undefined for no samples. */
export function pair(value: Spread | undefined): string | undefined {
  if (!value || value.samples === 0) return undefined
  return `${value.p50 ?? '—'} / ${value.p95 ?? '—'}`
}

export function difference(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined ? undefined : round(a - b, 1)
}

export const Verdict = { Pass: 'pass', Miss: 'miss', Unknown: 'n/a' } as const
export type Verdict = (typeof Verdict)[keyof typeof Verdict]

/** A measured value against an upper bound: pass when at most `max`, n/a when nothing was measured. */
export function atMost(value: number | undefined, max: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return Verdict.Unknown
  return value <= max ? Verdict.Pass : Verdict.Miss
}

/** A measured value against a lower bound: pass when at least `min`, n/a when nothing was measured. */
export function atLeast(value: number | undefined, min: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return Verdict.Unknown
  return value >= min ? Verdict.Pass : Verdict.Miss
}

/** The line under a table: `allMet` when no verdict is a miss, else the missed ones by name. */
export function missesLine(verdict: Readonly<Record<string, Verdict>>, allMet: string): string {
  const misses = Object.entries(verdict).filter(([, value]) => value === Verdict.Miss)
  return misses.length === 0 ? allMet : `Missed: ${misses.map(([name]) => name).join(', ')}.`
}

export interface TableRow {
  metric: string
  value: string | number | undefined
  target?: string
  result?: Verdict
}

/** A plain-text table (metric, value, target, result), aligned, for the terminal. */
export function formatTable(rows: readonly TableRow[]): string {
  const header = ['metric', 'value', 'target', 'result']
  const cells = rows.map((row) => [
    row.metric,
    row.value === undefined ? '—' : String(row.value),
    row.target ?? '',
    row.result ?? '',
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...cells.map((line) => (line[column] ?? '').length)),
  )
  const line = (values: readonly string[]) =>
    values
      .map((value, column) =>
        column === 1 ? value.padStart(widths[column] ?? 0) : value.padEnd(widths[column] ?? 0),
      )
      .join('  ')
      .trimEnd()
  const rule = widths.map((width) => '-'.repeat(width)).join('  ')
  return [line(header), rule, ...cells.map(line)].join('\n')
}

/** Resolves true when `check` gives a truthy value, false when `timeoutMs` passes first; never loops for ever. */
export async function waitFor(
  check: () => Promise<boolean> | boolean,
  timeoutMs: number,
  intervalMs = 250,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await check()) return true
    if (Date.now() >= deadline) return false
    await sleep(Math.min(intervalMs, Math.max(0, deadline - Date.now())))
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
