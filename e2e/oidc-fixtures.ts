import type { Page } from '@playwright/test'
import { startSimulator, type Simulator } from '../simulator/server.ts'
import type { OidcInfo } from '../simulator/oidc/options.ts'
import { AGENT } from '../test-support/sim-client.ts'
import { expect, PANEL_DIST, serveConfig, test as base, type Call } from './fixtures.ts'

// The panel signing in against the simulator's real OpenID Provider (--oidc): a simulator per
// worker with its provider on a free port, short-lived access tokens (renewals within a test), and
// REST and every hub transport requiring its tokens.

/** Access token lifetime: renewed at 8 s, so a test sees several renewals. */
export const ACCESS_TTL_SECONDS = 10

export const test = base.extend<
  {
    oidc: OidcInfo
    /** config.json's `auth` for this simulator's provider (plus `keys`), for the page. */
    useSignIn: (keys?: Record<string, unknown>) => Promise<void>
  },
  { simulator: Simulator }
>({
  simulator: [
    async ({}, use) => {
      const simulator = await startSimulator({
        port: 0,
        staticDir: PANEL_DIST,
        oidc: { port: 0, accessTokenTtlSeconds: ACCESS_TTL_SECONDS },
      })
      await use(simulator)
      await simulator.close()
    },
    { scope: 'worker' },
  ],
  oidc: async ({ simulator }, use) => {
    await use(simulator.oidc!)
  },
  useSignIn: async ({ page, oidc }, use) => {
    await use((keys = {}) =>
      serveConfig(page, {
        auth: {
          authority: oidc.issuer,
          clientId: oidc.clientId,
          scope: 'openid profile recording',
          redirectPath: '/',
        },
        ...keys,
      }),
    )
  },
})

export { expect }

/** The provider's sign-in form, filled and sent (the page must be on it). */
export async function fillSignInForm(page: Page, oidc: OidcInfo, user = 'agent', password = user) {
  await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/`))
  await page.getByLabel('Username').fill(user)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

export function callAddress(call: Call, agent = AGENT, extra = '') {
  const params = new URLSearchParams({
    ucc: call.uccName,
    correlationId: call.correlationId,
    agent,
  })
  return `/?${params.toString()}${extra}`
}

/** Opens the agent panel for `call`, signs in on the provider's form, and waits until it is live. */
export async function signInToCall(page: Page, oidc: OidcInfo, call: Call, extra = '') {
  await page.goto(callAddress(call, AGENT, extra))
  await fillSignInForm(page, oidc)
  await expect(page.getByTestId('signed-in-as')).toBeVisible()
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expect(page.getByTestId('recording-state')).not.toHaveAttribute('data-stale', 'true')
}
