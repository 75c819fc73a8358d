// The hub on the wire: raw fetch and raw `ws` clients check status codes, framing and timers.
import { afterEach, expect, test } from 'vitest'
import {
  RS,
  abortableFetch,
  closeAll,
  connectionTokenOf,
  negotiate,
  openRawSocket,
  readUntil,
  startTestHub,
  upgradeStatus,
} from './hub-test-kit.ts'

afterEach(closeAll)

const HANDSHAKE = `{"protocol":"json","version":1}${RS}`

async function handshakenSocket(url: string) {
  const raw = await openRawSocket(url)
  raw.socket.send(HANDSHAKE)
  expect(await raw.nextFrame()).toBe(`{}${RS}`)
  return raw
}

test('negotiate redirect answers {url, accessToken}, and the token opens the second negotiate', async () => {
  const { hubUrl } = await startTestHub({ negotiateRedirect: true, authToken: 'secret' })
  const unauthorised = await fetch(`${hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST' })
  expect(unauthorised.status).toBe(401)

  const redirect = await negotiate(hubUrl, 'negotiateVersion=1', { Authorization: 'Bearer secret' })
  expect(redirect).toEqual({ url: hubUrl, accessToken: expect.any(String) })

  const answer = await negotiate(hubUrl, 'negotiateVersion=1', {
    Authorization: `Bearer ${String(redirect.accessToken)}`,
  })
  expect(answer).toMatchObject({ connectionToken: expect.any(String), negotiateVersion: 1 })
  const token = connectionTokenOf(answer)
  expect(await upgradeStatus(`${hubUrl}?id=${token}`)).toBe(401)
  const query = `id=${token}&access_token=${String(redirect.accessToken)}`
  expect(await upgradeStatus(`${hubUrl}?${query}`)).toBe(101)
})

test('with an auth token, every request without it gets 401', async () => {
  const { hubUrl } = await startTestHub({ authToken: 'secret' })
  const bearer = { Authorization: 'Bearer secret' }
  expect((await fetch(`${hubUrl}/negotiate?negotiateVersion=1`, { method: 'POST' })).status).toBe(
    401,
  )
  const token = connectionTokenOf(await negotiate(hubUrl, 'negotiateVersion=1', bearer))
  const url = `${hubUrl}?id=${token}`

  expect(await upgradeStatus(url)).toBe(401)
  expect((await fetch(url, { headers: { Accept: 'text/event-stream' } })).status).toBe(401)
  expect((await fetch(url)).status).toBe(401)
  expect((await fetch(url, { method: 'POST', body: HANDSHAKE })).status).toBe(401)
  expect((await fetch(url, { method: 'DELETE' })).status).toBe(401)
  expect((await fetch(url, { headers: { Authorization: 'Bearer guess' } })).status).toBe(401)

  // Browsers put the token in the query string for WebSockets and event streams.
  const firstPoll = await fetch(`${url}&access_token=secret`)
  expect(firstPoll.status).toBe(200)
  expect(await firstPoll.text()).toBe('')
  const post = await fetch(url, { method: 'POST', body: HANDSHAKE, headers: bearer })
  expect(post.status).toBe(200)
})

test('unknown connection ids get 404 on every transport; a missing id on a poll gets 400', async () => {
  const { hubUrl } = await startTestHub()
  const url = `${hubUrl}?id=no-such-connection`
  expect((await fetch(url)).status).toBe(404)
  expect((await fetch(url, { headers: { Accept: 'text/event-stream' } })).status).toBe(404)
  expect((await fetch(url, { method: 'POST', body: HANDSHAKE })).status).toBe(404)
  expect((await fetch(url, { method: 'DELETE' })).status).toBe(404)
  expect(await upgradeStatus(url)).toBe(404)
  expect((await fetch(hubUrl)).status).toBe(400)
})

test('a second WebSocket on one id gets 409; other transports on it 400 or 405', async () => {
  const { hubUrl } = await startTestHub()
  const url = `${hubUrl}?id=${connectionTokenOf(await negotiate(hubUrl))}`
  await handshakenSocket(url)

  expect(await upgradeStatus(url)).toBe(409)
  expect((await fetch(url, { headers: { Accept: 'text/event-stream' } })).status).toBe(400)
  expect((await fetch(url, { method: 'POST', body: '{"type":6}' + RS })).status).toBe(405)
})

test('a second event stream on one id gets 409', async () => {
  const { hubUrl } = await startTestHub()
  const url = `${hubUrl}?id=${connectionTokenOf(await negotiate(hubUrl))}`
  const first = await abortableFetch(url, { headers: { Accept: 'text/event-stream' } })
  expect(first.status).toBe(200)
  expect((await fetch(url, { headers: { Accept: 'text/event-stream' } })).status).toBe(409)
})

test('wrong methods get 405', async () => {
  const { hubUrl } = await startTestHub()
  expect((await fetch(`${hubUrl}/negotiate`)).status).toBe(405)
  const put = await fetch(hubUrl, { method: 'PUT', body: 'x' })
  expect(put.status).toBe(405)
  expect(put.headers.get('allow')).toBe('GET, POST, DELETE')
})

test('keep-alive: a quiet WebSocket receives pings', async () => {
  const { hubUrl } = await startTestHub({ keepAliveMs: 50 })
  const raw = await handshakenSocket(hubUrl)
  expect(await raw.nextFrame()).toBe(`{"type":6}${RS}`)
})

test('event stream: headers, an opening comment, data lines, the handshake answer and pings', async () => {
  const { hubUrl } = await startTestHub({ keepAliveMs: 50 })
  const url = `${hubUrl}?id=${connectionTokenOf(await negotiate(hubUrl))}`
  const stream = await abortableFetch(url, { headers: { Accept: 'text/event-stream' } })
  expect(stream.status).toBe(200)
  expect(stream.headers.get('content-type')).toBe('text/event-stream')
  expect(stream.headers.get('cache-control')).toBe('no-cache')
  expect(await readUntil(stream, (text) => text.length > 0)).toMatch(/^:/)

  expect((await fetch(url, { method: 'POST', body: HANDSHAKE })).status).toBe(200)
  const ping = `data: {"type":6}${RS}\r\n\r\n`
  const text = await readUntil(stream, (soFar) => soFar.includes(ping))
  expect(text.startsWith(`data: {}${RS}\r\n\r\n`)).toBe(true)
})

test('long polling: first poll at once, later polls held, a new poll ends the held one, DELETE ends it all', async () => {
  const { hub, hubUrl } = await startTestHub()
  const url = `${hubUrl}?id=${connectionTokenOf(await negotiate(hubUrl))}`
  const first = await fetch(`${url}&_=1`)
  expect([first.status, await first.text()]).toEqual([200, ''])

  // Whichever of two polls arrives second ends the other with 204, and is itself held.
  const polls = [abortableFetch(`${url}&_=2`), abortableFetch(`${url}&_=3`)]
  const ended = await Promise.race(polls)
  expect(ended.status).toBe(204)
  expect((await fetch(url, { method: 'POST', body: HANDSHAKE })).status).toBe(200)
  const answered = await Promise.all(polls).then((both) => both.find((poll) => poll !== ended))
  expect([answered?.status, await answered?.text()]).toEqual([200, `{}${RS}`])
  expect(hub.connections().longPolling).toBe(1)

  const held = abortableFetch(url)
  expect((await fetch(url, { method: 'DELETE' })).status).toBe(202)
  expect((await held).status).toBe(204)
  expect((await fetch(url)).status).toBe(204)
  expect((await fetch(url, { method: 'POST', body: '{"type":6}' + RS })).status).toBe(404)
  expect(hub.connections().total).toBe(0)
})

test('long polling: a held poll ends empty when its time is up', async () => {
  const { hubUrl } = await startTestHub({ longPollTimeoutMs: 30 })
  const url = `${hubUrl}?id=${connectionTokenOf(await negotiate(hubUrl))}`
  expect((await fetch(url)).status).toBe(200)
  const held = await fetch(url)
  expect([held.status, await held.text()]).toEqual([200, ''])
})

test('a negotiated token never used expires', async () => {
  const { hubUrl, logged } = await startTestHub({ connectionTokenTtlMs: 30 })
  const token = connectionTokenOf(await negotiate(hubUrl))
  await logged(/expired unused/)
  expect((await fetch(`${hubUrl}?id=${token}`)).status).toBe(404)
  expect(await upgradeStatus(`${hubUrl}?id=${token}`)).toBe(404)
})

test('a silent client is closed, with leave to reconnect', async () => {
  const { hub, hubUrl } = await startTestHub({ clientTimeoutMs: 50 })
  const raw = await handshakenSocket(hubUrl)
  expect(await raw.nextFrame()).toBe(`{"type":7,"allowReconnect":true}${RS}`)
  expect(await raw.closed).toBe(1000)
  expect(hub.connections().total).toBe(0)
})

test('records are split on 0x1E across and within frames', async () => {
  const { hubUrl } = await startTestHub()
  const raw = await openRawSocket(hubUrl)
  raw.socket.send('{"protocol":"json",')
  raw.socket.send(`"version":1}${RS}{"type":6}${RS}{"type":1,"invocationId":"7",`)
  raw.socket.send(`"target":"Nope","arguments":[]}${RS}`)
  expect(await raw.nextFrame()).toBe(`{}${RS}`)
  expect(JSON.parse((await raw.nextFrame()).slice(0, -1))).toEqual({
    type: 3,
    invocationId: '7',
    error:
      "Failed to invoke 'Nope' due to an error on the server. HubException: Method does not exist.",
  })
})

test('a handshake for another protocol is refused with an error, then the socket closes', async () => {
  const { hubUrl } = await startTestHub()
  const raw = await openRawSocket(hubUrl)
  raw.socket.send(`{"protocol":"messagepack","version":1}${RS}`)
  expect(await raw.nextFrame()).toBe(
    `{"error":"The protocol 'messagepack' is not supported."}${RS}`,
  )
  expect(await raw.closed).toBe(1000)
})

test('no handshake in time closes the socket', async () => {
  const { hubUrl } = await startTestHub({ handshakeTimeoutMs: 30 })
  const raw = await openRawSocket(hubUrl)
  expect(await raw.closed).toBe(1000)
})

test('garbage closes only the connection that sent it, with a Close message', async () => {
  const { hub, hubUrl } = await startTestHub()
  const bystander = await handshakenSocket(hubUrl)
  const garbage = await handshakenSocket(hubUrl)
  garbage.socket.send(`{not json${RS}`)
  expect(await garbage.nextFrame()).toBe(
    `{"type":7,"error":"Connection closed with an error."}${RS}`,
  )
  expect(await garbage.closed).toBe(1000)

  hub.broadcast('RecordingStateChangedEvent', [])
  expect(await bystander.nextFrame()).toBe(
    `{"type":1,"target":"RecordingStateChangedEvent","arguments":[]}${RS}`,
  )
})

test('a garbage handshake is refused', async () => {
  const { hubUrl } = await startTestHub()
  const raw = await openRawSocket(hubUrl)
  raw.socket.send(Buffer.from([0xff, 0x00, 0x1e]))
  expect(await raw.nextFrame()).toBe(`{"error":"An invalid handshake request was received."}${RS}`)
  expect(await raw.closed).toBe(1000)
})

test("a client's Close message ends its connection", async () => {
  const { hub, hubUrl } = await startTestHub()
  const raw = await handshakenSocket(hubUrl)
  expect(hub.connections().webSockets).toBe(1)
  raw.socket.send(`{"type":7}${RS}`)
  expect(await raw.closed).toBe(1000)
  expect(hub.connections().total).toBe(0)
})
