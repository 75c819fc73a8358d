import { toRecord } from './records.ts'

/** Hub protocol message types (HubProtocol.md). 2, 4, 5 are streaming; 8 and 9 stateful reconnect. */
export const MessageType = {
  Invocation: 1,
  StreamItem: 2,
  Completion: 3,
  StreamInvocation: 4,
  CancelInvocation: 5,
  Ping: 6,
  Close: 7,
  Ack: 8,
  Sequence: 9,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

export const SUPPORTED_PROTOCOL = 'json'
export const SUPPORTED_VERSION = 1

/** What ASP.NET Core sends when a hub dies of a protocol error and detailed errors are off. */
export const CLOSED_WITH_AN_ERROR = 'Connection closed with an error.'

export type HandshakeResult = { ok: true } | { ok: false; error: string }

export type ClientMessage =
  | { kind: 'invocation'; target: string; invocationId: string | undefined }
  | { kind: 'ping' }
  | { kind: 'close'; error: string | undefined }
  /** Completions, stream items, cancellations, acks and types from newer protocols: nothing to do. */
  | { kind: 'ignored'; type: number }
  | { kind: 'invalid'; reason: string }

export const handshakeAcceptedRecord = toRecord({})
export const pingRecord = toRecord({ type: MessageType.Ping })

export function handshakeRejectedRecord(error: string): string {
  return toRecord({ error })
}

export function invocationRecord(target: string, args: unknown[]): string {
  return toRecord({ type: MessageType.Invocation, target, arguments: args })
}

export function completionErrorRecord(invocationId: string, error: string): string {
  return toRecord({ type: MessageType.Completion, invocationId, error })
}

/** Like ASP.NET Core, `allowReconnect` is written only when true. */
export function closeRecord(error?: string, allowReconnect?: boolean): string {
  return toRecord({
    type: MessageType.Close,
    ...(error === undefined ? {} : { error }),
    ...(allowReconnect ? { allowReconnect: true } : {}),
  })
}

export function methodDoesNotExist(target: string): string {
  return `Failed to invoke '${target}' due to an error on the server. HubException: Method does not exist.`
}

export function parseHandshake(record: string): HandshakeResult {
  const request = parseObject(record)
  if (!request || typeof request.protocol !== 'string' || typeof request.version !== 'number') {
    return { ok: false, error: 'An invalid handshake request was received.' }
  }
  if (request.protocol !== SUPPORTED_PROTOCOL) {
    return { ok: false, error: `The protocol '${request.protocol}' is not supported.` }
  }
  if (request.version !== SUPPORTED_VERSION) {
    return {
      ok: false,
      error: `The server does not support version ${request.version} of the '${request.protocol}' protocol.`,
    }
  }
  return { ok: true }
}

export function parseClientMessage(record: string): ClientMessage {
  const message = parseObject(record)
  if (!message) return { kind: 'invalid', reason: 'not a JSON object' }
  const { type } = message
  if (typeof type !== 'number')
    return { kind: 'invalid', reason: "missing required property 'type'" }

  switch (type) {
    case MessageType.Invocation:
    case MessageType.StreamInvocation:
      return parseInvocation(message)
    case MessageType.Ping:
      return { kind: 'ping' }
    case MessageType.Close:
      return { kind: 'close', error: typeof message.error === 'string' ? message.error : undefined }
    default:
      return { kind: 'ignored', type }
  }
}

function parseInvocation(message: Record<string, unknown>): ClientMessage {
  const { target, invocationId } = message
  if (typeof target !== 'string')
    return { kind: 'invalid', reason: "missing required property 'target'" }
  if (!Array.isArray(message.arguments)) {
    return { kind: 'invalid', reason: "missing required property 'arguments'" }
  }
  if (invocationId !== undefined && invocationId !== null && typeof invocationId !== 'string') {
    return { kind: 'invalid', reason: "'invocationId' must be a string" }
  }
  return { kind: 'invocation', target, invocationId: invocationId ?? undefined }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}
