import { test as base, expect, type Page } from '@playwright/test'
import { startSimulator, type Simulator } from '../simulator/server.ts'
import { AGENT, SimClient } from '../test-support/sim-client.ts'

// Each Playwright worker runs its own simulator, serving the built panel (dist/) and the API on
// one origin, so faults injected by one test never reach another worker's tests.
export const test = base.extend<{ sim: SimClient }, { simulator: Simulator }>({
  simulator: [
    async ({}, use) => {
      const simulator = await startSimulator({ port: 0, staticDir: 'dist' })
      await use(simulator)
      await simulator.close()
    },
    { scope: 'worker' },
  ],
  baseURL: async ({ simulator }, use) => {
    await use(simulator.url)
  },
  sim: async ({ simulator }, use) => {
    const sim = new SimClient(simulator.url)
    await sim.reset()
    await use(sim)
  },
})

export { expect }

export function panelUrl(
  call: { uccName: string; correlationId: string },
  agent = AGENT,
  extra = '',
) {
  const params = new URLSearchParams({
    ucc: call.uccName,
    correlationId: call.correlationId,
    agent,
  })
  return `/?${params.toString()}${extra}`
}

/** Opens the panel and waits until the hub is live and the state is confirmed. */
export async function openPanel(
  page: Page,
  call: { uccName: string; correlationId: string },
  agent = AGENT,
) {
  await page.goto(panelUrl(call, agent))
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expect(page.getByTestId('recording-state')).not.toHaveAttribute('data-stale', 'true')
}

export function recordingState(page: Page) {
  return page.getByTestId('recording-state')
}

const ACTIONS = ['start', 'resume', 'pause', 'stop', 'save', 'delete', 'mark', 'unmark'] as const

/** Every action button is there and disabled: the panel offers nothing. */
export async function expectNoActionOffered(page: Page) {
  for (const action of ACTIONS) await expect(page.getByTestId(`action-${action}`)).toBeDisabled()
}

/** The panel says the service does not know this call, with the server's text, and offers nothing. */
export async function expectCallUnknown(page: Page, correlationId: string) {
  const alert = page.getByRole('alert').filter({ hasText: 'Call not found' })
  await expect(alert).toContainText(
    `No Audio session with correlation Id:'${correlationId}' was found.`,
  )
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'call-unknown',
  )
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Unknown')
  await expectNoActionOffered(page)
}
