// The hub against the official @microsoft/signalr client, over each transport.
import { HttpTransportType } from '@microsoft/signalr'
import { afterEach, expect, test, vi } from 'vitest'
import { RECORDING_STATE_CHANGED_EVENT } from '../../protocol/wire.ts'
import {
  buildClient,
  closeAll,
  closed,
  negotiate,
  nextCall,
  reconnected,
  startTestHub,
} from './hub-test-kit.ts'

afterEach(closeAll)

const transports = [
  { name: 'WebSockets', transport: HttpTransportType.WebSockets, count: 'webSockets' },
  {
    name: 'ServerSentEvents',
    transport: HttpTransportType.ServerSentEvents,
    count: 'serverSentEvents',
  },
  { name: 'LongPolling', transport: HttpTransportType.LongPolling, count: 'longPolling' },
] as const

const event = {
  uccName: 'sales',
  correlationId: '6f1c2a9e-5d1b-4c55-9a53-2f0e8c1d7b44',
  stateAction: 3,
}

test.each(transports)('$name connects and receives a broadcast', async ({ transport, count }) => {
  const { hub, hubUrl } = await startTestHub()
  const client = buildClient(hubUrl, { transport })
  await client.start()
  expect(hub.connections()).toMatchObject({ total: 1, [count]: 1 })

  const received = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
  hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [event])
  expect(await received).toEqual([event])

  const positional = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
  hub.broadcast(RECORDING_STATE_CHANGED_EVENT, ['sales', event.correlationId, 'Pause'])
  expect(await positional).toEqual(['sales', event.correlationId, 'Pause'])
})

test('a client that skips negotiation gets a WebSocket connection of its own', async () => {
  const { hub, hubUrl } = await startTestHub()
  const client = buildClient(hubUrl, {
    transport: HttpTransportType.WebSockets,
    skipNegotiation: true,
  })
  await client.start()
  expect(hub.connections()).toMatchObject({ total: 1, webSockets: 1 })

  const received = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
  hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [event])
  expect(await received).toEqual([event])
})

test('negotiate version 0: the connectionId is the token, and the client connects with it', async () => {
  const { hub, hubUrl } = await startTestHub()
  const answer = await negotiate(hubUrl, '')
  expect(answer).toEqual({
    connectionId: expect.any(String),
    negotiateVersion: 0,
    availableTransports: [
      { transport: 'WebSockets', transferFormats: ['Text', 'Binary'] },
      { transport: 'ServerSentEvents', transferFormats: ['Text'] },
      { transport: 'LongPolling', transferFormats: ['Text', 'Binary'] },
    ],
  })

  // A negotiateVersion already on the URL is kept by the client.
  const client = buildClient(`${hubUrl}?negotiateVersion=0`, {
    transport: HttpTransportType.LongPolling,
  })
  await client.start()
  expect(hub.connections().longPolling).toBe(1)
})

test('negotiate version 1: a separate secret token, and never stateful reconnect', async () => {
  const { hubUrl } = await startTestHub()
  const answer = await negotiate(hubUrl, 'negotiateVersion=1&useStatefulReconnect=true')
  expect(answer).toEqual({
    connectionId: expect.any(String),
    connectionToken: expect.any(String),
    negotiateVersion: 1,
    availableTransports: expect.any(Array),
  })
  expect(answer.connectionToken).not.toBe(answer.connectionId)
  expect(await negotiate(hubUrl, 'negotiateVersion=7')).toMatchObject({ negotiateVersion: 1 })
})

test.each(transports)(
  'with an auth token, $name connects only when it carries the token',
  async ({ transport }) => {
    const { hub, hubUrl } = await startTestHub({ authToken: 'secret' })
    const anonymous = buildClient(hubUrl, { transport })
    await expect(anonymous.start()).rejects.toThrow(/401/)
    const wrong = buildClient(hubUrl, { transport, accessTokenFactory: () => 'guess' })
    await expect(wrong.start()).rejects.toThrow(/401/)

    const client = buildClient(hubUrl, { transport, accessTokenFactory: () => 'secret' })
    await client.start()
    const received = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
    hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [event])
    expect(await received).toEqual([event])
  },
)

