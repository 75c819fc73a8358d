// Who hears that the ledger changed (ledger-store.ts): this tab's subscribers, and the other tabs of
// the same browser through a BroadcastChannel, which then tell their own subscribers. A message is
// only a hint to read again, so one of another shape is taken as "anything may have changed".

export const LEDGER_CHANNEL = 'recording-panel-ledger'

/** What changed: the calls (`ledgerCallKey`) whose records changed, or null for any call. */
export interface LedgerChange {
  readonly calls: readonly string[] | null
}

export class LedgerChanges {
  private readonly listeners = new Set<(change: LedgerChange) => void>()
  private channel: BroadcastChannel | null

  /** `channelName`: the channel other tabs hear changes on (default `LEDGER_CHANNEL`); null: this tab only. */
  constructor(channelName: string | null = LEDGER_CHANNEL) {
    this.channel =
      channelName !== null && typeof BroadcastChannel !== 'undefined'
        ? new BroadcastChannel(channelName)
        : null
    if (this.channel) this.channel.onmessage = (event) => this.notify(changeOfMessage(event.data))
  }

  subscribe(listener: (change: LedgerChange) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** A change made here: told to the other tabs and to this tab's subscribers. */
  changed(change: LedgerChange): void {
    this.channel?.postMessage(change)
    this.notify(change)
  }

  /** Tells this tab's subscribers only. */
  notify(change: LedgerChange): void {
    for (const listener of [...this.listeners]) listener(change)
  }

  /** Stops hearing and telling other tabs (this tab's subscribers are still told). */
  close(): void {
    this.channel?.close()
    this.channel = null
  }
}

/** The change another tab's message says; null calls (any call) when it is of another shape. */
export function changeOfMessage(data: unknown): LedgerChange {
  const calls = (data as Partial<LedgerChange> | null)?.calls
  const valid =
    calls === null || (Array.isArray(calls) && calls.every((c) => typeof c === 'string'))
  return { calls: valid ? (calls as readonly string[] | null) : null }
}
