// The frame every run in bench/ shares (`npm run bench`, `bench:board`, `soak`): the built panel
// served by an in-process simulator on a free port, headless Chromium, a watchdog that ends a run
// that hangs and cleans up after it, sections that may fail alone, the JSON result, and one way to
// report an error and exit (0, or 1 when the run could not measure or found what it looks for).
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { chromium } from '@playwright/test'
import type { Browser } from '@playwright/test'
import { startSimulator } from '../simulator/server.ts'
import type { Simulator, SimulatorOptions } from '../simulator/server.ts'
import { round } from './lib.ts'

export const RESULTS_DIR = 'bench-results'

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

/**
 * A setup error as written; anything else without Playwright's call log (which can repeat
 * thousands of pasted ids), with its stack when `stack` is set.
 */
export function describeError(error: unknown, options: { stack?: boolean } = {}): string {
  if (error instanceof BenchSetupError) return error.message
  if (!(error instanceof Error)) return String(error)
  const text = options.stack ? (error.stack ?? error.message) : error.message
  const callLog = text.indexOf('Call log:')
  return callLog === -1 ? text.trim() : `${text.slice(0, callLog).trimEnd()} (call log left out)`
}

/** A section of a run: its result, or why it could not be measured. */
export type Section<T> = { ok: true; value: T } | { ok: false; error: string }

/** Runs one section; a failure is kept (and said) unless it is a setup error, which ends the run. */
export async function section<T>(name: string, run: () => Promise<T>): Promise<Section<T>> {
  try {
    return { ok: true, value: await run() }
  } catch (error) {
    if (error instanceof BenchSetupError) throw error
    console.error(`  ${name}: could not measure: ${describeError(error)}`)
    return { ok: false, error: describeError(error) }
  }
}

export function valueOf<T>(result: Section<T> | undefined): T | undefined {
  return result?.ok ? result.value : undefined
}

/** The machine a run measured on, and how busy it was. */
export function environment(browserVersion: string | undefined) {
  const cpuList = cpus()
  return {
    date: new Date().toISOString(),
    node: process.version,
    chromium: browserVersion,
    cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
    cpuCount: cpuList.length,
    loadAverage: loadavg().map((value) => round(value, 2) ?? 0),
  }
}

export async function ensureParentDir(path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
}

/** The JSON result of a run (what .ci and the README's figures read). */
export async function writeJson(path: string, data: unknown): Promise<void> {
  await ensureParentDir(path)
  await writeFile(path, `${JSON.stringify(data, null, 2)}\n`)
}

/**
 * What one run holds: the simulator and Chromium it started, closed by `close()` or, when the run
 * overruns `watchdogMs`, by the watchdog, which then exits 1.
 */
export class BenchRun {
  private sim: Simulator | undefined
  private browser: Browser | undefined
  private readonly watchdog: ReturnType<typeof setTimeout>

  constructor(label: string, watchdogMs: number) {
    this.watchdog = setTimeout(() => {
      console.error(`${label}: timed out; stopping.`)
      void this.cleanUp().finally(() => process.exit(1))
    }, watchdogMs)
    this.watchdog.unref()
  }

  /** The simulator on a free port, serving the built panel in `staticDir` (checked first). */
  async startSimulator(options: SimulatorOptions & { staticDir: string }): Promise<Simulator> {
    requireBuild(options.staticDir)
    this.sim = await startSimulator({ ...options, port: 0 })
    return this.sim
  }

  async launchChromium(): Promise<Browser> {
    this.browser = await launchChromium()
    return this.browser
  }

  async closeBrowser(): Promise<void> {
    const browser = this.browser
    this.browser = undefined
    await browser?.close().catch(() => {})
  }

  private async cleanUp(): Promise<void> {
    await this.closeBrowser()
    const sim = this.sim
    this.sim = undefined
    await sim?.close().catch(() => {})
  }

  /** The run is over: the watchdog disarmed, Chromium and the simulator closed. */
  async close(): Promise<void> {
    clearTimeout(this.watchdog)
    await this.cleanUp()
  }
}

/** Runs `body` in a BenchRun, closed whatever happens. */
export async function withBenchRun<T>(
  label: string,
  watchdogMs: number,
  body: (run: BenchRun) => Promise<T>,
): Promise<T> {
  const run = new BenchRun(label, watchdogMs)
  try {
    return await body(run)
  } finally {
    await run.close()
  }
}

/** The end of every entry: exits with the run's code, or says what went wrong and exits 1. */
export async function runMain(label: string, run: () => Promise<number>): Promise<never> {
  try {
    process.exit(await run())
  } catch (error) {
    console.error(`${label}: ${describeError(error, { stack: true })}`)
    process.exit(1)
  }
}