test.each(transports)(
  'with negotiate redirect, $name follows it and receives broadcasts',
  async ({ transport }) => {
    const { hub, hubUrl } = await startTestHub({ negotiateRedirect: true, authToken: 'secret' })
    const client = buildClient(hubUrl, { transport, accessTokenFactory: () => 'secret' })
    await client.start()
    expect(hub.connections().total).toBe(1)

    const received = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
    hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [event])
    expect(await received).toEqual([event])
  },
)

test.each(transports)(
  'after dropAll, $name reconnects and receives later broadcasts',
  async ({ transport }) => {
    const { hub, hubUrl } = await startTestHub()
    const client = buildClient(hubUrl, { transport }, [0, 100, 200])
    await client.start()
    const firstId = client.connectionId

    const back = reconnected(client)
    hub.dropAll()
    expect(await back).toEqual({ reconnecting: true })
    expect(client.connectionId).not.toBe(firstId)

    const received = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
    hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [event])
    expect(await received).toEqual([event])
  },
)

test.each(transports)(
  'closeAll without allowReconnect closes $name for good',
  async ({ transport }) => {
    const { hub, hubUrl } = await startTestHub()
    const client = buildClient(hubUrl, { transport }, [0, 100, 200])
    const reconnecting = vi.fn()
    client.onreconnecting(reconnecting)
    await client.start()

    const gone = closed(client)
    hub.closeAll('The service is going down.', false)
    const error = await gone
    expect(error?.message).toContain(
      'Server returned an error on close: The service is going down.',
    )
    expect(reconnecting).not.toHaveBeenCalled()
    expect(hub.connections().total).toBe(0)
  },
)

test.each(transports)('closeAll with allowReconnect brings $name back', async ({ transport }) => {
  const { hub, hubUrl } = await startTestHub()
  const client = buildClient(hubUrl, { transport }, [0, 100, 200])
  await client.start()

  const back = reconnected(client)
  hub.closeAll('Restarting.', true)
  expect(await back).toEqual({ reconnecting: true })

  const received = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
  hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [event])
  expect(await received).toEqual([event])
})

test('refuseNegotiationFor fails starts until it ends', async () => {
  const { hub, hubUrl } = await startTestHub()
  hub.refuseNegotiationFor(60_000)
  await expect(buildClient(hubUrl).start()).rejects.toThrow(/503/)

  hub.refuseNegotiationFor(0)
  const client = buildClient(hubUrl)
  await client.start()
  expect(hub.connections().total).toBe(1)
})

test('refuseNegotiationFor ends by itself when its time is up', async () => {
  const { hub, hubUrl } = await startTestHub()
  hub.refuseNegotiationFor(10_000)
  const refused = await fetch(`${hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST' })
  expect(refused.status).toBe(503)
  expect(await refused.json()).toEqual({ error: expect.any(String) })

  vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 10_001 })
  try {
    const accepted = await fetch(`${hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST' })
    expect(accepted.status).toBe(200)
  } finally {
    vi.useRealTimers()
  }
})

test('invoking an unknown method rejects with the ASP.NET Core message; the connection lives on', async () => {
  const { hub, hubUrl } = await startTestHub()
  const client = buildClient(hubUrl)
  await client.start()

  await expect(client.invoke('StartRecording', 'sales')).rejects.toThrow(
    "Failed to invoke 'StartRecording' due to an error on the server. HubException: Method does not exist.",
  )
  await client.send('StopRecording', 'sales')

  const received = nextCall(client, RECORDING_STATE_CHANGED_EVENT)
  hub.broadcast(RECORDING_STATE_CHANGED_EVENT, [event])
  expect(await received).toEqual([event])
})

test('a stopped client is gone from the counts', async () => {
  const { hub, hubUrl } = await startTestHub()
  const clients = transports.map(({ transport }) => buildClient(hubUrl, { transport }))
  await Promise.all(clients.map((client) => client.start()))
  expect(hub.connections()).toEqual({
    total: 3,
    webSockets: 1,
    serverSentEvents: 1,
    longPolling: 1,
  })

  await Promise.all(clients.map((client) => client.stop()))
  // A WebSocket's stop() returns before the server has seen the close frame.
  await vi.waitFor(() => expect(hub.connections().total).toBe(0))
})
