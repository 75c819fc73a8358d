// What the OpenID Provider keeps (sessions, grants, codes, refresh tokens, interactions), in memory
// and per provider, through oidc-provider's adapter interface. Its own quick-start adapter keeps one
// store for the whole process and cannot list a user's records; this one does both, so the control
// API can revoke everything a user holds. Access tokens are JWTs and are never stored.
import type { Adapter, AdapterPayload } from 'oidc-provider'

interface Entry {
  model: string
  id: string
  payload: AdapterPayload
  /** Date.now() after which the entry is gone (oidc-provider counts in real time). */
  expiresAt: number
}

export interface Revoked {
  sessions: number
  grants: number
  refreshTokens: number
  authorizationCodes: number
}

export interface Storage {
  /** The adapter for one model (`Session`, `Grant`, `RefreshToken`, ...). */
  adapterFor(model: string): Adapter
  /** Removes every session, grant and token of the account, and the tokens of its grants. */
  revokeAccount(accountId: string): Revoked
}

/** Past this many entries, an upsert first drops the expired ones. */
const SWEEP_ABOVE = 5_000

export function createStorage(): Storage {
  const entries = new Map<string, Entry>()
  const keyOf = (model: string, id: string) => `${model}:${id}`

  function live(key: string): Entry | undefined {
    const entry = entries.get(key)
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key)
      return undefined
    }
    return entry
  }

  function findWhere(model: string, matches: (payload: AdapterPayload) => boolean) {
    for (const [key, entry] of entries) {
      if (entry.model === model && matches(entry.payload) && live(key)) return entry.payload
    }
    return undefined
  }

  function sweep(): void {
    const now = Date.now()
    for (const [key, entry] of entries) if (entry.expiresAt <= now) entries.delete(key)
  }

  function removeWhere(matches: (entry: Entry) => boolean): Entry[] {
    const removed: Entry[] = []
    for (const [key, entry] of entries) {
      if (matches(entry)) {
        entries.delete(key)
        removed.push(entry)
      }
    }
    return removed
  }

  function adapterFor(model: string): Adapter {
    return {
      async upsert(id, payload, expiresIn) {
        if (entries.size > SWEEP_ABOVE) sweep()
        entries.set(keyOf(model, id), {
          model,
          id,
          payload: structuredClone(payload),
          expiresAt: Date.now() + expiresIn * 1000,
        })
      },
      async find(id) {
        const payload = live(keyOf(model, id))?.payload
        return payload && structuredClone(payload)
      },
      async findByUid(uid) {
        const payload = findWhere(model, (candidate) => candidate.uid === uid)
        return payload && structuredClone(payload)
      },
      async findByUserCode(userCode) {
        const payload = findWhere(model, (candidate) => candidate.userCode === userCode)
        return payload && structuredClone(payload)
      },
      async consume(id) {
        const entry = live(keyOf(model, id))
        if (entry) entry.payload.consumed = Math.floor(Date.now() / 1000)
      },
      async destroy(id) {
        entries.delete(keyOf(model, id))
      },
      async revokeByGrantId(grantId) {
        removeWhere((entry) => entry.payload.grantId === grantId)
      },
    }
  }

  function revokeAccount(accountId: string): Revoked {
    const owned = removeWhere((entry) => entry.payload.accountId === accountId)
    const grantIds = new Set(owned.flatMap((entry) => (entry.model === 'Grant' ? [entry.id] : [])))
    const ofGrants = removeWhere(
      (entry) => entry.payload.grantId !== undefined && grantIds.has(entry.payload.grantId),
    )
    const removed = [...owned, ...ofGrants]
    const count = (model: string) => removed.filter((entry) => entry.model === model).length
    return {
      sessions: count('Session'),
      grants: count('Grant'),
      refreshTokens: count('RefreshToken'),
      authorizationCodes: count('AuthorizationCode'),
    }
  }

  return { adapterFor, revokeAccount }
}
