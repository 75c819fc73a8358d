import { afterAll, beforeAll, expect, test } from 'vitest'
import { startOidcTestSimulator } from '../simulator/test-support.ts'
import type { Simulator } from '../simulator/server.ts'
import { DEMO_CALL, DEMO_UCC, SimClient } from './sim-client.ts'

let simulator: Simulator
let sim: SimClient

beforeAll(async () => {
  simulator = await startOidcTestSimulator()
  sim = new SimClient(simulator.url)
})

afterAll(async () => {
  await simulator.close()
})

test('SimClient with --oidc: the provider described, a minted token opens REST, one for another audience does not', async () => {
  const info = await sim.oidc()
  expect(info).toMatchObject({ clientId: 'recording-panel', issuer: simulator.oidc?.issuer })
  const { accessToken } = await sim.mintToken('agent')
  expect(await sim.recordingState(DEMO_UCC, DEMO_CALL, accessToken)).toBe(1)
  const other = await sim.mintToken('agent', { audience: 'https://other.example/api' })
  const refused = await fetch(`${simulator.restUrl}/${DEMO_UCC}/${DEMO_CALL}`, {
    headers: { Authorization: `Bearer ${other.accessToken}` },
  })
  expect(refused.status).toBe(401)
  await expect(sim.mintToken('mallory')).rejects.toThrow(/404/)
})

test('SimClient with --oidc: an outage and its end; revoking a user answers the counts', async () => {
  const discovery = () => fetch(`${simulator.oidc?.issuer}/.well-known/openid-configuration`)
  await sim.oidcOutage()
  expect((await discovery()).status).toBe(503)
  await sim.endOidcOutage()
  expect((await discovery()).status).toBe(200)
  expect(await sim.revokeSignIns('supervisor')).toMatchObject({ user: 'supervisor', sessions: 0 })
})
