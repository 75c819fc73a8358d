import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { RecordingState } from '../protocol/wire.ts'
import { startSimulator } from '../simulator/server.ts'
import type { Simulator } from '../simulator/server.ts'
import { DEMO_UCC, SimClient } from './sim-client.ts'

let simulator: Simulator
let sim: SimClient

beforeAll(async () => {
  simulator = await startSimulator({ port: 0 })
  sim = new SimClient(simulator.url)
})

afterAll(async () => {
  await simulator.close()
})

test('a call is created with the id it is given, and the state lists it', async () => {
  const correlationId = randomUUID()
  const call = await sim.createCall({ correlationId, recordingState: RecordingState.Paused })
  expect(call).toEqual({ uccName: DEMO_UCC, correlationId })
  expect(await sim.recordingState(DEMO_UCC, correlationId)).toBe(RecordingState.Paused)
  const ucc = (await sim.state()).uccs.find((entry) => entry.name === DEMO_UCC)
  expect(ucc?.calls.map((entry) => entry.correlationId)).toContain(correlationId)
})

test('a refused action is an answer for tryActAs and an error naming the request for actAs', async () => {
  const unknown = randomUUID()
  const answer = await sim.tryActAs(DEMO_UCC, unknown, 'Pause', 'sip:payments@domain.com')
  expect(answer.status).toBeGreaterThanOrEqual(400)
  await expect(sim.actAs(DEMO_UCC, unknown, 'Pause')).rejects.toThrow(
    `POST /__sim/calls/${DEMO_UCC}/${unknown}/action: ${answer.status}`,
  )
})

test('an accepted action is applied', async () => {
  const call = await sim.createCall({ recordingState: RecordingState.Started })
  const answer = await sim.tryActAs(
    call.uccName,
    call.correlationId,
    'Pause',
    'sip:payments@domain.com',
  )
  expect(answer.status).toBe(200)
  expect(await sim.recordingState(call.uccName, call.correlationId)).toBe(RecordingState.Paused)
})

test('an answer that is not JSON is kept as text, and its status said', async () => {
  const server = createServer((request, response) => {
    response.writeHead(502, { 'Content-Type': 'text/html' })
    response.end(`<h1>Bad Gateway</h1> ${request.method} ${request.url}`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  try {
    const { port } = server.address() as AddressInfo
    const proxy = new SimClient(`http://127.0.0.1:${port}`)
    expect(await proxy.send('POST', '/reset')).toEqual({
      status: 502,
      body: '<h1>Bad Gateway</h1> POST /__sim/reset',
    })
    await expect(proxy.reset()).rejects.toThrow(
      'POST /__sim/reset: 502 <h1>Bad Gateway</h1> POST /__sim/reset',
    )
  } finally {
    await new Promise((resolve) => server.close(resolve))
  }
})

test('a negotiation refused until accepted stays refused, and is accepted when told', async () => {
  const negotiate = () =>
    fetch(`${simulator.url}/attendantservice/hubs/recording/negotiate?negotiateVersion=1`, {
      method: 'POST',
    })
  try {
    await sim.refuseNegotiationUntilAccepted()
    expect((await negotiate()).status).toBe(503)
    await sim.acceptNegotiation()
    expect((await negotiate()).status).toBe(200)
  } finally {
    await sim.acceptNegotiation()
  }
})
