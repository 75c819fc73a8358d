import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test as base } from '@playwright/test'
import type { Plugin, ViteDevServer } from 'vite'
import { embedOriginsOf, frameAncestorsDirective } from '../deploy/content-security-policy.ts'
import { startSimulator, type Simulator } from '../simulator/server.ts'
import { AGENT, DEMO_UCC, SimClient } from '../test-support/sim-client.ts'
import { RecordingPanel } from './panel-page.ts'

// Playwright fixtures for QA engineers: the recording service's simulator on a free port with the
// calls a test asks for, and the panel in front of it, both torn down after the worker. The panel
// comes from a build when there is one (PANEL_DIST, else dist/), or else from Vite's dev server:
// nothing needs building first. Its config.json is the project's with `panelConfig` on top (for
// example `embedOrigins` for the desktop under test), served as a web server would serve it, so
// the panel's frame-ancestors follow it too.
//
//   import { test, expect } from '../qa-kit/fixtures.ts'
//   test.use({ recordingCalls: [{ recordingState: 1 }], panelConfig: { embedOrigins: [...] } })
//   test('…', async ({ page, recordingService, calls }) => { … })

const root = resolve(import.meta.dirname, '..')

/** A call to create before the test (a fresh GUID unless given); states as numbers on the wire
 *  (recording: 0 Uninitialized, 1 Started, 2 Stopped, 3 Paused). */
export interface CallSpec {
  ucc?: string
  correlationId?: string
  recordingState?: number
  markingState?: number
  savingState?: number
}

export interface CreatedCall {
  uccName: string
  correlationId: string
}

export interface RecordingService {
  /** Where the panel is served (its origin: what a host page frames and posts messages to). */
  panelOrigin: string
  /** The simulator (REST, hub and its control API under /__sim). */
  simulatorUrl: string
  /** The simulator's control API: another party's actions, faults, silent changes, the audit. */
  sim: SimClient
  /** The panel's address for a call. */
  panelUrl(call: CreatedCall, agent?: string): string
  /** Where the panel came from. */
  panelSource: 'build' | 'dev'
}

/** config.json's keys added to the project's public/config.json (worker-wide). */
type PanelConfig = Record<string, unknown>

/** The built panel to serve, or null for the dev server. */
function builtPanel(): string | null {
  const dir = process.env.PANEL_DIST ?? join(root, 'dist')
  if (process.env.QA_KIT_PANEL === 'dev') return null
  return existsSync(join(dir, 'index.html')) ? dir : null
}

function baseConfig(dir: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>
  } catch {
    return { uccName: DEMO_UCC, requesterSipUri: AGENT }
  }
}

/** The dev server answers config.json with `config`, and every answer carries its frame-ancestors. */
function servedConfig(config: Record<string, unknown>): Plugin {
  return {
    name: 'qa-kit-config',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        res.setHeader('Content-Security-Policy', frameAncestorsDirective(embedOriginsOf(config)))
        if (new URL(req.url ?? '/', 'http://panel').pathname !== '/config.json') return next()
        res.setHeader('Content-Type', 'application/json')
        res.setHeader('Cache-Control', 'no-store')
        res.end(JSON.stringify(config))
      })
    },
  }
}

async function startPanel(config: PanelConfig): Promise<{
  simulator: Simulator
  panelOrigin: string
  source: 'build' | 'dev'
  stop(): Promise<void>
}> {
  const built = builtPanel()
  if (built) {
    // A copy of the build with this config.json, served by the simulator on one origin.
    const dir = mkdtempSync(join(tmpdir(), 'qa-kit-panel-'))
    cpSync(built, dir, { recursive: true, filter: (source) => !source.endsWith('.map') })
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ ...baseConfig(built), ...config }))
    const simulator = await startSimulator({ port: 0, staticDir: dir })
    return {
      simulator,
      panelOrigin: simulator.url,
      source: 'build',
      async stop() {
        await simulator.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  }
  const simulator = await startSimulator({ port: 0 })
  const { createServer } = await import('vite')
  const vite: ViteDevServer = await createServer({
    configFile: join(root, 'vite.config.ts'),
    root,
    logLevel: 'warn',
    server: {
      port: 0,
      host: '127.0.0.1',
      hmr: false,
      proxy: {
        '/attendantservice': { target: simulator.url, ws: true, changeOrigin: false },
        '/__sim': { target: simulator.url },
      },
    },
    plugins: [servedConfig({ ...baseConfig(join(root, 'public')), ...config })],
  })
  await vite.listen()
  const address = vite.httpServer?.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    simulator,
    panelOrigin: `http://127.0.0.1:${port}`,
    source: 'dev',
    async stop() {
      await vite.close()
      await simulator.close()
    },
  }
}

export const test = base.extend<
  {
    /** Calls created (after a reset of the simulator) before each test: set with test.use. */
    recordingCalls: CallSpec[]
    /** The calls recordingCalls asked for, as created. */
    calls: CreatedCall[]
    /** The panel page object for the page itself (the panel opened alone). */
    panel: RecordingPanel
  },
  {
    /** config.json keys on top of the project's (worker-wide: set with test.use at file level). */
    panelConfig: PanelConfig
    recordingService: RecordingService
  }
>({
  panelConfig: [{}, { option: true, scope: 'worker' }],
  recordingCalls: [[], { option: true }],
  recordingService: [
    async ({ panelConfig }, use) => {
      const panel = await startPanel(panelConfig)
      const sim = new SimClient(panel.simulator.url)
      await use({
        panelOrigin: panel.panelOrigin,
        simulatorUrl: panel.simulator.url,
        sim,
        panelSource: panel.source,
        panelUrl(call, agent = AGENT) {
          const params = new URLSearchParams({
            ucc: call.uccName,
            correlationId: call.correlationId,
            agent,
          })
          return `${panel.panelOrigin}/?${params}`
        },
      })
      await panel.stop()
    },
    { scope: 'worker', timeout: 60_000 },
  ],
  calls: async ({ recordingService, recordingCalls }, use) => {
    await recordingService.sim.reset()
    const created: CreatedCall[] = []
    for (const spec of recordingCalls) created.push(await recordingService.sim.createCall(spec))
    await use(created)
  },
  panel: async ({ page }, use) => {
    await use(new RecordingPanel(page))
  },
})

export { expect } from '@playwright/test'
export { RecordingPanel } from './panel-page.ts'
