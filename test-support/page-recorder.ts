// Records, in the page, what it shows and what it asks for: every value a recording-state element
// (the agent panel's one, or each board row's) and the hub indicator ever show, noted by a
// MutationObserver, which sees each DOM change however briefly it lasts; every fetch, when it
// started and when its answer had been read; and, if asked, the hub frames received over
// WebSockets. The end-to-end tests use it to prove a state was never shown, or not shown before
// the server answered; the soak (bench/soak/) samples it ten times a second and reads back what
// led to a violation. It is installed before any of the panel's scripts.
import type { BrowserContext, Page } from '@playwright/test'
import { pageScript } from './page-script.ts'

export interface RecorderOptions {
  /** `performance`: performance.now() in the page; `date`: Date.now(), the same clock as Node's. */
  clock: 'performance' | 'date'
  /** At most this many entries kept in each list, the oldest dropped (0: all, for a short test). */
  keep: number
  /** The first characters of request and response bodies, to explain what happened. */
  bodies: boolean
  /** Hub frames received over WebSockets (pings left out); wraps the WebSocket constructor. */
  hubFrames: boolean
}

/** What the end-to-end tests use: everything kept, the page's own clock, WebSocket untouched. */
const TEST_OPTIONS: RecorderOptions = {
  clock: 'performance',
  keep: 0,
  bodies: false,
  hubFrames: false,
}

/** A change of a shown value. `key`: `hub`, `call` (the agent panel's element), or `ucc|id` (a board row). */
export interface Transition {
  at: number
  key: string
  state: string | null
  stale: boolean
}

/** One fetch: when it started, and when its answer's body had been read or it failed. */
export interface RequestRecord {
  method: string
  /** As the page passed it (relative or absolute). */
  url: string
  start: number
  end: number | null
  status: number | null
  error: string | null
  /** With `bodies`: the first 120 characters of the request body, the first 160 of the answer's. */
  sent: string | null
  received: string | null
}

export interface HubFrame {
  at: number
  text: string
}

/** One recording-state element as shown: a board row (ucc, id) or the agent panel's (nulls). */
export interface ShownRow {
  ucc: string | null
  id: string | null
  state: string | null
  stale: boolean
}

/** The page as it is now: every recording-state it shows and its hub indicator. */
export interface PageSample {
  now: number
  hub: string | null
  /** When the hub indicator last became Connected; null while it is not. */
  connectedSince: number | null
  rows: ShownRow[]
}

/** What the page recorded since a given time. */
export interface PageContext {
  transitions: Transition[]
  requests: RequestRecord[]
  hubFrames: HubFrame[]
}

interface PageRecord {
  transitions: Transition[]
  requests: RequestRecord[]
  sample(): PageSample
  since(at: number): PageContext
}

declare global {
  interface Window {
    __pageRecorder?: PageRecord
  }
}

