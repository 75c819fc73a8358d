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

/**
 * The message `key` in the active catalog, with its parameters filled in. src/main.tsx renders
 * nothing before a catalog is set (unit tests: src/test-setup.ts), so there is always one.
 */
export function t<K extends MessageKey>(key: K, ...args: Args<K>): string {
  const message = active![key] as string | ((...values: Args<K>) => string)
  return typeof message === 'function' ? message(...args) : message
}

export type Language = 'en' | 'nl'

const isLanguage = (value: unknown): value is Language => value == 'en' || value == 'nl'

/**
 * The panel's language: `lang=` in the address ("en" or "nl"), else config.json's `language` (the
 * same two; config.ts warns about any other), else the first of the browser's languages that is
 * English or Dutch (en-GB, nl-BE…), else English.
 */
export const chooseLanguage = (
  search: string,
  configured: unknown,
  browser: readonly string[],
): Language =>
  [
    new URLSearchParams(search).get('lang'),
    configured,
    ...browser.map((tag) => tag.slice(0, 2)),
  ].find(isLanguage) ?? 'en'

/** Loads a language's catalog (each a chunk of its own); English when none is given. */
export const loadMessages = (language?: Language): Promise<Messages> =>
  (language == 'nl' ? import('./nl.ts') : import('./en.ts')).then((catalog) => catalog.default)
