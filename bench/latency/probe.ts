// The in-page half of `npm run bench` (bench/latency.ts): installed with `page.addInitScript`
// before any of the panel's scripts, it timestamps, in the page's own clock (performance.now()):
// - every click on an action button (capture phase, before React's handler);
// - every fetch: when it was called, when its headers came and when its body had been read
//   (the moment the panel's `await response.text()` resumes, i.e. when it can act);
// - every WebSocket message carrying RecordingStateChangedEvent: counted, and for the panel's own
//   call timestamped *before* the client's handler runs (the `onmessage` setter is wrapped, so the
//   wrapper is the handler the socket calls; listeners added with addEventListener are counted);
// - every change of the `recording-state` element (state, stale), by a MutationObserver, with the
//   next animation frame after it.
// test-support/page-recorder.ts records shown states and fetches too, but after the fact (a clone
// of each answer read beside the panel's, hub frames from a listener of its own): good enough to
// prove what was shown, not to time the panel to the millisecond. This probe stands in the panel's
// own path instead, and can stop keeping records (the heap run) while its counters go on.
// It must stay self-contained: it is sent to the page as source, so no imports or closures.

/** One fetch as the page made it. Times are performance.now() in the page. */
export interface FetchRecord {
  method: string
  path: string
  body: string | undefined
  sentAt: number
  headersAt: number | undefined
  bodyReadAt: number | undefined
  failedAt: number | undefined
}

/** A WebSocket message that carried an event for the panel's own call. */
export interface FrameRecord {
  /** performance.now() when the message reached the wrapper, before the client's handler. */
  at: number
  /** The message event's own timeStamp (when the browser queued it). */
  timeStamp: number
  /** When the client's handler returned (its synchronous work). */
  handlerDoneAt: number | undefined
  /** What the recording-state element showed when the message arrived. */
  stateAtArrival: string | null
  staleAtArrival: boolean
  events: number
}

/** A change of the recording-state element, as the MutationObserver saw it. */
export interface ScreenRecord {
  at: number
  /** The next animation frame after the change (about when it was painted). */
  frameAt: number | undefined
  state: string | null
  stale: boolean
}

export interface ClickRecord {
  at: number
  timeStamp: number
  testId: string
}

export interface BareSetResult {
  sentAt: number
  bodyReadAt: number
  status: number
}

export interface ProbeState {
  /** False during the heap run: only the counters move, nothing is kept. */
  logging: boolean
  ownCallId: string
  /** RecordingStateChangedEvent messages received over WebSockets, any call. */
  eventsSeen: number
  ownEventsSeen: number
  /** WebSockets whose onmessage handler the probe wraps. */
  socketsWrapped: number
  /** `message` listeners added with addEventListener (which the probe would not see first). */
  otherMessageListeners: number
  /** Requests to the REST API not yet answered and read. */
  inFlight: number
  lastActivityAt: number
  fetches: FetchRecord[]
  frames: FrameRecord[]
  screen: ScreenRecord[]
  clicks: ClickRecord[]
  /** A POST with the unwrapped fetch: sent → body read, nothing else in between. */
  bareSet(path: string, body: unknown): Promise<BareSetResult>
  /** The recording-state element now. */
  current(): { state: string | null; stale: boolean }
  clear(): void
}

export type ProbeWindow = Window & { __latencyProbe?: ProbeState }