/** The in-page half. Self-contained (it is sent to the page as source): no imports, no closures. */
function installPageRecorder(options: RecorderOptions): void {
  if (window.__pageRecorder) return
  const now = options.clock === 'date' ? () => Date.now() : () => performance.now()
  const transitions: Transition[] = []
  const requests: RequestRecord[] = []
  const hubFrames: HubFrame[] = []
  const lastShown = new Map<string, string>()
  let hub: string | null = null
  let connectedSince: number | null = null
  function push<T>(list: T[], item: T): void {
    list.push(item)
    if (options.keep > 0 && list.length > options.keep) list.splice(0, list.length - options.keep)
  }
  /** The board's rows, else the agent panel's one element (`present` false when it is absent). */
  function readRows(): (ShownRow & { present: boolean })[] {
    const callRows = document.querySelectorAll('[data-testid="call-row"]')
    if (callRows.length > 0)
      return Array.from(callRows, (row) => {
        const element = row.querySelector('[data-testid="recording-state"]')
        return {
          ucc: row.getAttribute('data-ucc'),
          id: row.getAttribute('data-correlation-id'),
          state: element ? element.getAttribute('data-state') : null,
          stale: element ? element.getAttribute('data-stale') === 'true' : true,
          present: true,
        }
      })
    const element = document.querySelector('[data-testid="recording-state"]')
    return [
      {
        ucc: null,
        id: null,
        state: element?.getAttribute('data-state') ?? null,
        stale: element?.getAttribute('data-stale') === 'true',
        present: element !== null,
      },
    ]
  }
  function note(): (ShownRow & { present: boolean })[] {
    const at = now()
    const shownHub =
      document.querySelector('[data-testid="hub-state"]')?.getAttribute('data-state') ?? null
    if (shownHub !== hub) {
      hub = shownHub
      connectedSince = shownHub === 'Connected' ? at : null
      push(transitions, { at, key: 'hub', state: shownHub, stale: false })
    }
    const rows = readRows()
    for (const row of rows) {
      const key = row.id ? `${row.ucc}|${row.id}` : 'call'
      const value = `${row.state}${row.stale ? '~' : ''}`
      if (lastShown.get(key) === value) continue
      lastShown.set(key, value)
      push(transitions, { at, key, state: row.state, stale: row.stale })
    }
    return rows
  }
  new MutationObserver(note).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-stale'],
  })
  window.__pageRecorder = {
    transitions,
    requests,
    sample() {
      const rows = note()
        .filter((row) => row.present)
        .map(({ ucc, id, state, stale }) => ({ ucc, id, state, stale }))
      return { now: now(), hub, connectedSince, rows }
    },
    since(at) {
      const after = (entry: { at: number }) => entry.at >= at
      return {
        transitions: transitions.filter(after),
        requests: requests.filter((entry) => entry.start >= at),
        hubFrames: hubFrames.filter(after),
      }
    },
  }

  const originalFetch = window.fetch.bind(window)
  window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    const record: RequestRecord = {
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      url: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      start: now(),
      end: null,
      status: null,
      error: null,
      sent: options.bodies && typeof init?.body === 'string' ? init.body.slice(0, 120) : null,
      received: null,
    }
    push(requests, record)
    return originalFetch(input, init).then(
      (response) => {
        record.status = response.status
        // The body is what the panel acts on: the answer has arrived once it is read.
        response
          .clone()
          .text()
          .then(
            (text) => {
              record.end = now()
              if (options.bodies) record.received = text.slice(0, 160)
            },
            () => (record.end = now()),
          )
        return response
      },
      (error: unknown) => {
        record.end = now()
        const named = error as { name?: unknown; message?: unknown } | null
        record.error = named?.name
          ? `${String(named.name)}: ${String(named.message)}`
          : String(error)
        throw error
      },
    )
  }

  if (!options.hubFrames) return
  const NativeWebSocket = window.WebSocket
  const RecordingWebSocket = function (url: string | URL, protocols?: string | string[]) {
    const socket =
      protocols === undefined ? new NativeWebSocket(url) : new NativeWebSocket(url, protocols)
    push(hubFrames, { at: now(), text: 'websocket opening' })
    socket.addEventListener('message', (event: MessageEvent) => {
      if (typeof event.data !== 'string') return
      for (const frame of event.data.split('\u001e'))
        if (frame && !frame.includes('"type":6'))
          push(hubFrames, { at: now(), text: frame.slice(0, 200) })
    })
    socket.addEventListener('close', (event: CloseEvent) => {
      push(hubFrames, {
        at: now(),
        text: `websocket closed ${event.code}${event.reason ? ` ${event.reason}` : ''}`,
      })
    })
    return socket
  } as unknown as typeof WebSocket
  Object.assign(RecordingWebSocket, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 })
  RecordingWebSocket.prototype = NativeWebSocket.prototype
  window.WebSocket = RecordingWebSocket
}

/** The init script that installs the recorder. */
export function recorderScript(options: RecorderOptions): string {
  return pageScript(installPageRecorder.toString(), JSON.stringify(options))
}

/** Records every page of the context from its first script on. */
export async function recordContext(
  context: BrowserContext,
  options: RecorderOptions,
): Promise<void> {
  await context.addInitScript({ content: recorderScript(options) })
}

/** Records the page from its next navigation on (everything kept, the page's own clock). */
export async function recordPage(page: Page): Promise<void> {
  await page.addInitScript({ content: recorderScript(TEST_OPTIONS) })
}

export interface ShownState {
  state: string | null
  stale: boolean
  /** performance.now() in the page when it was shown. */
  at: number
}

export interface FetchRecord {
  method: string
  url: string
  start: number
  end: number | null
}

/** Every value the agent panel's recording-state element showed, in order. */
export async function shownStates(page: Page): Promise<ShownState[]> {
  const transitions = await page.evaluate(() => window.__pageRecorder?.transitions ?? [])
  return transitions
    .filter((entry) => entry.key === 'call')
    .map(({ state, stale, at }) => ({ state, stale, at }))
}

export async function fetches(page: Page): Promise<FetchRecord[]> {
  const requests = await page.evaluate(() => window.__pageRecorder?.requests ?? [])
  return requests.map(({ method, url, start, end }) => ({ method, url, start, end }))
}

/** Every value the hub-state element showed, in order. */
export async function hubStates(page: Page): Promise<string[]> {
  const transitions = await page.evaluate(() => window.__pageRecorder?.transitions ?? [])
  const states: string[] = []
  for (const entry of transitions)
    if (entry.key === 'hub' && entry.state && states.at(-1) !== entry.state)
      states.push(entry.state)
  return states
}

/** One reading of the page: every recording-state it shows and its hub state, in one evaluate. */
export function samplePage(page: Page): Promise<PageSample> {
  return page.evaluate('window.__pageRecorder.sample()') as Promise<PageSample>
}

/** What the page recorded since `since` (on the recorder's clock). */
export function recordedSince(page: Page, since: number): Promise<PageContext> {
  return page.evaluate(`window.__pageRecorder.since(${Math.floor(since)})`) as Promise<PageContext>
}
