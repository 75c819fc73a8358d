import type { HubConnection } from '@microsoft/signalr'

// A stand-in for @microsoft/signalr's HubConnection that a test drives by hand: it decides how each
// start() ends and fires the callbacks the real client would. Only what LiveConnection uses is here.
// Like the real client, a failed start() does not call onclose, and stop() calls it once when started.

type Handler = (...args: unknown[]) => void

export type StartOutcome = 'ok' | 'fail' | 'pending'

export class FakeHubConnection {
  /** How the next start() calls end, first to last; when empty, start() succeeds. */
  readonly startOutcomes: StartOutcome[] = []
  startCalls = 0
  stopCalls = 0
  /** The Date.now() of each start() call (fake timers make it the simulated time). */
  readonly startTimes: number[] = []
  private connected = false
  private pendingStart: { resolve: () => void; reject: (error: Error) => void } | undefined
  private readonly handlers = new Map<string, Handler[]>()
  private readonly closeCallbacks: ((error?: Error) => void)[] = []
  private readonly reconnectingCallbacks: ((error?: Error) => void)[] = []
  private readonly reconnectedCallbacks: ((connectionId?: string) => void)[] = []

  start(): Promise<void> {
    this.startCalls += 1
    this.startTimes.push(Date.now())
    const outcome = this.startOutcomes.shift() ?? 'ok'
    if (outcome === 'fail')
      return Promise.reject(new Error('Failed to complete negotiation with the server'))
    if (outcome === 'pending') {
      return new Promise<void>((resolve, reject) => {
        this.pendingStart = {
          resolve: () => {
            this.connected = true
            resolve()
          },
          reject,
        }
      })
    }
    this.connected = true
    return Promise.resolve()
  }

  stop(): Promise<void> {
    this.stopCalls += 1
    // Like the real client: stopping while a start is under way makes that start fail.
    this.pendingStart?.reject(new Error('The connection was stopped during negotiation.'))
    this.pendingStart = undefined
    if (this.connected) {
      this.connected = false
      for (const callback of this.closeCallbacks) callback()
    }
    return Promise.resolve()
  }

  on(methodName: string, handler: Handler): void {
    this.handlers.set(methodName, [...(this.handlers.get(methodName) ?? []), handler])
  }

  onclose(callback: (error?: Error) => void): void {
    this.closeCallbacks.push(callback)
  }

  onreconnecting(callback: (error?: Error) => void): void {
    this.reconnectingCallbacks.push(callback)
  }

  onreconnected(callback: (connectionId?: string) => void): void {
    this.reconnectedCallbacks.push(callback)
  }

  // Driven by the test

  /** A message from the server invoking `methodName` with these arguments. */
  emit(methodName: string, ...args: unknown[]): void {
    for (const handler of this.handlers.get(methodName) ?? []) handler(...args)
  }

  /** The connection dropped; the client's automatic reconnect begins. */
  dropAndReconnect(): void {
    for (const callback of this.reconnectingCallbacks)
      callback(new Error('WebSocket closed with status code: 1006'))
  }

  /** The automatic reconnect succeeded. */
  reconnected(): void {
    this.connected = true
    for (const callback of this.reconnectedCallbacks) callback('connection-2')
  }

  /** Closed for good by the client (a server Close without allowReconnect), not by stop(). */
  closeFromServer(): void {
    this.connected = false
    for (const callback of this.closeCallbacks)
      callback(new Error('Server returned an error on close'))
  }

  resolvePendingStart(): void {
    this.pendingStart?.resolve()
    this.pendingStart = undefined
  }

  asHubConnection(): HubConnection {
    return this as unknown as HubConnection
  }
}
