import { HttpTransportType, HubConnectionBuilder, LogLevel } from '@microsoft/signalr'
import type { HubConnection } from '@microsoft/signalr'
import { afterEach, expect, test } from 'vitest'
import { DEFAULT_AGENT, DEFAULT_CALL_ID, DEFAULT_UCC } from './default-data.ts'
import type { Simulator, SimulatorOptions } from './server.ts'
import { post, request, startTestSimulator } from './test-support.ts'

const simulators: Simulator[] = []
const connections: HubConnection[] = []
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.stop()))
  await Promise.all(simulators.splice(0).map((sim) => sim.close()))
})

async function simulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const sim = await startTestSimulator(options)
  simulators.push(sim)
  return sim
}

async function connect(sim: Simulator, transport: HttpTransportType, token?: string) {
  const events: unknown[][] = []
  const connection = new HubConnectionBuilder()
    .withUrl(sim.hubUrl, { transport, ...(token ? { accessTokenFactory: () => token } : {}) })
    .configureLogging(LogLevel.None)
    .build()
  connection.on('RecordingStateChangedEvent', (...args: unknown[]) => events.push(args))
  connections.push(connection)
  await connection.start()
  return events
}

const pause = (sim: Simulator, headers: Record<string, string> = {}) =>
  post(
    `${sim.restUrl}/set`,
    {
      Action: 'Pause',
      RequesterSipUri: DEFAULT_AGENT,
      CorrelationId: DEFAULT_CALL_ID,
      UCCName: DEFAULT_UCC,
    },
    headers,
  )

test('the simulator answers on a random port with its URLs', async () => {
  const sim = await simulator()
  expect(sim.port).toBeGreaterThan(0)
  expect(sim.url).toBe(`http://127.0.0.1:${sim.port}`)
  expect(sim.hubUrl).toBe(`${sim.url}/attendantservice/hubs/recording`)
  expect(sim.controlUrl).toBe(`${sim.url}/__sim`)
  expect((await request(`${sim.controlUrl}/health`)).status).toBe(200)
})

const TRANSPORTS = [
  ['WebSockets', HttpTransportType.WebSockets],
  ['ServerSentEvents', HttpTransportType.ServerSentEvents],
  ['LongPolling', HttpTransportType.LongPolling],
] as const

const MODES = [
  ['no auth', {}, undefined],
  ['a bearer token', { authToken: 's3cret' }, 's3cret'],
  ['the negotiate redirect', { negotiateRedirect: true }, undefined],
  ['a token and the redirect', { authToken: 's3cret', negotiateRedirect: true }, 's3cret'],
] as const

test.each(
  TRANSPORTS.flatMap(([name, transport]) =>
    MODES.map((mode) => [name, mode[0], transport, mode[1], mode[2]] as const),
  ),
)(
  'a POST /set reaches the official SignalR client over %s with %s',
  async (_name, _mode, transport, options, token) => {
    const sim = await simulator(options)
    const events = await connect(sim, transport, token)
    const answer = await pause(sim, token ? { Authorization: `Bearer ${token}` } : {})
    expect(answer.status).toBe(200)
    await expect
      .poll(() => events)
      .toEqual([[{ UccName: DEFAULT_UCC, CorrelationId: DEFAULT_CALL_ID, StateAction: 3 }]])
  },
)

test.each(TRANSPORTS)(
  'the client reconnects over %s after the control API drops it, and gets later events',
  async (_name, transport) => {
    const sim = await simulator()
    const events: unknown[][] = []
    const connection = new HubConnectionBuilder()
      .withUrl(sim.hubUrl, { transport })
      .withAutomaticReconnect([0, 50, 100])
      .configureLogging(LogLevel.None)
      .build()
    connection.on('RecordingStateChangedEvent', (...args: unknown[]) => events.push(args))
    connections.push(connection)
    const reconnected = new Promise<void>((resolve) => connection.onreconnected(() => resolve()))
    await connection.start()

    expect((await post(`${sim.controlUrl}/faults/drop-connections`, {})).status).toBe(200)
    await reconnected
    expect((await pause(sim)).status).toBe(200)
    await expect
      .poll(() => events)
      .toEqual([[{ UccName: DEFAULT_UCC, CorrelationId: DEFAULT_CALL_ID, StateAction: 3 }]])
  },
)

test('a custom hub path, camel casing and an auth token apply to the hub too', async () => {
  const sim = await simulator({ hubPath: '/hubs/rec', eventCasing: 'camel', authToken: 't0k3n' })
  expect(sim.hubUrl).toBe(`${sim.url}/hubs/rec`)
  await expect(connect(sim, HttpTransportType.WebSockets)).rejects.toThrow()
  const events = await connect(sim, HttpTransportType.WebSockets, 't0k3n')
  await pause(sim, { Authorization: 'Bearer t0k3n' })
  await expect
    .poll(() => events)
    .toEqual([[{ uccName: DEFAULT_UCC, correlationId: DEFAULT_CALL_ID, stateAction: 3 }]])
})

test('close() also closes hub connections', async () => {
  const sim = await simulator()
  const connection = new HubConnectionBuilder()
    .withUrl(sim.hubUrl, { transport: HttpTransportType.WebSockets })
    .configureLogging(LogLevel.None)
    .build()
  const closed = new Promise<void>((resolve) => connection.onclose(() => resolve()))
  await connection.start()
  await sim.close()
  await closed
  expect(connection.state).toBe('Disconnected')
})