export function installProbe(options: { ownCallId: string; eventTarget: string }): void {
  const win = window as ProbeWindow
  if (win.__latencyProbe) return
  const rawFetch = window.fetch.bind(window)
  const ownId = options.ownCallId.toLowerCase()

  function currentState(): { state: string | null; stale: boolean } {
    const element = document.querySelector('[data-testid="recording-state"]')
    return {
      state: element?.getAttribute('data-state') ?? null,
      stale: element?.getAttribute('data-stale') === 'true',
    }
  }

  const probe: ProbeState = {
    logging: true,
    ownCallId: ownId,
    eventsSeen: 0,
    ownEventsSeen: 0,
    socketsWrapped: 0,
    otherMessageListeners: 0,
    inFlight: 0,
    lastActivityAt: 0,
    fetches: [],
    frames: [],
    screen: [],
    clicks: [],
    async bareSet(path, body) {
      const sentAt = performance.now()
      const response = await rawFetch(path, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      })
      await response.text()
      return { sentAt, bodyReadAt: performance.now(), status: response.status }
    },
    current: currentState,
    clear() {
      probe.fetches = []
      probe.frames = []
      probe.screen = []
      probe.clicks = []
    },
  }
  win.__latencyProbe = probe

  // Clicks, before React's own listener (which sits on the root, in the bubble and capture phases).
  window.addEventListener(
    'click',
    (event) => {
      const target =
        event.target instanceof Element ? event.target.closest('[data-testid^="action-"]') : null
      if (!target || !probe.logging) return
      probe.clicks.push({
        at: performance.now(),
        timeStamp: event.timeStamp,
        testId: target.getAttribute('data-testid') ?? '',
      })
    },
    { capture: true },
  )

  // fetch: sent, headers, body read. The panel reads every body with text().
  window.fetch = async function probedFetch(input: RequestInfo | URL, init?: RequestInit) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
    const path = new URL(url, location.href).pathname
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase()
    const api = path.includes('/attendantservice/api/')
    const record: FetchRecord = {
      method,
      path,
      body: typeof init?.body === 'string' ? init.body : undefined,
      sentAt: performance.now(),
      headersAt: undefined,
      bodyReadAt: undefined,
      failedAt: undefined,
    }
    if (probe.logging) probe.fetches.push(record)
    if (api) probe.inFlight += 1
    let settled = false
    const settle = () => {
      if (settled) return
      settled = true
      if (api) probe.inFlight -= 1
      probe.lastActivityAt = performance.now()
    }
    let response: Response
    try {
      response = await rawFetch(input, init)
    } catch (error) {
      record.failedAt = performance.now()
      settle()
      throw error
    }
    record.headersAt = performance.now()
    const text = response.text.bind(response)
    const json = response.json.bind(response)
    const done = () => {
      record.bodyReadAt = performance.now()
      settle()
    }
    const failed = (error: unknown) => {
      record.failedAt = performance.now()
      settle()
      throw error
    }
    response.text = () => text().then((value) => (done(), value), failed)
    response.json = () => json().then((value: unknown) => (done(), value), failed)
    return response
  }

  // WebSocket messages: the @microsoft/signalr transport sets `onmessage`; wrap whatever is set.
  const handlerProperty = Object.getOwnPropertyDescriptor(WebSocket.prototype, 'onmessage')
  const wrapped = new WeakMap<WebSocket, unknown>()
  function noteMessage(event: MessageEvent): FrameRecord | undefined {
    const data: unknown = event.data
    if (typeof data !== 'string' || !data.includes(options.eventTarget)) return undefined
    const at = performance.now()
    let count = 0
    for (
      let index = data.indexOf(options.eventTarget);
      index !== -1;
      index = data.indexOf(options.eventTarget, index + 1)
    )
      count += 1
    probe.eventsSeen += count
    if (!data.toLowerCase().includes(ownId)) return undefined
    let own = 0
    for (const message of data.split('\u001e'))
      if (message.includes(options.eventTarget) && message.toLowerCase().includes(ownId)) own += 1
    probe.ownEventsSeen += own
    probe.lastActivityAt = at
    if (!probe.logging) return undefined
    const shown = currentState()
    const record: FrameRecord = {
      at,
      timeStamp: event.timeStamp,
      handlerDoneAt: undefined,
      stateAtArrival: shown.state,
      staleAtArrival: shown.stale,
      events: own,
    }
    probe.frames.push(record)
    return record
  }
  if (handlerProperty?.set && handlerProperty.get) {
    const { get, set } = handlerProperty
    Object.defineProperty(WebSocket.prototype, 'onmessage', {
      configurable: true,
      enumerable: handlerProperty.enumerable ?? true,
      get(this: WebSocket) {
        return wrapped.has(this) ? wrapped.get(this) : get.call(this)
      },
      set(this: WebSocket, handler: unknown) {
        if (typeof handler !== 'function') {
          wrapped.delete(this)
          set.call(this, handler)
          return
        }
        if (!wrapped.has(this)) probe.socketsWrapped += 1
        wrapped.set(this, handler)
        set.call(this, function (this: WebSocket, event: MessageEvent) {
          const record = noteMessage(event)
          try {
            return (handler as (this: WebSocket, event: MessageEvent) => unknown).call(this, event)
          } finally {
            if (record) record.handlerDoneAt = performance.now()
          }
        })
      },
    })
  }
  const addListener = WebSocket.prototype.addEventListener
  WebSocket.prototype.addEventListener = function (
    this: WebSocket,
    ...args: Parameters<WebSocket['addEventListener']>
  ) {
    if (args[0] === 'message') probe.otherMessageListeners += 1
    return addListener.apply(this, args)
  } as WebSocket['addEventListener']

  // The recording-state element: every change of its state or staleness.
  let last = ''
  new MutationObserver(() => {
    const shown = currentState()
    const key = `${shown.state}|${shown.stale}`
    if (key === last) return
    last = key
    const at = performance.now()
    probe.lastActivityAt = at
    if (!probe.logging) return
    const record: ScreenRecord = { at, frameAt: undefined, state: shown.state, stale: shown.stale }
    probe.screen.push(record)
    requestAnimationFrame(() => (record.frameAt = performance.now()))
  }).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-stale'],
  })
}
