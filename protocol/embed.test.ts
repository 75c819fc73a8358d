import * as v from 'valibot'
import { expect, test } from 'vitest'
import {
  EMBED_PROTOCOL,
  EMBED_VERSION,
  isEmbedEnvelope,
  panelMessage,
  readHostMessage,
  type PanelState,
} from './embed.ts'
import { panelMessageSchema, readPanelMessage } from './embed-host-side.ts'

const envelope = { protocol: EMBED_PROTOCOL, version: EMBED_VERSION }

test.each([
  { type: 'pause', id: '1' },
  { type: 'resume', id: 'a-b' },
  { type: 'toggle-pause', id: 'x' },
  { type: 'get-state', id: 'x' },
  { type: 'set-access-token', id: 'x', token: 'eyJhbGciOi' },
  { type: 'set-access-token', id: 'x', token: '' },
  { type: 'open-call', id: 'x', ucc: 'ucc-sales', correlationId: 'c-1' },
  { type: 'open-call', id: 'x', ucc: 'ucc-sales', correlationId: 'c-1', agent: 'sip:a@b.c' },
])('a host message of type $type is read as it is', (message) => {
  expect(readHostMessage({ ...envelope, ...message })).toEqual({
    ok: true,
    message: { ...envelope, ...message },
  })
})

test.each<[string, Record<string, unknown>, string | null, RegExp]>([
  ['an unknown type', { ...envelope, type: 'delete', id: '7' }, '7', /type/],
  ['no id', { ...envelope, type: 'pause' }, null, /id/],
  ['an empty id', { ...envelope, type: 'pause', id: '' }, null, /id/],
  ['another version', { ...envelope, version: 2, type: 'pause', id: '7' }, '7', /version/],
  [
    'open-call without a correlationId',
    { ...envelope, type: 'open-call', id: '7', ucc: 'u' },
    '7',
    /correlationId/,
  ],
  [
    'a token that is not text',
    { ...envelope, type: 'set-access-token', id: '7', token: 42 },
    '7',
    /token/,
  ],
  [
    'a token of 17 000 characters',
    { ...envelope, type: 'set-access-token', id: '7', token: 'a'.repeat(17_000) },
    '7',
    /token/,
  ],
  ['an id of 300 characters', { ...envelope, type: 'pause', id: 'i'.repeat(300) }, null, /id/],
])('%s is not a host message, and says why', (_, data, id, problem) => {
  const read = readHostMessage(data)
  expect(read).toMatchObject({ ok: false, id })
  if (!read.ok) expect(read.problem).toMatch(problem)
})

test.each([null, 'pause', 42, {}, { protocol: 'other' }, []])(
  '%j is not of this protocol',
  (data) => {
    expect(isEmbedEnvelope(data)).toBe(false)
    expect(readHostMessage(data).ok).toBe(false)
  },
)

const STATE: PanelState = {
  recording: 'Paused',
  marking: 'None',
  saving: 'None',
  confirmed: true,
  hub: 'Connected',
  pausedSince: '2026-12-01T10:00:00.000Z',
  secondsLeft: 42,
  callKnown: true,
  call: { ucc: 'ucc-demo-name', correlationId: 'c-1' },
}

test.each([
  panelMessage({ type: 'ready' as const }),
  panelMessage({ type: 'state' as const, state: STATE }),
  panelMessage({
    type: 'state' as const,
    state: { ...STATE, pausedSince: null, secondsLeft: null, call: null },
  }),
  panelMessage({ type: 'result' as const, id: '1', ok: true as const }),
  panelMessage({
    type: 'result' as const,
    id: '1',
    ok: false as const,
    error: { type: 3, message: 'busy' },
  }),
  panelMessage({
    type: 'result' as const,
    id: '1',
    ok: false as const,
    error: { type: 'not-confirmed' as const, message: 'no' },
  }),
])('the panel message $type passes the schema a host checks it with', (message) => {
  expect(v.safeParse(panelMessageSchema, message).success).toBe(true)
})

test.each<[string, unknown]>([
  [
    'a state without confirmed',
    panelMessage({ type: 'state' as const, state: { ...STATE, confirmed: undefined } }),
  ],
  [
    'a pausedSince that is not a time',
    panelMessage({ type: 'state' as const, state: { ...STATE, pausedSince: 'soon' } }),
  ],
  [
    'a negative secondsLeft',
    panelMessage({ type: 'state' as const, state: { ...STATE, secondsLeft: -1 } }),
  ],
  [
    'a failed result without its error',
    panelMessage({ type: 'result' as const, id: '1', ok: false as const }),
  ],
  [
    'an error type of its own',
    panelMessage({
      type: 'result' as const,
      id: '1',
      ok: false as const,
      error: { type: 'odd', message: '' },
    }),
  ],
])('%s is refused by the host side', (_, message) => {
  expect(v.safeParse(panelMessageSchema, message).success).toBe(false)
})

test('a host reads a panel message, or nothing when it is not one', () => {
  const ready = panelMessage({ type: 'ready' as const })
  expect(readPanelMessage(ready)).toEqual(ready)
  expect(readPanelMessage({ ...ready, protocol: 'other' })).toBeNull()
  expect(readPanelMessage('ready')).toBeNull()
})

test('unknown keys are let through both ways: a later version may add some', () => {
  expect(readHostMessage({ ...envelope, type: 'pause', id: '1', reason: 'payment' })).toMatchObject(
    { ok: true, message: { type: 'pause', id: '1' } },
  )
  expect(
    readPanelMessage({ ...panelMessage({ type: 'state' as const, state: STATE }), extra: 1 }),
  ).not.toBeNull()
})
