import {
  HubConnectionBuilder,
  LogLevel,
  type HubConnection,
  type IHttpConnectionOptions,
} from '@microsoft/signalr'
import { RECORDING_STATE_CHANGED_EVENT } from '../../protocol/wire.ts'
import { parseRecordingEvent, type RecordingEvent } from './parse-event.ts'

export type HubState = 'Connecting' | 'Connected' | 'Reconnecting' | 'Disconnected'

export interface LiveConnectionOptions {
  hubUrl: string
  accessTokenFactory?: () => string | undefined
  /** Restricts the transports (tests, networks that cut WebSockets); default: all, WebSockets first. */
  transport?: IHttpConnectionOptions['transport']
  /** Delay before reconnect attempt `attempt` (0-based). Default: {@link reconnectDelayMs}. */
  retryDelayMs?: (attempt: number) => number
  /** Builds the HubConnection; tests pass a fake. */
  createConnection?: (options: LiveConnectionOptions) => HubConnection
}

export interface LiveStats {
  eventsReceived: number
  eventsIgnored: number
  reconnects: number
}

type Listener<T> = (value: T) => void

/** Where the live layer hands what it hears: a view's store of calls. */
export interface LiveSink {
  /** A hub event for any call; `arrivedAt` is performance.now() when it arrived. */
  event(event: RecordingEvent, arrivedAt: number): void
  /**
   * The connection became Connected (the first time and after every reconnect), called before
   * the state changes: events sent while it was down are lost, so what is shown must be re-read.
   */
  resync(): void
}

/** Backoff that never gives up: 0, 1, 2, 4, 8 s, then every 15 s, each ±20 %. */
export function reconnectDelayMs(attempt: number, random: () => number = Math.random): number {
  if (attempt <= 0) return 0
  const base = Math.min(MAX_RECONNECT_DELAY_MS, 1000 * 2 ** (attempt - 1))
  return Math.round(base * (0.8 + 0.4 * random()))
}

export const MAX_RECONNECT_DELAY_MS = 15_000

/**
 * The panel's one SignalR connection. It lives outside React (StrictMode runs effects twice; a
 * connection per component effect fights itself), starts once, and keeps trying for a whole
 * shift: the library's automatic reconnect is given a policy that never returns null, a failed
 * first start is retried, and a server Close that forbids reconnecting is followed by a fresh start.
 */
export class LiveConnection {
  private readonly connection: HubConnection
  private readonly retryDelayMs: (attempt: number) => number
  private state: HubState = 'Disconnected'
  private started = false
  private stopped = false
  private startAttempt = 0
  private retryTimer: ReturnType<typeof setTimeout> | undefined
  private readonly stateListeners = new Set<Listener<HubState>>()
  private readonly sinks = new Set<LiveSink>()
  readonly stats: LiveStats = { eventsReceived: 0, eventsIgnored: 0, reconnects: 0 }
  private connectedCount = 0

  constructor(options: LiveConnectionOptions) {
    this.retryDelayMs = options.retryDelayMs ?? ((attempt) => reconnectDelayMs(attempt))
    this.connection = (options.createConnection ?? buildHubConnection)({
      ...options,
      retryDelayMs: this.retryDelayMs,
    })
    this.connection.on(RECORDING_STATE_CHANGED_EVENT, (...args: unknown[]) => this.receive(args))
    this.connection.onreconnecting(() => this.setState('Reconnecting'))
    this.connection.onreconnected(() => {
      this.stats.reconnects += 1
      this.becomeConnected()
    })
    this.connection.onclose(() => {
      if (this.stopped) return this.setState('Disconnected')
      // Closed for good by the library (a server Close without allowReconnect): start afresh.
      this.setState('Disconnected')
      this.scheduleStart()
    })
  }

  getState = (): HubState => this.state

  /**
   * The current unbroken stretch of connection (it changes on every reconnect), or null when not
   * Connected. Events are a complete account of a span of time only when this was the same, and
   * not null, at both ends of it.
   */
  getStretch = (): number | null => (this.state === 'Connected' ? this.connectedCount : null)

  /** Starts once; later calls do nothing. */
  start(): void {
    if (this.started) return
    this.started = true
    void this.attemptStart()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.retryTimer)
    await this.connection.stop()
    this.setState('Disconnected')
  }

  subscribeState = (listener: Listener<HubState>): (() => void) => {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  /**
   * Routes every well-formed RecordingStateChangedEvent (parsed once, here) and every resync to
   * `sink` until the returned function is called. The app attaches one sink per view's store (the
   * agent view's query cache, the board's store), never one per component.
   */
  attach(sink: LiveSink): () => void {
    this.sinks.add(sink)
    return () => this.sinks.delete(sink)
  }

  private async attemptStart(): Promise<void> {
    if (this.stopped) return
    this.setState('Connecting')
    try {
      await this.connection.start()
      this.startAttempt = 0
      this.becomeConnected()
    } catch {
      if (this.stopped) return
      this.setState('Disconnected')
      this.scheduleStart()
    }
  }

  private scheduleStart(): void {
    clearTimeout(this.retryTimer)
    this.startAttempt += 1
    this.retryTimer = setTimeout(
      () => void this.attemptStart(),
      this.retryDelayMs(this.startAttempt),
    )
  }

  private becomeConnected(): void {
    this.connectedCount += 1
    for (const sink of this.sinks) sink.resync()
    this.setState('Connected')
  }

  private receive(args: unknown[]): void {
    const event = parseRecordingEvent(args)
    if (!event) {
      this.stats.eventsIgnored += 1
      return
    }
    this.stats.eventsReceived += 1
    const arrivedAt = performance.now()
    for (const sink of this.sinks) sink.event(event, arrivedAt)
  }

  private setState(state: HubState): void {
    if (this.state === state) return
    this.state = state
    for (const listener of this.stateListeners) listener(state)
  }
}

function buildHubConnection(options: LiveConnectionOptions): HubConnection {
  const retryDelayMs = options.retryDelayMs ?? ((attempt: number) => reconnectDelayMs(attempt))
  return new HubConnectionBuilder()
    .withUrl(options.hubUrl, {
      transport: options.transport,
      accessTokenFactory: options.accessTokenFactory
        ? () => options.accessTokenFactory?.() ?? ''
        : undefined,
    })
    .withAutomaticReconnect({
      nextRetryDelayInMilliseconds: (context) => retryDelayMs(context.previousRetryCount),
    })
    .configureLogging(LogLevel.None)
    .build()
}
