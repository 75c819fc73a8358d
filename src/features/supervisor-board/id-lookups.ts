import type { ApiError } from '../../api/api-error.ts'
import { isUnknownCallError } from '../../api/call-state.ts'
import type { CallState } from '../../api/schemas.ts'
import { asApiError } from './board-call.ts'
import type { LookupQueue } from './read-scheduler.ts'

// The recording API cannot list calls, and an id alone does not say its UCC: an added id is tried
// in each watched UCC in turn until one knows it.

/** An added id whose UCC is not known yet. */
export interface Lookup {
  readonly correlationId: string
  readonly status: 'checking' | 'not-found'
  readonly tried: readonly string[]
  /** The last failure other than "no such call", shown while it is retried. */
  readonly error: ApiError | null
}

export interface IdLookupsOptions {
  uccNames: readonly string[]
  /** A read that failed (other than "no such call") is tried again after this long. */
  retryMs: number
  now: () => number
  getState: (uccName: string, correlationId: string, signal: AbortSignal) => Promise<CallState>
  /** A watched UCC knows the id: its answer, and when the read was sent. The look-up is over. */
  found: (uccName: string, correlationId: string, state: CallState, sentAt: number) => void
  /** No watched UCC knows the id. */
  notFound: (correlationId: string) => void
  /** Something to show changed. */
  changed: () => void
}

interface Pending {
  /** The UCCs still to try, the next first. */
  remaining: string[]
  retryAt: number
}

/** The look-ups, keyed by the lowercased id; the read scheduler sends their reads. */
export class IdLookups implements LookupQueue {
  private readonly options: IdLookupsOptions
  private readonly lookups = new Map<string, Lookup>()
  private readonly pending = new Map<string, Pending>()

  constructor(options: IdLookupsOptions) {
    this.options = options
  }

  /** Looks up each id not being looked up already and not `known` (on the board in a watched UCC). */
  add(ids: readonly string[], known: (correlationId: string) => boolean): void {
    if (this.options.uccNames.length === 0) return
    for (const correlationId of ids) {
      const id = correlationId.toLowerCase()
      if (this.lookups.has(id) || known(correlationId)) continue
      this.lookups.set(id, { correlationId, status: 'checking', tried: [], error: null })
      this.pending.set(id, { remaining: [...this.options.uccNames], retryAt: -Infinity })
    }
  }

  has(id: string): boolean {
    return this.lookups.has(id.toLowerCase())
  }

  /** Ends a look-up (its read in flight, if any, is the scheduler's to cancel). */
  drop(id: string): void {
    this.lookups.delete(id.toLowerCase())
    this.pending.delete(id.toLowerCase())
  }

  list(): Lookup[] {
    return Array.from(this.lookups.values())
  }

  /** The connection is back: failed look-ups are tried again at once. */
  resync(): void {
    for (const pending of this.pending.values()) pending.retryAt = -Infinity
  }

  *waiting(): Iterable<{ id: string; notBefore: number }> {
    for (const [id, pending] of this.pending) {
      if (pending.remaining.length > 0) yield { id, notBefore: pending.retryAt }
    }
  }

  send(id: string, signal: AbortSignal): Promise<void> {
    const lookup = this.lookups.get(id)
    const pending = this.pending.get(id)
    const uccName = pending?.remaining[0]
    if (!lookup || !pending || uccName === undefined) return Promise.resolve()
    const sentAt = this.options.now()
    const answered = (state: CallState | undefined, error: unknown) => {
      if (signal.aborted || this.pending.get(id) !== pending) return
      this.answered(id, pending, uccName, sentAt, state, error)
      this.options.changed()
    }
    return this.options.getState(uccName, lookup.correlationId, signal).then(
      (state) => answered(state, undefined),
      (error: unknown) => answered(undefined, error),
    )
  }

  private answered(
    id: string,
    pending: Pending,
    uccName: string,
    sentAt: number,
    state: CallState | undefined,
    error: unknown,
  ): void {
    const lookup = this.lookups.get(id)
    if (!lookup) return
    if (state) {
      this.drop(id)
      this.options.found(uccName, lookup.correlationId, state, sentAt)
      return
    }
    if (isUnknownCallError(error)) {
      pending.remaining.shift()
      const tried = [...lookup.tried, uccName]
      const status = pending.remaining.length === 0 ? 'not-found' : 'checking'
      this.lookups.set(id, { ...lookup, status, tried, error: null })
      if (status === 'not-found') this.options.notFound(lookup.correlationId)
      return
    }
    pending.retryAt = this.options.now() + this.options.retryMs
    this.lookups.set(id, { ...lookup, error: asApiError(error) })
  }
}
