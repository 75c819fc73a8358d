import type { Query, QueryCache } from '@tanstack/react-query'
import type { CallEntry } from '../recording-state/call-entry.ts'
import type { LedgerClient } from './ledger-client.ts'

/**
 * The agent view's side of the ledger: hands every new version of every call entry in the query
 * cache (keys starting with `prefix`, `'recording'` in the agent view) to the ledger client, with
 * the version before it, and lets go of a call when the cache removes its query. Entries already
 * cached are observed at once, as first seen. Returns the unsubscribe.
 */
export function observeCallEntries(
  cache: QueryCache,
  prefix: string,
  client: Pick<LedgerClient, 'observe' | 'forget'>,
  actorSipUri: string | null,
  now: () => number = Date.now,
): () => void {
  const seen = new Map<string, CallEntry>()
  const look = (query: Query) => {
    if (query.queryKey[0] !== prefix) return
    const next = query.state.data as CallEntry | undefined
    const prev = seen.get(query.queryHash)
    if (!next || next === prev) return
    seen.set(query.queryHash, next)
    client.observe(prev, next, { actorSipUri, now: now() })
  }
  for (const query of cache.findAll({ queryKey: [prefix] })) look(query)
  return cache.subscribe((event) => {
    if (event.type !== 'removed') return look(event.query)
    const entry = seen.get(event.query.queryHash)
    if (!entry) return
    seen.delete(event.query.queryHash)
    client.forget(entry.state.uccName, entry.state.correlationId)
  })
}
