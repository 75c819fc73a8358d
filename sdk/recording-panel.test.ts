import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import {
  EMBED_PROTOCOL,
  EMBED_VERSION,
  type EmbedErrorType,
  type PanelState,
} from '../protocol/embed.ts'
import {
  connectRecordingPanel,
  DEFAULT_TIMEOUT_MS,
  HANDSHAKE_INTERVAL_MS,
  RecordingPanelError,
  type RecordingPanelConnection,
} from './recording-panel.ts'

const ORIGIN = 'https://panel.example.com'

const STARTED: PanelState = {
  recording: 'Started',
  marking: 'None',
  saving: 'None',
  confirmed: true,
  hub: 'Connected',
  pausedSince: null,
  secondsLeft: null,
  callKnown: true,
  call: { ucc: 'ucc-demo-name', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' },
}
const PAUSED: PanelState = {
  ...STARTED,
  recording: 'Paused',
  pausedSince: '2026-12-01T10:00:00.000Z',
  secondsLeft: 170,
}

/** What the host posted to the panel: each message with the targetOrigin it was given. */
interface Posted {
  message: { type: string; id: string; [key: string]: unknown }
  targetOrigin: unknown
}

/** A fake panel: a real iframe whose window's postMessage is recorded, and a way to answer. */
function fakePanel() {
  const iframe = document.createElement('iframe')
  document.body.append(iframe)
  const panelWindow = iframe.contentWindow
  if (!panelWindow) throw new Error('jsdom gave the iframe no window')
  const posted: Posted[] = []
  vi.spyOn(panelWindow, 'postMessage').mockImplementation(((
    message: Posted['message'],
    targetOrigin: unknown,
  ) => {
    posted.push({ message, targetOrigin })
  }) as typeof panelWindow.postMessage)

  /** A message arriving at the host, by default from the panel's window and origin. */
  function say(
    data: unknown,
    from: { source?: MessageEventSource | null; origin?: string } = {},
  ): void {
    window.dispatchEvent(
      new MessageEvent('message', {
        data,
        origin: from.origin ?? ORIGIN,
        source: from.source === undefined ? panelWindow : from.source,
      }),
    )
  }
  const envelope = { protocol: EMBED_PROTOCOL, version: EMBED_VERSION }
  return {
    iframe,
    posted,
    say,
    ready: () => say({ ...envelope, type: 'ready' }),
    state: (state: PanelState) => say({ ...envelope, type: 'state', state }),
    ok: (id: string) => say({ ...envelope, type: 'result', id, ok: true }),
    refuse: (id: string, type: EmbedErrorType, message: string) =>
      say({ ...envelope, type: 'result', id, ok: false, error: { type, message } }),
    /** The last message the host posted of this type. */
    last(type: string): Posted['message'] {
      const found = posted.findLast((item) => item.message.type === type)
      if (!found) throw new Error(`nothing of type ${type} was posted`)
      return found.message
    },
    count: (type: string) => posted.filter((item) => item.message.type === type).length,
  }
}

type Panel = ReturnType<typeof fakePanel>

/** Where a promise stands now (after the microtasks already queued have run). */
async function status<T>(promise: Promise<T>): Promise<'pending' | 'resolved' | 'rejected'> {
  let result: 'pending' | 'resolved' | 'rejected' = 'pending'
  promise.then(
    () => (result = 'resolved'),
    () => (result = 'rejected'),
  )
  await Promise.resolve()
  await Promise.resolve()
  return result
}

const connections: RecordingPanelConnection[] = []
function connect(panel: Panel, timeoutMs?: number) {
  const connection = connectRecordingPanel(panel.iframe, { origin: ORIGIN, timeoutMs })
  connections.push(connection)
  return connection
}

/** Connected, and the panel has answered. */
async function connected(panel: Panel, timeoutMs?: number) {
  const connection = connect(panel, timeoutMs)
  panel.ready()
  await connection.ready
  return connection
}

beforeEach(() => {
  vi.useFakeTimers()
})

afterEach(() => {
  for (const connection of connections.splice(0)) connection.close()
  vi.useRealTimers()
  vi.restoreAllMocks()
  document.body.replaceChildren()
})

test.each(['*', '', 'null', 'panel.example.com', 'ftp://panel.example.com', 'javascript:alert(1)'])(
  'an origin of %j is refused with a clear error',
  (origin) => {
    const panel = fakePanel()
    expect(() => connectRecordingPanel(panel.iframe, { origin })).toThrow(
      /options\.origin must be the panel's http\(s\) origin/,
    )
    expect(panel.posted).toEqual([])
  },
)

test('an address with a path is refused, naming the origin meant', () => {
  const panel = fakePanel()
  expect(() =>
    connectRecordingPanel(panel.iframe, { origin: 'https://panel.example.com/panel/' }),
  ).toThrow('did you mean "https://panel.example.com"?')
})

test('every message goes to the panel’s exact origin, never "*"', async () => {
  const panel = fakePanel()
  const connection = connect(panel)
  panel.ready()
  await connection.ready
  void connection.pause().catch(() => {})
  void connection.setAccessToken('eyJ.token').catch(() => {})
  void connection
    .openCall({ ucc: 'ucc-sales', correlationId: 'c-2', agent: 'sip:a@b.c' })
    .catch(() => {})
  void connection.getState().catch(() => {})

  expect(panel.posted.map((item) => item.message.type)).toEqual([
    'get-state',
    'pause',
    'set-access-token',
    'open-call',
    'get-state',
  ])
  for (const item of panel.posted) {
    expect(item.targetOrigin).toBe(ORIGIN)
    expect(item.message).toMatchObject({ protocol: EMBED_PROTOCOL, version: EMBED_VERSION })
  }
  expect(panel.last('open-call')).toMatchObject({
    ucc: 'ucc-sales',
    correlationId: 'c-2',
    agent: 'sip:a@b.c',
  })
  const ids = panel.posted.map((item) => item.message.id)
  expect(new Set(ids).size).toBe(ids.length)
})

test('the handshake asks again every ~250 ms until the panel answers, then stops', async () => {
  const panel = fakePanel()
  const connection = connect(panel)
  expect(panel.count('get-state')).toBe(1)
  await vi.advanceTimersByTimeAsync(HANDSHAKE_INTERVAL_MS * 3)
  expect(panel.count('get-state')).toBe(4)
  expect(await status(connection.ready)).toBe('pending')

  // The panel was listening already (its ready went out before we connected): it answers a get-state.
  panel.state(STARTED)
  expect(await status(connection.ready)).toBe('resolved')
  expect(connection.state).toEqual(STARTED)
  await vi.advanceTimersByTimeAsync(HANDSHAKE_INTERVAL_MS * 4)
  expect(panel.count('get-state')).toBe(4)
})

test('a request made before the panel answers waits for it, then goes out once', async () => {
  const panel = fakePanel()
  const connection = connect(panel)
  const paused = connection.pause()
  await vi.advanceTimersByTimeAsync(HANDSHAKE_INTERVAL_MS * 2)
  expect(panel.count('pause')).toBe(0)

  panel.ready()
  expect(panel.count('pause')).toBe(1)
  panel.state(PAUSED)
  panel.ok(panel.last('pause').id)
  await expect(paused).resolves.toEqual(PAUSED)
})

test('no answer: ready and the requests waiting for it reject as not confirmed, and nothing more is sent', async () => {
  const panel = fakePanel()
  const connection = connect(panel, 2_000)
  const paused = connection.pause()
  const readyFailed = expect(connection.ready).rejects.toMatchObject({
    type: 'not-confirmed',
    message: 'The recording panel did not answer within 2 s.',
  })
  const pauseFailed = expect(paused).rejects.toMatchObject({
    type: 'not-confirmed',
    message: 'The recorder was not confirmed in time: the recording panel did not answer.',
  })
  await vi.advanceTimersByTimeAsync(2_000)
  await readyFailed
  await pauseFailed
  const asked = panel.count('get-state')
  await vi.advanceTimersByTimeAsync(5_000)
  expect(panel.count('get-state')).toBe(asked)
  expect(panel.count('pause')).toBe(0)
})

test.each<[string, (panel: Panel, data: unknown) => void]>([
  ['from another origin', (panel, data) => panel.say(data, { origin: 'https://evil.example' })],
  [
    'from the right origin but another window',
    (panel, data) => panel.say(data, { source: window }),
  ],
  ['with no source', (panel, data) => panel.say(data, { source: null })],
])('a message %s is ignored', async (_, deliver) => {
  const panel = fakePanel()
  const connection = connect(panel)
  const envelope = { protocol: EMBED_PROTOCOL, version: EMBED_VERSION }
  deliver(panel, { ...envelope, type: 'ready' })
  deliver(panel, { ...envelope, type: 'state', state: PAUSED })
  expect(await status(connection.ready)).toBe('pending')
  expect(connection.state).toBeNull()

  // The same messages from the panel itself are read.
  panel.state(STARTED)
  await connection.ready
  const paused = connection.pause()
  const id = panel.last('pause').id
  deliver(panel, { ...envelope, type: 'state', state: PAUSED })
  deliver(panel, { ...envelope, type: 'result', id, ok: true })
  expect(connection.state).toEqual(STARTED)
  expect(await status(paused)).toBe('pending')
})

test.each<[string, unknown]>([
  ['text', 'ready'],
  ['another protocol', { protocol: 'other', version: 1, type: 'ready' }],
  ['another version', { protocol: EMBED_PROTOCOL, version: 2, type: 'ready' }],
  [
    'a state without confirmed',
    {
      protocol: EMBED_PROTOCOL,
      version: EMBED_VERSION,
      type: 'state',
      state: { ...PAUSED, confirmed: undefined },
    },
  ],
  [
    'a state whose confirmed is the text "true"',
    {
      protocol: EMBED_PROTOCOL,
      version: EMBED_VERSION,
      type: 'state',
      state: { ...PAUSED, confirmed: 'true' },
    },
  ],
])('a malformed message (%s) is ignored', async (_, data) => {
  const panel = fakePanel()
  const connection = connect(panel)
  panel.say(data)
  expect(await status(connection.ready)).toBe('pending')
  expect(connection.state).toBeNull()
})

test('pause resolves only on the panel’s ok, with the confirmed Paused state', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  panel.state(STARTED)
  const paused = connection.pause()
  const id = panel.last('pause').id

  panel.state({ ...PAUSED, confirmed: false })
  panel.state(PAUSED)
  expect(await status(paused)).toBe('pending')
  panel.ok(`${id}-other`)
  expect(await status(paused)).toBe('pending')

  panel.ok(id)
  await expect(paused).resolves.toEqual(PAUSED)
})

