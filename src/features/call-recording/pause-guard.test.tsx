import { act, screen } from '@testing-library/react'
import { afterEach, beforeAll, beforeEach, expect, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { RECORDING_STATE_CHANGED_EVENT, RecordingAction } from '../../../protocol/wire.ts'
import { DEFAULT_PAUSE_POLICY, type PausePolicy } from '../../recording-state/pause-policy.ts'
import { fakeRecordingApi, nth, renderWithRuntime } from '../../testing/render-with-runtime.tsx'
import { CallPanel } from './call-panel.tsx'

// The pause guard on the agent panel, with fake timers: a 10-second limit warned 3 seconds ahead.

const UCC = 'ucc-guard'
const ID = '7b1f3a20-5c1d-4e8a-9f00-0a1b2c3d4e5f'
const AGENT = 'sip:agent@example.com'
const POLICY: PausePolicy = { ...DEFAULT_PAUSE_POLICY, maxPauseSeconds: 10, pauseWarningSeconds: 3 }

function state(recording: RecordingStateName): CallState {
  return { uccName: UCC, correlationId: ID, recording, marking: 'None', saving: 'None' }
}

// The guard is a lazy chunk of the panel: load its module once, before the clock is faked, so
// that rendering it needs only promise callbacks (which the fake clock runs), never real time.
beforeAll(async () => {
  await import('./panel-extras.tsx')
})

beforeEach(() => {
  vi.useFakeTimers()
  document.title = 'Call recording'
})
afterEach(() => {
  vi.useRealTimers()
})

/** Moves the clock and lets React, the query cache and the fake API's promises catch up. */
async function tick(ms = 0) {
  await act(() => vi.advanceTimersByTimeAsync(ms))
}

async function setup(policy: PausePolicy = POLICY, panels = 1, pauseAlertSeconds = 120) {
  const fake = fakeRecordingApi()
  const panel = (key: number) => (
    <CallPanel
      key={key}
      call={{ uccName: UCC, correlationId: ID }}
      requesterSipUri={AGENT}
      pauseAlertSeconds={pauseAlertSeconds}
      pauseConfig={{ ...policy }}
    />
  )
  const view = await renderWithRuntime(
    <>{Array.from({ length: panels }, (_, n) => panel(n))}</>,
    fake,
  )
  await tick()
  return view
}

/** The panel shows a confirmed call, then the recorder is paused by an event and read back. */
async function pausedByEvent(view: Awaited<ReturnType<typeof setup>>) {
  nth(view.gets, 0).resolve(state('Started'))
  await tick()
  act(() => view.hub.emit(RECORDING_STATE_CHANGED_EVENT, UCC, ID, RecordingAction.Pause))
  await tick()
  nth(view.gets, 1).resolve(state('Paused'))
  await tick()
}

function countdown() {
  return screen.getAllByTestId('pause-countdown')[0]!
}

test('a countdown from the pause, a warning before the limit, then a resume after a fresh read', async () => {
  const view = await setup()
  await pausedByEvent(view)
  expect(countdown()).toHaveAttribute('data-seconds-left', '10')
  expect(countdown()).toHaveTextContent('Recording resumes automatically in 0:10')
  expect(screen.queryByTestId('pause-warning')).not.toBeInTheDocument()

  await tick(7_000)
  expect(countdown()).toHaveAttribute('data-seconds-left', '3')
  expect(screen.getByTestId('pause-warning')).toHaveAttribute('role', 'alert')
  expect(screen.getByTestId('pause-warning')).toHaveTextContent('Recording resumes in 0:03')
  expect(document.title).toMatch(/^⚠ Resume recording/)
  expect(view.posts).toHaveLength(0)

  await tick(3_000)
  // At the limit: a fresh read first, and nothing sent before it answers.
  expect(view.gets).toHaveLength(3)
  expect(view.posts).toHaveLength(0)
  nth(view.gets, 2).resolve(state('Paused'))
  await tick()
  expect(view.posts).toHaveLength(1)
  expect(nth(view.posts, 0).input).toMatchObject({
    action: RecordingAction.Start,
    requesterSipUri: AGENT,
  })
  nth(view.posts, 0).resolve(state('Started'))
  await tick()
  expect(screen.getByTestId('auto-resumed')).toHaveTextContent(
    'Recording resumed automatically after 0:10 paused.',
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(screen.queryByTestId('pause-countdown')).not.toBeInTheDocument()
  expect(document.title).toBe('Call recording')
})

test('a refused resume: a loud alert with the server text, then another try every 5 s, reading first', async () => {
  const view = await setup()
  await pausedByEvent(view)
  await tick(10_000)
  nth(view.gets, 2).resolve(state('Paused'))
  await tick()
  nth(view.posts, 0).reject(
    new ApiError({
      kind: 'server',
      status: 200,
      errorType: 3,
      serverMessage: 'Recorder busy, try later.',
    }),
  )
  await tick()
  const alert = screen.getByTestId('auto-resume-failed')
  expect(alert).toHaveTextContent('Recording is still paused — resume now')
  expect(alert).toHaveTextContent('Recorder busy, try later.')
  // The failed POST is re-read (never repeated blindly) ...
  await tick()
  const readsAfterFailure = view.gets.length
  for (let n = 2; n < readsAfterFailure; n += 1) view.gets[n]!.resolve(state('Paused'))
  await tick(4_900)
  expect(view.posts).toHaveLength(1)
  // ... and after 5 s the guard reads again, then tries again.
  await tick(100)
  expect(view.gets.length).toBeGreaterThan(readsAfterFailure)
  nth(view.gets, view.gets.length - 1).resolve(state('Paused'))
  await tick()
  expect(view.posts).toHaveLength(2)
  nth(view.posts, 1).resolve(state('Started'))
  await tick()
  expect(screen.queryByTestId('auto-resume-failed')).not.toBeInTheDocument()
  expect(screen.getByTestId('auto-resumed')).toBeInTheDocument()
})

test('a fresh read that shows the recorder running again: nothing is sent', async () => {
  const view = await setup()
  await pausedByEvent(view)
  await tick(10_000)
  nth(view.gets, 2).resolve(state('Started'))
  await tick(20_000)
  expect(view.posts).toHaveLength(0)
})

test('the call ended while paused: nothing is sent, and the end is said', async () => {
  const view = await setup()
  await pausedByEvent(view)
  await tick(10_000)
  nth(view.gets, 2).reject(
    new ApiError({
      kind: 'server',
      status: 200,
      errorType: 2,
      serverMessage: `No Audio session with correlation Id:'${ID}' was found.`,
    }),
  )
  await tick(20_000)
  expect(view.posts).toHaveLength(0)
  // Said once, calmly, in the indicator: "Call ended at 12:34:56 while the recording was paused."
  expect(screen.getByTestId('recorder-indicator')).toHaveAttribute('data-indicator', 'call-ended')
  expect(screen.getByTestId('recorder-indicator')).toHaveTextContent(
    /Call ended at \d{1,2}:\d{2}:\d{2}.* while the recording was paused\./,
  )
  expect(screen.getByTestId('ended-while-paused')).toBeInTheDocument()
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
})

test('a pause found already running is counted from when the panel first saw it, and says so', async () => {
  const view = await setup()
  nth(view.gets, 0).resolve(state('Paused'))
  await tick()
  expect(countdown()).toHaveAttribute('data-seconds-left', '10')
  expect(countdown()).toHaveTextContent('already running when this panel first saw it')

  // At the limit it is resumed, and its length is said as what it is: a lower bound.
  await tick(10_000)
  nth(view.gets, 1).resolve(state('Paused'))
  await tick()
  nth(view.posts, 0).resolve(state('Started'))
  await tick()
  expect(screen.getByTestId('auto-resumed')).toHaveTextContent(
    'Recording resumed automatically after at least 0:10 paused.',
  )
})

test('without autoResume the limit is only warned about: nothing is sent', async () => {
  const view = await setup({ ...POLICY, autoResume: false })
  await pausedByEvent(view)
  expect(countdown()).toHaveTextContent('Pause limit in 0:10')
  await tick(15_000)
  expect(screen.getByTestId('pause-warning')).toHaveTextContent(
    'Pause limit reached — resume the recording now.',
  )
  expect(view.posts).toHaveLength(0)
})

test('with the guard off, a long pause is only reminded of, after pauseAlertSeconds', async () => {
  const view = await setup({ ...POLICY, maxPauseSeconds: 0 }, 1, 60)
  await pausedByEvent(view)
  await tick(59_000)
  expect(screen.queryByTestId('pause-reminder')).not.toBeInTheDocument()
  await tick(2_000)
  expect(screen.getByTestId('pause-reminder')).toHaveTextContent(
    'Paused for more than 1 min — remember to resume.',
  )
  expect(view.posts).toHaveLength(0)
})

test('with the guard off there is no countdown', async () => {
  const view = await setup({ ...POLICY, maxPauseSeconds: 0 })
  await pausedByEvent(view)
  expect(screen.queryByTestId('pause-countdown')).not.toBeInTheDocument()
  await tick(60_000)
  expect(view.posts).toHaveLength(0)
})

test('two panels on one call count alike and one of them acts: one Start', async () => {
  const view = await setup(POLICY, 2)
  await pausedByEvent(view)
  expect(screen.getAllByTestId('pause-countdown').map((el) => el.dataset.secondsLeft)).toEqual([
    '10',
    '10',
  ])
  await tick(10_000)
  for (const get of view.gets.slice(2)) get.resolve(state('Paused'))
  await tick()
  expect(view.posts).toHaveLength(1)
})
