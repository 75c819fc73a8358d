import { expect, test } from 'vitest'
import { createManualClock } from '../clock.ts'
import { createOutage } from './outage.ts'

const PANEL = 'http://localhost:5173'

function setup() {
  const clock = createManualClock(Date.parse('2026-01-05T09:00:00.000Z'))
  return { clock, outage: createOutage(clock, new Set([PANEL])) }
}

test('none at first; one for a while lasts that long by the clock, then is forgotten', () => {
  const { clock, outage } = setup()
  expect(outage.active()).toBe(false)
  expect(outage.describe()).toBeUndefined()
  outage.start(30_000)
  expect(outage.active()).toBe(true)
  expect(outage.describe()).toEqual({ until: '2026-01-05T09:00:30.000Z' })
  clock.advance(29_999)
  expect(outage.active()).toBe(true)
  clock.advance(1)
  expect(outage.active()).toBe(false)
  expect(outage.describe()).toBeUndefined()
})

test('one without an end lasts until ended', () => {
  const { clock, outage } = setup()
  outage.start()
  clock.advance(7 * 24 * 3600_000)
  expect(outage.describe()).toEqual({ until: null })
  outage.end()
  expect(outage.active()).toBe(false)
})

test('the 503: temporarily_unavailable, CORS for a redirect origin only, Retry-After in whole seconds when it ends', () => {
  const { clock, outage } = setup()
  outage.start(2_500)
  clock.advance(1_000)
  expect(outage.reply('HTTP://LOCALHOST:5173')).toEqual({
    status: 503,
    body: {
      error: 'temporarily_unavailable',
      error_description: 'The OpenID Provider is down (a simulated outage).',
    },
    headers: {
      Vary: 'Origin',
      'Access-Control-Allow-Origin': 'HTTP://LOCALHOST:5173',
      'Retry-After': '2',
    },
  })
  expect(outage.reply('http://evil.test').headers).toEqual({ Vary: 'Origin', 'Retry-After': '2' })
  clock.advance(1_400)
  expect(outage.reply(undefined).headers).toEqual({ Vary: 'Origin', 'Retry-After': '1' })
  outage.start()
  expect(outage.reply(PANEL).headers).toEqual({
    Vary: 'Origin',
    'Access-Control-Allow-Origin': PANEL,
  })
})