test('an ok that comes before its state: pause resolves once the confirmed Paused state arrives', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  panel.state(STARTED)
  const paused = connection.pause()
  panel.ok(panel.last('pause').id)
  expect(await status(paused)).toBe('pending')
  // It asks for the state once.
  const check = panel.last('get-state').id
  expect(panel.count('get-state')).toBe(2)
  panel.state({ ...PAUSED, confirmed: false })
  expect(await status(paused)).toBe('pending')
  panel.state(PAUSED)
  panel.ok(check)
  await expect(paused).resolves.toEqual(PAUSED)
})

test('an ok whose state then shows the recorder running rejects: a pause is never assumed', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  panel.state(STARTED)
  const paused = connection.pause()
  panel.ok(panel.last('pause').id)
  const check = panel.last('get-state').id
  panel.state(STARTED)
  panel.ok(check)
  await expect(paused).rejects.toMatchObject({
    type: 'not-confirmed',
    message: 'The panel said the recorder paused, but its state now shows Started.',
  })
})

test('a refusal rejects with the server’s ErrorType and its message', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  const paused = connection.pause()
  panel.state(PAUSED) // whatever the state says, the refusal decides
  panel.refuse(panel.last('pause').id, 3, 'Recorder busy.')
  const error = await paused.catch((caught: unknown) => caught)
  expect(error).toBeInstanceOf(RecordingPanelError)
  expect(error).toMatchObject({ type: 3, message: 'Recorder busy.', name: 'RecordingPanelError' })
})

