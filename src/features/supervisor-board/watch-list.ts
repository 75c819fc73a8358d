import { isCorrelationId } from '../../lib/call-address.ts'

/** The ids a supervisor added, kept across reloads: correlation ids only, never a token or a state. */
export interface WatchList {
  load(): string[]
  save(ids: readonly string[]): void
}

const PREFIX = 'recording-board.watch-list:'

/** One list per set of watched UCCs, in localStorage; anything unreadable counts as empty. */
export function localWatchList(
  uccNames: readonly string[],
  storage: Storage | null = safeLocalStorage(),
): WatchList {
  const key =
    PREFIX +
    [...uccNames]
      .map((name) => name.toLowerCase())
      .sort()
      .join(',')
  return {
    load() {
      try {
        const parsed: unknown = JSON.parse(storage?.getItem(key) ?? '[]')
        if (!Array.isArray(parsed)) return []
        return parsed.filter((id): id is string => typeof id === 'string' && isCorrelationId(id))
      } catch {
        return []
      }
    },
    save(ids) {
      try {
        if (ids.length === 0) storage?.removeItem(key)
        else storage?.setItem(key, JSON.stringify(ids))
      } catch {
        // Storage full or refused (private mode): the list lasts until the page is closed.
      }
    },
  }
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}

/**
 * The ids a supervisor added, as first spelled (once each, in any case), saved whenever the set
 * changes. An id leaves the list when no watched UCC knows it, or when its call has ended and gone.
 */
export class WatchedIds {
  private readonly list: WatchList | undefined
  private readonly ids = new Map<string, string>()

  constructor(list: WatchList | undefined) {
    this.list = list
    for (const id of list?.load() ?? []) this.ids.set(id.toLowerCase(), id)
  }

  values(): string[] {
    return [...this.ids.values()]
  }

  add(ids: readonly string[]): void {
    let changed = false
    for (const id of ids) {
      if (this.ids.has(id.toLowerCase())) continue
      this.ids.set(id.toLowerCase(), id)
      changed = true
    }
    if (changed) this.save()
  }

  remove(id: string): void {
    if (this.ids.delete(id.toLowerCase())) this.save()
  }

  private save(): void {
    this.list?.save(this.values())
  }
}
