import type { en } from './en.ts'

// Every word the panel shows comes from a message catalog. Catalogs are chunks of their own, loaded
// before the first render (beside config.json), so that none of their text weighs on the agent
// view's first paint (docs/decisions/0008-messages.md). The server's own messages are never here:
// they are shown as the server wrote them.

/** A catalog: every message of the English one, with the same parameters. */
export type Messages = typeof en
export type MessageKey = keyof Messages
/** The keys of messages without parameters: what a table of labels may name. */
export type TextKey = { [K in MessageKey]: Messages[K] extends string ? K : never }[MessageKey]
type Args<K extends MessageKey> = Messages[K] extends (...args: infer A) => string ? A : []

let active: Messages | undefined

export function setMessages(messages: Messages): void {
  active = messages
}

/** The message `key` in the active catalog, with its parameters filled in. */
export function t<K extends MessageKey>(key: K, ...args: Args<K>): string {
  if (!active) throw new Error(`Messages are not loaded (asked for "${key}")`)
  const message = active[key] as string | ((...values: Args<K>) => string)
  return typeof message === 'function' ? message(...args) : message
}

/** Loads the catalog (a chunk of its own). */
export async function loadMessages(): Promise<Messages> {
  return (await import('./en.ts')).en
}
