// `npm run bench`: the agent panel in Chromium with the probe (bench/latency/probe.ts) in it, and
// how the measurements read and wait on it.
import type { Browser, Page } from '@playwright/test'
import { RECORDING_STATE_CHANGED_EVENT } from '../../protocol/wire.ts'
import { DEFAULT_AGENT, DEFAULT_CALL_ID, DEFAULT_UCC } from '../../simulator/default-data.ts'
import type { Simulator } from '../../simulator/server.ts'
import { inPage, pageScript } from '../../test-support/page-script.ts'
import { BenchSetupError } from '../harness.ts'
import { waitFor } from '../lib.ts'
import { QUIET_MS, SAMPLE_TIMEOUT_MS } from './options.ts'
import { installProbe } from './probe.ts'
import type {
  ClickRecord,
  FetchRecord,
  FrameRecord,
  ProbeState,
  ProbeWindow,
  ScreenRecord,
} from './probe.ts'

export interface PageLogs {
  fetches: FetchRecord[]
  frames: FrameRecord[]
  screen: ScreenRecord[]
  clicks: ClickRecord[]
}

export function agentUrl(sim: Simulator): string {
  const query = new URLSearchParams({
    ucc: DEFAULT_UCC,
    correlationId: DEFAULT_CALL_ID,
    agent: DEFAULT_AGENT,
  })
  return `${sim.url}/?${query.toString()}`
}

/** A GET of the panel's own call's state. */
export function isOwnStateGet(record: FetchRecord): boolean {
  return (
    record.method === 'GET' &&
    record.path.includes('/recording/') &&
    record.path.toLowerCase().endsWith(`/${DEFAULT_CALL_ID}`)
  )
}

/** Runs `fn` with the probe in the page (there is one once openPanel has returned). */
export function probeCall<T>(page: Page, fn: (probe: ProbeState) => T): Promise<Awaited<T>> {
  return page.evaluate(pageScript(fn.toString(), 'window.__latencyProbe')) as Promise<Awaited<T>>
}

/** The probe's records since the last clear, and a clear. */
export async function takeLogs(page: Page): Promise<PageLogs> {
  return probeCall(page, (probe): PageLogs => {
    const logs = {
      fetches: probe.fetches,
      frames: probe.frames,
      screen: probe.screen,
      clicks: probe.clicks,
    }
    probe.clear()
    return logs
  })
}

export async function clearLogs(page: Page): Promise<void> {
  await probeCall(page, (probe) => probe.clear())
}

export async function currentState(page: Page): Promise<{ state: string | null; stale: boolean }> {
  return probeCall(page, (probe) => probe.current())
}

/**
 * Waits (in the page, bounded) until the recording state shows `expected`, confirmed, with no
 * REST request open and nothing changed for `quietMs`: the panel has settled.
 */
export async function waitSettled(
  page: Page,
  expected: string,
  timeoutMs = SAMPLE_TIMEOUT_MS,
  quietMs = QUIET_MS,
): Promise<boolean> {
  return inPage(
    page,
    ({ expected, timeoutMs, quietMs }: { expected: string; timeoutMs: number; quietMs: number }) =>
      new Promise<boolean>((resolve) => {
        const started = performance.now()
        const check = () => {
          const probe = (window as ProbeWindow).__latencyProbe
          const now = performance.now()
          if (probe) {
            const shown = probe.current()
            if (
              shown.state === expected &&
              !shown.stale &&
              probe.inFlight === 0 &&
              now - probe.lastActivityAt >= quietMs
            )
              return resolve(true)
          }
          if (now - started >= timeoutMs) return resolve(false)
          setTimeout(check, 10)
        }
        check()
      }),
    { expected, timeoutMs, quietMs },
  )
}

/** The agent panel for the default call, probed, connected and showing Started confirmed. */
export async function openPanel(browser: Browser, sim: Simulator): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 400, height: 900 } })
  await page.addInitScript({
    content: pageScript(
      installProbe.toString(),
      JSON.stringify({ ownCallId: DEFAULT_CALL_ID, eventTarget: RECORDING_STATE_CHANGED_EVENT }),
    ),
  })
  await page.goto(agentUrl(sim), { timeout: 30_000 })
  const ready = await waitFor(
    () =>
      inPage(
        page,
        () => {
          const hub = document
            .querySelector('[data-testid="hub-state"]')
            ?.getAttribute('data-state')
          const shown = (window as ProbeWindow).__latencyProbe?.current()
          const pause = document.querySelector<HTMLButtonElement>('[data-testid="action-pause"]')
          return (
            hub === 'Connected' &&
            shown?.state === 'Started' &&
            !shown.stale &&
            !!pause &&
            !pause.disabled
          )
        },
        undefined,
      ),
    20_000,
    100,
  )
  if (!ready) {
    const shown = await currentState(page).catch(() => undefined)
    throw new BenchSetupError(
      `The agent panel did not become ready (hub Connected, recording Started and confirmed, Pause enabled) within 20 s at ${agentUrl(sim)}; it shows ${JSON.stringify(shown)}. Is dist/ a build of this panel?`,
    )
  }
  const sockets = await probeCall(page, (probe) => probe.socketsWrapped)
  if (sockets < 1) {
    throw new BenchSetupError(
      'The panel is connected, but not over a WebSocket the probe could wrap (SSE or long polling?); event timings would be missing.',
    )
  }
  return page
}
