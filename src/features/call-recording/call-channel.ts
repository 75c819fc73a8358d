// What tabs of this browser tell each other about a call: an action was taken (re-read at once),
// and when a pause was first seen (so every tab counts the same pause from the same start).

export type CallMessage =
  | { type: 'acted'; key: string }
  | { type: 'pause-seen'; key: string; since: number; exact: boolean }

export interface CallChannel {
  post(message: CallMessage): void
  subscribe(listener: (message: CallMessage) => void): () => void
}

const NAME = 'recording-panel-calls'

/** One channel per tab; without BroadcastChannel (old browsers) a channel that reaches nobody. */
export function openCallChannel(
  create: ((name: string) => BroadcastChannel) | undefined = typeof BroadcastChannel === 'undefined'
    ? undefined
    : (name) => new BroadcastChannel(name),
): CallChannel {
  const channel = create?.(NAME)
  const listeners = new Set<(message: CallMessage) => void>()
  channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
    const message = readMessage(event.data)
    if (message) for (const listener of listeners) listener(message)
  })
  return {
    post(message) {
      channel?.postMessage(message)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}

/** Only well-formed messages: another tab may run another version of the panel. */
function readMessage(data: unknown): CallMessage | undefined {
  if (typeof data !== 'object' || data === null) return undefined
  const message = data as Record<string, unknown>
  if (typeof message.key !== 'string') return undefined
  if (message.type === 'acted') return { type: 'acted', key: message.key }
  if (
    message.type === 'pause-seen' &&
    typeof message.since === 'number' &&
    Number.isFinite(message.since) &&
    typeof message.exact === 'boolean'
  )
    return { type: 'pause-seen', key: message.key, since: message.since, exact: message.exact }
  return undefined
}

let shared: CallChannel | undefined

/** This tab's channel, opened on first use. */
export function sharedCallChannel(): CallChannel {
  shared ??= openCallChannel()
  return shared
}
