import { renderHook } from '@testing-library/react'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { readSound, useGuardAlarms, writeSound } from './guard-alarms.ts'

// The pause guard's alarms beyond the panel; what the guard shows is tested in pause-guard.test.tsx.

type Phase = 'counting' | 'warning' | 'due' | null

let tones = 0
let notifications: { title: string; body?: string; tag?: string }[] = []

beforeEach(() => {
  document.title = 'Call recording'
  localStorage.clear()
  tones = 0
  notifications = []
  vi.stubGlobal(
    'AudioContext',
    class {
      currentTime = 0
      destination = {}
      constructor() {
        tones += 1
      }
      createOscillator() {
        return {
          frequency: { value: 0 },
          connect: (node: unknown) => node,
          start() {},
          stop() {},
          onended: null,
        }
      }
      createGain() {
        return {
          gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} },
          connect: (node: unknown) => node,
        }
      }
      close() {
        return Promise.resolve()
      }
    },
  )
  vi.stubGlobal(
    'Notification',
    class {
      static permission: NotificationPermission = 'granted'
      constructor(title: string, options: NotificationOptions) {
        notifications.push({ title, body: options.body, tag: options.tag })
      }
    },
  )
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

function alarms(phase: Phase, soundOn = true, autoResume = true) {
  return renderHook(
    (props: { phase: Phase; soundOn: boolean; autoResume: boolean }) =>
      useGuardAlarms(props.phase, props.soundOn, props.autoResume),
    { initialProps: { phase, soundOn, autoResume } },
  )
}

test('the warning tone is on until the agent turns it off, and the choice is kept', () => {
  expect(readSound()).toBe(true)
  expect(writeSound(false)).toBe(false)
  expect(localStorage.getItem('recording-panel.guard-sound')).toBe('off')
  expect(readSound()).toBe(false)
  expect(writeSound(true)).toBe(true)
  expect(readSound()).toBe(true)
})

test('storage refused: the tone stays on, and a choice still returns', () => {
  vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
    throw new Error('denied')
  })
  vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
    throw new Error('denied')
  })
  expect(readSound()).toBe(true)
  expect(writeSound(false)).toBe(false)
})

test('the page title says it while warning and at the limit, and is given back after', () => {
  const { rerender } = alarms('counting')
  expect(document.title).toBe('Call recording')
  rerender({ phase: 'warning', soundOn: true, autoResume: true })
  expect(document.title).toBe('⚠ Resume recording · Call recording')
  rerender({ phase: 'due', soundOn: true, autoResume: true })
  expect(document.title).toBe('⚠ Resume recording · Call recording')
  rerender({ phase: null, soundOn: true, autoResume: true })
  expect(document.title).toBe('Call recording')
})

test('one tone per phase, none while counting or with the tone off', () => {
  const { rerender } = alarms('counting')
  expect(tones).toBe(0)
  rerender({ phase: 'warning', soundOn: true, autoResume: true })
  rerender({ phase: 'warning', soundOn: true, autoResume: true })
  expect(tones).toBe(1)
  rerender({ phase: 'due', soundOn: true, autoResume: true })
  expect(tones).toBe(2)
  alarms('warning', false)
  expect(tones).toBe(2)
})

test('no audio: silent, and the title still says it', () => {
  vi.stubGlobal('AudioContext', undefined)
  alarms('warning')
  expect(document.title).toBe('⚠ Resume recording · Call recording')
})

test('a desktop notification only while the tab is hidden and notifications are allowed', () => {
  alarms('warning')
  expect(notifications).toEqual([])
  vi.spyOn(document, 'hidden', 'get').mockReturnValue(true)
  const { rerender } = alarms('warning')
  expect(notifications).toEqual([
    {
      title: 'Resume recording',
      body: 'The recording pause is about to reach its limit.',
      tag: 'recording-panel-guard',
    },
  ])
  // At the limit with no automatic resume, it says to resume now.
  rerender({ phase: 'due', soundOn: true, autoResume: false })
  expect(notifications[1]?.body).toBe('Pause limit reached — resume the recording now.')
})
