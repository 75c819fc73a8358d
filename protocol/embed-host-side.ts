import * as v from 'valibot'
import { EMBED_PROTOCOL, EMBED_VERSION, type PanelMessage } from './embed.ts'

// What a host page accepts from the panel: every panel message is checked before it is believed
// (the SDK, sdk/, does). Kept apart from protocol/embed.ts: the panel itself never needs these
// schemas, and its first paint carries every valibot part any of its chunks uses.

const TEXT_MAX = 2_048
const text = (max = TEXT_MAX) => v.pipe(v.string(), v.minLength(1), v.maxLength(max))

const envelope = {
  protocol: v.literal(EMBED_PROTOCOL),
  version: v.literal(EMBED_VERSION),
}

const errorTypeSchema = v.union([
  v.pipe(v.number(), v.integer()),
  v.picklist([
    'http',
    'network',
    'timeout',
    'not-confirmed',
    'unknown-call',
    'not-allowed',
    'invalid-message',
  ]),
])

const stateSchema = v.looseObject({
  recording: text(64),
  marking: text(64),
  saving: text(64),
  confirmed: v.boolean(),
  hub: text(64),
  pausedSince: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
  secondsLeft: v.nullable(v.pipe(v.number(), v.minValue(0))),
  callKnown: v.boolean(),
  call: v.nullable(v.looseObject({ ucc: text(), correlationId: text() })),
})

/** A panel message as a host reads it (unknown keys are let through: a later version may add some). */
export const panelMessageSchema = v.variant('type', [
  v.looseObject({ ...envelope, type: v.literal('ready') }),
  v.looseObject({ ...envelope, type: v.literal('state'), state: stateSchema }),
  v.variant('ok', [
    v.looseObject({ ...envelope, type: v.literal('result'), id: text(200), ok: v.literal(true) }),
    v.looseObject({
      ...envelope,
      type: v.literal('result'),
      id: text(200),
      ok: v.literal(false),
      error: v.looseObject({
        type: errorTypeSchema,
        message: v.pipe(v.string(), v.maxLength(TEXT_MAX)),
      }),
    }),
  ]),
])

/** Reads a panel message: the message, or null when it is not one (it is then ignored). */
export function readPanelMessage(data: unknown): PanelMessage | null {
  const parsed = v.safeParse(panelMessageSchema, data)
  return parsed.success ? (parsed.output as PanelMessage) : null
}
