import { afterEach, expect, test } from 'vitest'
import { banner } from './banner.ts'
import type { Simulator } from './server.ts'
import { startTestSimulator } from './test-support.ts'

const simulators: Simulator[] = []
afterEach(async () => {
  await Promise.all(simulators.splice(0).map((sim) => sim.close()))
})

test('on loopback the banner gives the addresses and no warning', async () => {
  const sim = await startTestSimulator()
  simulators.push(sim)
  const text = banner(sim)
  expect(text).toContain(`base URL:    http://127.0.0.1:${sim.port}`)
  expect(text).not.toMatch(/WARNING/)
})

test('beyond loopback the banner warns, and prints every address it listens on', async () => {
  const sim = await startTestSimulator({ host: '0.0.0.0', controlToken: 'control-token' })
  simulators.push(sim)
  const text = banner(sim)
  expect(text).toMatch(/WARNING: listening on every interface \(0\.0\.0\.0\)/)
  for (const address of sim.addresses) expect(text).toContain(address)
  expect(text).toMatch(/control token/)
})
