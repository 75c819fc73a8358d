import type { EmbedErrorType, PanelState } from '../../protocol/embed.ts'

// The link between the open agent view and the embedding bridge: the view's after-paint part sets
// it (and says when its state changed); the bridge reads it for host pages. No view: no link.

export type HostAction = 'pause' | 'resume' | 'toggle-pause'

/** What the open agent view offers a host page. */
export interface PanelLink {
  /** The state as a host sees it, `confirmed` under the screen's rule. */
  state(): PanelState
  /** Resolves once the recorder is confirmed in the state asked for; rejects with an EmbedFailure. */
  act(action: HostAction): Promise<void>
}

/** Why a host's request did not succeed, in the protocol's terms. */
export class EmbedFailure extends Error {
  readonly type: EmbedErrorType
  constructor(type: EmbedErrorType, message: string) {
    super(message)
    this.name = 'EmbedFailure'
    this.type = type
  }
}

let current: PanelLink | null = null
const listeners = new Set<() => void>()

function notify() {
  for (const listener of listeners) listener()
}

export const panelLink = {
  get: (): PanelLink | null => current,
  /** The view sets its link as it mounts, and clears it (null) as it goes. */
  set(link: PanelLink | null) {
    current = link
    notify()
  },
  /** The view's state may have changed. */
  changed: notify,
  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },
}

/** When the running pause reaches its limit (ms since the epoch), as the pause guard counts it. */
let pauseDueAt: number | null = null
export const pauseDue = {
  get: () => pauseDueAt,
  set(dueAt: number | null) {
    if (dueAt === pauseDueAt) return
    pauseDueAt = dueAt
    notify()
  },
}
