import * as v from 'valibot'

// The embedding contract: the messages a host page (an agent desktop, a payment page) and the panel
// in its iframe exchange with window.postMessage. Shared by the panel (src/embed/) and the host SDK
// (sdk/). Other people's hosts and tests depend on it exactly: extend it, never change it.
//
// Every message: { protocol: 'recording-panel', version: 1, type, ... }. Requests from the host
// carry an `id` (a string of the host's choosing); the panel's `result` for it carries the same id.

export const EMBED_PROTOCOL = 'recording-panel'
export const EMBED_VERSION = 1

const TEXT_MAX = 2_048
/** A token may be long (a JWT with many claims), but not unbounded. */
const TOKEN_MAX = 16_384
const ID_MAX = 200

// The schemas use only valibot's most basic parts (loose objects, strings, checks): the panel's
// first paint carries every valibot part any of its chunks uses. Unknown keys are let through, so
// that a later version may add some.

/** Text of 1 to `max` characters. */
const text = (max: number, what: string) =>
  v.pipe(
    v.string(`${what} must be text`),
    v.check((value) => value.length > 0 && value.length <= max, `${what}: 1 to ${max} characters`),
  )

const envelopeSchema = v.looseObject({
  protocol: v.pipe(
    v.string(),
    v.check((value) => value === EMBED_PROTOCOL, `protocol must be "${EMBED_PROTOCOL}"`),
  ),
  version: v.pipe(
    v.number('version must be a number'),
    v.check((value) => value === EMBED_VERSION, `version must be ${EMBED_VERSION}`),
  ),
  id: text(ID_MAX, 'id'),
  type: v.string('type must be text'),
})

/** Each request's own fields, by type. */
const REQUESTS = {
  /** Pause the recorder; the result is ok only once the recorder is confirmed Paused. */
  pause: v.looseObject({}),
  /** Resume it (Start); ok once confirmed Started. */
  resume: v.looseObject({}),
  /** Pause or resume, whichever the panel offers now (for the host's own shortcut). */
  'toggle-pause': v.looseObject({}),
  /** Answered with a `state` message (and a `result`). */
  'get-state': v.looseObject({}),
  /** The bearer token for REST and the hub, kept in memory only; an empty string removes it. */
  'set-access-token': v.looseObject({
    token: v.pipe(
      v.string('token must be text'),
      v.check((value) => value.length <= TOKEN_MAX, `token: at most ${TOKEN_MAX} characters`),
    ),
  }),
  /** Switch to another call without a reload (the token stays). */
  'open-call': v.looseObject({
    ucc: text(TEXT_MAX, 'ucc'),
    correlationId: text(TEXT_MAX, 'correlationId'),
    agent: v.optional(text(TEXT_MAX, 'agent')),
  }),
} as const

interface Envelope<T extends string> {
  protocol: typeof EMBED_PROTOCOL
  version: typeof EMBED_VERSION
  type: T
  id: string
}

// Host → panel

export type HostMessage =
  | Envelope<'pause' | 'resume' | 'toggle-pause' | 'get-state'>
  | (Envelope<'set-access-token'> & { token: string })
  | (Envelope<'open-call'> & { ucc: string; correlationId: string; agent?: string })
export type HostMessageType = HostMessage['type']
export const HOST_MESSAGE_TYPES = Object.keys(REQUESTS) as HostMessageType[]

// Panel → host

/** The panel's state as a host sees it. `confirmed` under the same rule as the screen. */
export interface PanelState {
  /** The service's values, as in the panel's `data-state` (Started, Paused, …, or Unknown). */
  recording: string
  marking: string
  saving: string
  /** True only when a fresh read confirms what is shown: never "paused" for an unconfirmed pause. */
  confirmed: boolean
  /** The live connection: Connected, Connecting, Reconnecting or Disconnected. */
  hub: string
  /** When the panel first saw the running pause (ISO 8601), or null when not paused. */
  pausedSince: string | null
  /** Seconds until the pause guard resumes by itself (null: no guard, or not paused). */
  secondsLeft: number | null
  /** False when no call is open, when the service does not know it, or when it has ended. */
  callKnown: boolean
  /** The call shown (null: none). */
  call: { ucc: string; correlationId: string } | null
}

/** Why a request did not succeed: the server's ErrorType (a number), or one of these. */
export type EmbedErrorType =
  | number
  | 'http'
  | 'network'
  | 'timeout'
  | 'not-confirmed'
  | 'unknown-call'
  /** Not offered now (another action is on its way, the agent may not edit, nothing to resume). */
  | 'not-allowed'
  /** The message did not follow this protocol (it said which request it was, so it is answered). */
  | 'invalid-message'

export interface EmbedError {
  type: EmbedErrorType
  message: string
}

export type PanelMessage =
  | { protocol: typeof EMBED_PROTOCOL; version: typeof EMBED_VERSION; type: 'ready' }
  | {
      protocol: typeof EMBED_PROTOCOL
      version: typeof EMBED_VERSION
      type: 'state'
      state: PanelState
    }
  | {
      protocol: typeof EMBED_PROTOCOL
      version: typeof EMBED_VERSION
      type: 'result'
      id: string
      ok: true
    }
  | {
      protocol: typeof EMBED_PROTOCOL
      version: typeof EMBED_VERSION
      type: 'result'
      id: string
      ok: false
      error: EmbedError
    }

/** Whether a message claims to be of this protocol (anything else on the page's channel is not ours). */
export function isEmbedEnvelope(data: unknown): data is { protocol: string; id?: unknown } {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { protocol?: unknown }).protocol === EMBED_PROTOCOL
  )
}

/** A message of the panel's, with the envelope. */
export function panelMessage<M extends { type: PanelMessage['type'] }>(
  message: M,
): M & typeof ENVELOPE {
  return { ...ENVELOPE, ...message }
}
const ENVELOPE = { protocol: EMBED_PROTOCOL, version: EMBED_VERSION } as const

/** Reads a host's message: the message, or why it is not one (with its id when it had one). */
export function readHostMessage(
  data: unknown,
): { ok: true; message: HostMessage } | { ok: false; id: string | null; problem: string } {
  const envelope = v.safeParse(envelopeSchema, data)
  if (!envelope.success) {
    const id = typeof data === 'object' && data !== null ? (data as { id?: unknown }).id : undefined
    return {
      ok: false,
      id: typeof id === 'string' && id.length > 0 && id.length <= ID_MAX ? id : null,
      problem: envelope.issues[0].message,
    }
  }
  const { id, type } = envelope.output
  if (!Object.hasOwn(REQUESTS, type))
    return {
      ok: false,
      id,
      problem: `type "${type}" is not one of ${HOST_MESSAGE_TYPES.join(', ')}`,
    }
  const fields = v.safeParse(REQUESTS[type as HostMessageType], data)
  if (!fields.success) return { ok: false, id, problem: fields.issues[0].message }
  return { ok: true, message: { ...fields.output, ...envelope.output } as HostMessage }
}
