/** Transport names as the negotiate answer spells them. */
export const TransportKind = {
  WebSockets: 'WebSockets',
  ServerSentEvents: 'ServerSentEvents',
  LongPolling: 'LongPolling',
} as const
export type TransportKind = (typeof TransportKind)[keyof typeof TransportKind]

/** The server-to-client half of a connection. */
export interface Transport {
  readonly kind: TransportKind
  /** Sends one frame; `frame` always holds whole records. */
  send(frame: string): void
  /** Ends normally after whatever was sent. */
  close(): void
  /** Cuts the line with no goodbye, as a network failure would. */
  abort(): void
  /** True while a long poll is held open: the client is plainly there even if it says nothing. */
  isHoldingRequest(): boolean
}

/** What a transport reports back to its connection. */
export interface TransportEvents {
  onData(data: Buffer): void
  /** The client went away, or the transport ended after close()/abort(). */
  onEnded(): void
}