test.each<[string, (connection: RecordingPanelConnection) => Promise<unknown>, string]>([
  ['pause', (connection) => connection.pause(), 'The recorder was not confirmed in time.'],
  ['resume', (connection) => connection.resume(), 'The recorder was not confirmed in time.'],
  [
    'togglePause',
    (connection) => connection.togglePause(),
    'The recorder was not confirmed in time.',
  ],
  ['getState', (connection) => connection.getState(), 'The panel did not answer in time.'],
  [
    'setAccessToken',
    (connection) => connection.setAccessToken('t'),
    'The panel did not answer in time.',
  ],
])('%s with no result in time rejects as not confirmed', async (_, ask, message) => {
  const panel = fakePanel()
  const connection = await connected(panel)
  panel.state(PAUSED)
  const asked = ask(connection)
  const failed = expect(asked).rejects.toMatchObject({ type: 'not-confirmed', message })
  await vi.advanceTimersByTimeAsync(DEFAULT_TIMEOUT_MS - 1)
  expect(await status(asked)).toBe('pending')
  await vi.advanceTimersByTimeAsync(1)
  await failed
})

test('a result after the timeout changes nothing', async () => {
  const panel = fakePanel()
  const connection = await connected(panel, 1_000)
  const paused = connection.pause()
  const failed = expect(paused).rejects.toMatchObject({ type: 'not-confirmed' })
  await vi.advanceTimersByTimeAsync(1_000)
  await failed
  panel.state(PAUSED)
  panel.ok(panel.last('pause').id)
  expect(connection.state).toEqual(PAUSED)
})

