// Which panel acts for a call's pause guard: one panel per call in a tab, and one tab per call in
// the browser (the Web Locks API), so an automatic resume can never be sent twice. The others show
// the same countdown and stand by; when the acting panel goes (unmounted, tab closed), the next
// one takes over.

/** The part of the Web Locks API used here (navigator.locks). */
export interface LockManagerLike {
  request(name: string, callback: () => Promise<void>): Promise<void>
}

export interface Leadership {
  isLeader(): boolean
  subscribe(listener: () => void): () => void
  release(): void
}

interface Claim {
  leader: boolean
  released: boolean
  listeners: Set<() => void>
  /** Ends the held lock. */
  unlock?: () => void
}

/** The claims of this tab, per call key, oldest first. */
const claims = new Map<string, Claim[]>()

export function defaultLocks(): LockManagerLike | undefined {
  return typeof navigator !== 'undefined' && 'locks' in navigator
    ? (navigator.locks as LockManagerLike)
    : undefined
}

/**
 * Claims the right to act for `key`. The oldest claim of this tab asks for the browser-wide lock;
 * without the Web Locks API (old browsers, tests) it acts at once, as the only tab it can know.
 */
export function claimLeadership(
  key: string,
  locks: LockManagerLike | undefined = defaultLocks(),
): Leadership {
  const claim: Claim = { leader: false, released: false, listeners: new Set() }
  const queue = claims.get(key) ?? []
  queue.push(claim)
  claims.set(key, queue)
  if (queue[0] === claim) contend(key, claim, locks)

  return {
    isLeader: () => claim.leader,
    subscribe(listener) {
      claim.listeners.add(listener)
      return () => claim.listeners.delete(listener)
    },
    release() {
      if (claim.released) return
      claim.released = true
      const rest = (claims.get(key) ?? []).filter((other) => other !== claim)
      if (rest.length === 0) claims.delete(key)
      else claims.set(key, rest)
      const wasContending = claim.leader || claim.unlock !== undefined
      setLeader(claim, false)
      claim.unlock?.()
      const next = rest[0]
      if (wasContending && next && !next.leader && !next.unlock) contend(key, next, locks)
    },
  }
}

function contend(key: string, claim: Claim, locks: LockManagerLike | undefined): void {
  if (!locks) {
    setLeader(claim, true)
    return
  }
  let unlocked: () => void = () => {}
  const held = new Promise<void>((resolve) => (unlocked = resolve))
  claim.unlock = unlocked
  locks
    .request(`recording-panel-guard:${key}`, async () => {
      if (claim.released) return
      setLeader(claim, true)
      await held
    })
    .catch(() => {
      // The lock could not be had (the browser refused): this tab acts, as without the API.
      if (!claim.released) setLeader(claim, true)
    })
}

function setLeader(claim: Claim, leader: boolean): void {
  if (claim.leader === leader) return
  claim.leader = leader
  for (const listener of claim.listeners) listener()
}
