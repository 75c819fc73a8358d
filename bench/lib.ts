// Pieces shared by the benchmarks (`npm run bench:board`, and later `npm run bench`): Chromium,
// the built panel, heap readings, percentiles, the result table and the JSON file.
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { chromium } from '@playwright/test'
import { InvalidArgumentError } from 'commander'
import type { Browser, Page } from '@playwright/test'

export const RESULTS_DIR = 'bench-results'

/** The flags the e2e tests use too: no background traffic that would disturb a measurement. */
export const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
] as const

/** CHROMIUM_PATH, else the system Chromium when there is one, else Playwright's own browser. */
export function chromiumPath(): string | undefined {
  return (
    process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
  )
}

export async function launchChromium(options: { headless?: boolean } = {}): Promise<Browser> {
  const executablePath = chromiumPath()
  return chromium.launch({
    headless: options.headless ?? true,
    args: [...CHROMIUM_ARGS],
    ...(executablePath === undefined ? {} : { executablePath }),
  })
}

/** Thrown for a run that cannot measure anything (no build, no hook); the message says what to do. */
export class BenchSetupError extends Error {
  override name = 'BenchSetupError'
}

/** The benchmarks serve the production build: without it there is nothing to measure. */
export function requireBuild(dir = 'dist'): string {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new BenchSetupError(
      `No built panel in ${dir}/ (${join(dir, 'index.html')} is missing). Run \`npm run build\` first.`,
    )
  }
  return dir
}

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

export const Verdict = { Pass: 'pass', Miss: 'miss', Unknown: 'n/a' } as const
export type Verdict = (typeof Verdict)[keyof typeof Verdict]

/** A measured value against an upper bound: pass when at most `max`, n/a when nothing was measured. */
export function atMost(value: number | undefined, max: number): Verdict {
  if (value === undefined || !Number.isFinite(value)) return Verdict.Unknown
  return value <= max ? Verdict.Pass : Verdict.Miss
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

export async function ensureParentDir(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
}

export async function writeJson(path: string, data: unknown): Promise<void> {
  await ensureParentDir(path)
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`)
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

/** A commander argument parser for a whole number in [min, max]. */
export function wholeNumber(min: number, max: number) {
  return (value: string): number => {
    const number = Number(value)
    if (value.trim() === '' || !Number.isInteger(number) || number < min || number > max)
      throw new InvalidArgumentError(`Expected a whole number from ${min} to ${max}.`)
    return number
  }
}

/**
 * Makes sure a run ends whatever happens: after `ms` it says so, cleans up and exits 1.
 * Returns the function that disarms it once the run is over.
 */
export function startWatchdog(label: string, ms: number, cleanUp: () => Promise<void>): () => void {
  const timer = setTimeout(() => {
    console.error(`${label}: timed out; stopping.`)
    void cleanUp().finally(() => process.exit(1))
  }, ms)
  timer.unref()
  return () => clearTimeout(timer)
}
