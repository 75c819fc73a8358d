import { expect, test } from 'vitest'
import type { PanelState } from '../sdk/recording-panel.ts'
import { demoHostPath, demoHostSettings } from './settings.ts'
import { paymentView } from './payment-step.ts'

const PAUSED: PanelState = {
  recording: 'Paused',
  marking: 'None',
  saving: 'None',
  confirmed: true,
  hub: 'Connected',
  pausedSince: '2026-12-01T10:00:00.000Z',
  secondsLeft: 170,
  callKnown: true,
  call: { ucc: 'ucc-demo-name', correlationId: 'c-1' },
}

test('the card fields unlock only once the pause was confirmed and the state still confirms it', () => {
  expect(paymentView('paused', PAUSED, null)).toMatchObject({ unlocked: true, tone: 'ok' })
  for (const phase of ['closed', 'pausing', 'refused', 'resuming'] as const)
    expect(paymentView(phase, PAUSED, 'x').unlocked).toBe(false)
})

test.each<[string, PanelState | null, string]>([
  [
    'not confirmed (hub dropped)',
    { ...PAUSED, confirmed: false, hub: 'Reconnecting' },
    'Card fields locked: the recording state is not confirmed (live connection: Reconnecting). Do not take card details.',
  ],
  [
    'resumed by another party',
    { ...PAUSED, recording: 'Started', pausedSince: null },
    'Card fields locked: the recorder is Started. Do not take card details.',
  ],
  [
    'a call the panel does not know',
    { ...PAUSED, callKnown: false },
    'Card fields locked: the panel has no call it knows of. Do not take card details.',
  ],
  [
    'no state yet',
    null,
    'Card fields locked: the recording panel has not answered yet. Do not take card details.',
  ],
])('after a confirmed pause, a state %s locks them and says why', (_, state, status) => {
  expect(paymentView('paused', state, null)).toEqual({
    phase: 'paused',
    unlocked: false,
    status,
    tone: 'alert',
  })
})

test('a refused pause says the server’s words', () => {
  expect(paymentView('refused', PAUSED, 'Recorder is busy.').status).toBe(
    'Card fields locked: the recording could not be paused: Recorder is busy.',
  )
})

test('the settings come from the address; the token from its fragment only', () => {
  const path = demoHostPath({
    panel: 'https://panel.example.com/recording/',
    ucc: 'ucc-sales',
    agent: 'sip:a@b.c',
    calls: ['c-1', 'c-2'],
    token: 'eyJ.a+b',
  })
  const url = new URL(path, 'https://desktop.example.com')
  const settings = demoHostSettings(url)
  expect(settings.panelOrigin).toBe('https://panel.example.com')
  expect(settings.token).toBe('eyJ.a+b')
  expect(url.search).not.toContain('eyJ')
  expect(settings.calls.map((call) => call.correlationId)).toEqual(['c-1', 'c-2'])
  expect(settings.panelUrl(settings.calls[1]!)).toBe(
    'https://panel.example.com/recording/?ucc=ucc-sales&correlationId=c-2&agent=sip%3Aa%40b.c',
  )
  expect(() => demoHostSettings({ search: '?panel=javascript:alert(1)', hash: '' })).toThrow(
    /http\(s\)/,
  )
})