test('the panel reloading (ready again) rejects the requests in flight; later ones work', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  const paused = connection.pause()
  const token = connection.setAccessToken('t')
  panel.ready()
  await expect(paused).rejects.toMatchObject({
    type: 'not-confirmed',
    message: 'The recording panel reloaded before it answered: ask again.',
  })
  await expect(token).rejects.toMatchObject({ type: 'not-confirmed' })

  const again = connection.pause()
  panel.state(PAUSED)
  panel.ok(panel.last('pause').id)
  await expect(again).resolves.toEqual(PAUSED)
})

test('resume resolves with the confirmed Started state; toggle with either', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  panel.state(PAUSED)
  const resumed = connection.resume()
  panel.state(STARTED)
  panel.ok(panel.last('resume').id)
  await expect(resumed).resolves.toEqual(STARTED)

  const toggled = connection.togglePause()
  panel.state(PAUSED)
  panel.ok(panel.last('toggle-pause').id)
  await expect(toggled).resolves.toEqual(PAUSED)
})

test('getState resolves with the state sent after it was asked', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  panel.state(STARTED)
  const asked = connection.getState()
  const id = panel.last('get-state').id
  panel.ok(id)
  expect(await status(asked)).toBe('pending')
  panel.state(PAUSED)
  await expect(asked).resolves.toEqual(PAUSED)
})

test('setAccessToken and openCall resolve on ok, and reject on a refusal', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  const token = connection.setAccessToken('eyJ.token')
  expect(panel.last('set-access-token')).toMatchObject({ token: 'eyJ.token' })
  panel.ok(panel.last('set-access-token').id)
  await expect(token).resolves.toBeUndefined()

  const opened = connection.openCall({ ucc: 'ucc-sales', correlationId: 'c-2' })
  expect(panel.last('open-call')).not.toHaveProperty('agent')
  panel.refuse(panel.last('open-call').id, 'unknown-call', 'No such call.')
  await expect(opened).rejects.toMatchObject({ type: 'unknown-call', message: 'No such call.' })
})

test('onStateChange calls the listener with every state until it unsubscribes', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  const seen: string[] = []
  const other = vi.fn()
  const stop = connection.onStateChange((state) => seen.push(state.recording))
  connection.onStateChange(other)
  panel.state(STARTED)
  panel.state(PAUSED)
  stop()
  panel.state(STARTED)
  expect(seen).toEqual(['Started', 'Paused'])
  expect(other).toHaveBeenCalledTimes(3)
  expect(connection.state).toEqual(STARTED)
})

test('close rejects what is pending and stops listening', async () => {
  const panel = fakePanel()
  const connection = await connected(panel)
  const listener = vi.fn()
  connection.onStateChange(listener)
  const paused = connection.pause()
  connection.close()
  await expect(paused).rejects.toMatchObject({
    type: 'not-confirmed',
    message: 'The connection to the panel was closed.',
  })
  panel.state(PAUSED)
  expect(listener).not.toHaveBeenCalled()
  expect(connection.state).toBeNull()
  await expect(connection.pause()).rejects.toBeInstanceOf(RecordingPanelError)
  expect(panel.count('pause')).toBe(1)
})

test('close before the panel answers rejects ready and stops the handshake', async () => {
  const panel = fakePanel()
  const connection = connect(panel)
  connection.close()
  await expect(connection.ready).rejects.toMatchObject({ type: 'not-confirmed' })
  await vi.advanceTimersByTimeAsync(HANDSHAKE_INTERVAL_MS * 4)
  expect(panel.count('get-state')).toBe(1)
})
