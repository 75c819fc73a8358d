// `npm run bench`, part 1b: a host page's pause() through the host SDK → resolved (the recorder
// confirmed Paused), against the bare POST round trip measured in the panel's frame right after
// it, side by side in one run. The host page is another origin (its own server on a free port)
// that loads the built SDK (dist/sdk) and frames the built panel, served with a config.json that
// lets it drive the panel. Overhead = p95(pause() → resolved) − p95(bare POST), and the same at p50.
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from '@playwright/test'
import { RecordingAction } from '../../protocol/wire.ts'
import { DEFAULT_AGENT, DEFAULT_UCC } from '../../simulator/default-data.ts'
import { startSimulator } from '../../simulator/server.ts'
import { SimClient } from '../../test-support/sim-client.ts'
import { startStaticServer } from '../../test-support/static-server.ts'
import { BenchSetupError } from '../harness.ts'
import { difference, sleep, spread } from '../lib.ts'
import type { BenchOptions } from './options.ts'
import { REST_SET_PATH, SAMPLE_TIMEOUT_MS } from './options.ts'

const HOST_HTML = `<!doctype html><meta charset="utf-8"><title>Bench host</title>
<iframe title="Call recording" width="320" height="700"></iframe>
<script type="module">
  import { connectRecordingPanel } from './recording-panel.js'
  const params = new URLSearchParams(location.search)
  const iframe = document.querySelector('iframe')
  iframe.src = params.get('panel')
  const connection = connectRecordingPanel(iframe, {
    origin: new URL(params.get('panel')).origin,
    timeoutMs: ${SAMPLE_TIMEOUT_MS},
  })
  window.bench = {
    connection,
    async timed(action) {
      const started = performance.now()
      const state = await connection[action]()
      return { ms: performance.now() - started, state }
    },
  }
</script>`

export async function measureHostPause(
  browser: Browser,
  options: BenchOptions & { sdkDir?: string },
  calls: number,
) {
  const sdkDir = options.sdkDir ?? join(options.dist, 'sdk')
  if (!existsSync(join(sdkDir, 'recording-panel.js')))
    throw new BenchSetupError(
      `No built host SDK in ${sdkDir}/ (recording-panel.js). Run \`npm run build\` first.`,
    )
  const hostDir = mkdtempSync(join(tmpdir(), 'bench-host-'))
  const panelDir = mkdtempSync(join(tmpdir(), 'bench-panel-'))
  writeFileSync(join(hostDir, 'index.html'), HOST_HTML)
  cpSync(join(sdkDir, 'recording-panel.js'), join(hostDir, 'recording-panel.js'))
  const host = await startStaticServer({ dir: hostDir })
  cpSync(options.dist, panelDir, {
    recursive: true,
    filter: (source) => !source.endsWith('.map') && !source.includes('demo-host'),
  })
  writeFileSync(
    join(panelDir, 'config.json'),
    JSON.stringify({
      uccName: DEFAULT_UCC,
      requesterSipUri: DEFAULT_AGENT,
      embedOrigins: [host.url],
      // The guard never acts during the run.
      maxPauseSeconds: 0,
    }),
  )
  const sim = await startSimulator({ port: 0, staticDir: panelDir, latency: options.latency })
  const context = await browser.newContext()
  try {
    const client = new SimClient(sim.url)
    const own = await client.createCall({ ucc: DEFAULT_UCC, recordingState: 1 })
    const bareCall = await client.createCall({ ucc: DEFAULT_UCC })
    const page = await context.newPage()
    const panelUrl = `${sim.url}/?${new URLSearchParams({
      ucc: own.uccName,
      correlationId: own.correlationId,
      agent: DEFAULT_AGENT,
    })}`
    await page.goto(`${host.url}/?${new URLSearchParams({ panel: panelUrl })}`)
    await page.waitForFunction(
      () => {
        const state = (
          window as unknown as {
            bench?: { connection: { state: { confirmed: boolean; hub: string } | null } }
          }
        ).bench?.connection.state
        return state?.confirmed === true && state.hub === 'Connected'
      },
      undefined,
      { timeout: 30_000 },
    )
    const frame = page.frames().find((candidate) => candidate.url().startsWith(sim.url))
    if (!frame) throw new Error('the panel frame did not load')

    const pauses: number[] = []
    const bare: number[] = []
    const adjacent: number[] = []
    const problems: string[] = []
    for (let index = 0; index < calls; index += 1) {
      const paused = await page.evaluate(async () => {
        const bench = (
          window as unknown as {
            bench: {
              timed(action: string): Promise<{ ms: number; state: { recording: string } }>
            }
          }
        ).bench
        try {
          return await bench.timed('pause')
        } catch (error) {
          return { error: String(error) }
        }
      })
      if ('error' in paused) problems.push(`pause ${index + 1}: ${paused.error}`)
      else pauses.push(paused.ms)

      // The bare round trip, in the panel's frame, at the same moment: Mark/UnMark on another call.
      const roundTrip = await frame.evaluate(
        async ({ path, body }) => {
          const started = performance.now()
          const response = await fetch(path, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json' },
            body: JSON.stringify(body),
          })
          await response.text()
          return performance.now() - started
        },
        {
          path: REST_SET_PATH,
          body: {
            Action: index % 2 === 0 ? RecordingAction.Mark : RecordingAction.UnMark,
            RequesterSipUri: DEFAULT_AGENT,
            CorrelationId: bareCall.correlationId,
            UCCName: DEFAULT_UCC,
          },
        },
      )
      bare.push(roundTrip)
      if (!('error' in paused)) adjacent.push(paused.ms - roundTrip)

      const resumed = await page.evaluate(async () => {
        try {
          await (
            window as unknown as { bench: { timed(action: string): Promise<unknown> } }
          ).bench.timed('resume')
          return null
        } catch (error) {
          return String(error)
        }
      })
      if (resumed) problems.push(`resume ${index + 1}: ${resumed}`)
      await sleep(50)
    }
    if (pauses.length === 0) throw new Error(`no pause could be measured: ${problems.join('; ')}`)
    const pause = spread(pauses)
    const barePost = spread(bare)
    return {
      pauses: pauses.length,
      pauseToResolved: pause,
      barePost,
      overheadP50Ms: difference(pause.p50, barePost.p50),
      overheadP95Ms: difference(pause.p95, barePost.p95),
      adjacent: spread(adjacent),
      problems,
    }
  } finally {
    await context.close().catch(() => {})
    await sim.close().catch(() => {})
    await host.close().catch(() => {})
    rmSync(hostDir, { recursive: true, force: true })
    rmSync(panelDir, { recursive: true, force: true })
  }
}
