import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeAll, expect, test } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { CallState, Capabilities, RecordingStateName } from '../../api/schemas.ts'
import { RECORDING_STATE_CHANGED_EVENT, RecordingAction } from '../../../protocol/wire.ts'
import { fakeRecordingApi, nth, renderWithRuntime } from '../../testing/render-with-runtime.tsx'
import { CallPanel } from './call-panel.tsx'

const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const AGENT = 'sip:agent@example.com'
const NO_SESSION = `No Audio session with correlation Id:'${ID}' was found.`
const NOT_CONFIRMED = /recording state not confirmed — do not take card details/i
// Every action's test id: each is in the page, disabled when not offered (Start or Resume hidden).
const ACTION_IDS = ['pause', 'resume', 'mark', 'unmark', 'save', 'delete', 'start', 'stop']

function callState(recording: RecordingStateName, overrides: Partial<CallState> = {}): CallState {
  return {
    uccName: UCC,
    correlationId: ID,
    recording,
    marking: 'None',
    saving: 'None',
    ...overrides,
  }
}

// The panel's after-paint parts are a lazy chunk: load its module once, up front.
beforeAll(async () => {
  await import('./panel-extras.tsx')
})

async function setup(options: { capabilities?: Capabilities; delay?: number | null } = {}) {
  const user = userEvent.setup({ delay: options.delay === undefined ? 0 : options.delay })
  const view = await renderWithRuntime(
    <CallPanel
      call={{ uccName: UCC, correlationId: ID }}
      requesterSipUri={AGENT}
      pauseAlertSeconds={120}
    />,
    fakeRecordingApi({ capabilities: options.capabilities }),
  )
  // The panel reads its call as it mounts; React may commit that a moment later under load.
  await waitFor(() => expect(view.gets).toHaveLength(1))
  return { ...view, user }
}

/** Renders and answers the first GET: a confirmed call in `recording`. */
async function setupConfirmed(
  recording: RecordingStateName = 'Started',
  options: Parameters<typeof setup>[0] = {},
) {
  const harness = await setup(options)
  nth(harness.gets, 0).resolve(callState(recording))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', recording),
  )
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  return harness
}

function stateElements() {
  return ['recording-state', 'marking-state', 'saving-state'].map((testId) =>
    screen.getByTestId(testId),
  )
}

function pauseEvent(stateAction: unknown = RecordingAction.Pause, correlationId = ID) {
  return { uccName: UCC, correlationId, stateAction }
}

test('before the first read: Unknown, stale, and the not-confirmed warning', async () => {
  const { api } = await setup()
  for (const element of stateElements()) {
    expect(element).toHaveAttribute('data-state', 'Unknown')
    expect(element).toHaveAttribute('data-stale', 'true')
  }
  expect(screen.getByTestId('recorder-indicator')).toHaveTextContent(NOT_CONFIRMED)
  expect(screen.getByRole('heading', { name: 'Not confirmed' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Pause' })).toBeDisabled()
  expect(api.getState).toHaveBeenCalledTimes(1)
  expect(api.getState).toHaveBeenCalledWith(UCC, ID, expect.any(AbortSignal))
})

test('a confirmed read shows the three states without data-stale', async () => {
  const { gets } = await setup()
  nth(gets, 0).resolve(callState('Paused', { marking: 'Mark', saving: 'Save' }))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused'),
  )
  const [recording, marking, saving] = stateElements()
  expect(marking).toHaveAttribute('data-state', 'Mark')
  expect(saving).toHaveAttribute('data-state', 'Save')
  for (const element of [recording, marking, saving])
    expect(element).not.toHaveAttribute('data-stale')
  expect(screen.getByRole('heading', { name: 'Paused' })).toBeInTheDocument()
  expect(screen.getByTestId('recorder-indicator')).not.toHaveTextContent(NOT_CONFIRMED)
  expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled()
  expect(screen.getByRole('button', { name: 'Pause' })).toBeDisabled()
})

test('an event for this call patches the state at once, unconfirmed, and a GET then confirms it', async () => {
  const { api, gets, hub } = await setupConfirmed('Started')
  act(() =>
    hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent(RecordingAction.Pause, ID.toUpperCase())),
  )
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused'),
  )
  for (const element of stateElements()) expect(element).toHaveAttribute('data-stale', 'true')
  expect(screen.getByTestId('recorder-indicator')).toHaveTextContent(NOT_CONFIRMED)
  expect(screen.queryByRole('heading', { name: 'Paused' })).not.toBeInTheDocument()
  expect(api.getState).toHaveBeenCalledTimes(2)

  nth(gets, 1).resolve(callState('Paused'))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale'),
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  expect(screen.getByRole('heading', { name: 'Paused' })).toBeInTheDocument()
})

test('an event for another call changes nothing and sends no GET', async () => {
  const { api, hub } = await setupConfirmed('Started')
  act(() => {
    hub.emit(
      RECORDING_STATE_CHANGED_EVENT,
      pauseEvent(RecordingAction.Pause, '00000000-0000-4000-8000-000000000000'),
    )
    hub.emit(RECORDING_STATE_CHANGED_EVENT, {
      uccName: 'other-ucc',
      correlationId: ID,
      stateAction: 3,
    })
  })
  expect(api.getState).toHaveBeenCalledTimes(1)
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')

  // The same event for this call does send one: the two above were really ignored.
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent()))
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))
})

test('a late Pause event after a confirmed Started: the GET decides, and says Started', async () => {
  const { gets, hub } = await setupConfirmed('Started')
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent()))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-stale', 'true'),
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')

  nth(gets, 1).resolve(callState('Started'))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started'),
  )
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  expect(screen.getByRole('heading', { name: 'Recording' })).toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Pause' })).toBeEnabled()
})

test('Pause: "Pausing…" and disabled while in flight, Paused shown only once the POST answers', async () => {
  const { api, posts, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  expect(api.setRecording).toHaveBeenCalledTimes(1)
  expect(api.setRecording).toHaveBeenCalledWith({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Pause,
    requesterSipUri: AGENT,
  })
  expect(await screen.findByRole('button', { name: 'Pausing…' })).toBeDisabled()
  expect(screen.getByRole('button', { name: 'Stop' })).toBeDisabled()
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(screen.queryByRole('heading', { name: 'Paused' })).not.toBeInTheDocument()

  nth(posts, 0).resolve(callState('Paused'))
  expect(await screen.findByRole('heading', { name: 'Paused' })).toBeInTheDocument()
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  expect(screen.getByRole('button', { name: 'Pause' })).toBeDisabled()
  expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled()
  expect(api.getState).toHaveBeenCalledTimes(1)
})

test('a double click on Pause sends one request', async () => {
  const { api, user } = await setupConfirmed('Started', { delay: null })
  await user.dblClick(screen.getByRole('button', { name: 'Pause' }))
  expect(await screen.findByRole('button', { name: 'Pausing…' })).toBeDisabled()
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

test('two clicks before React re-renders still send one request', async () => {
  const { api, posts } = await setupConfirmed('Started')
  const pause = screen.getByRole('button', { name: 'Pause' })
  // Inside one act() React does not re-render between the clicks: the button is still enabled for the second.
  act(() => {
    pause.click()
    pause.click()
  })
  expect(await screen.findByRole('button', { name: 'Pausing…' })).toBeDisabled()
  // A second request would wait in the mutation scope until the first settles: let the first settle.
  nth(posts, 0).resolve(callState('Paused'))
  await waitFor(() => expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled())
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

test('a POST answer without a state is confirmed by a GET before Paused is shown', async () => {
  const { api, gets, posts, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  nth(posts, 0).resolve(undefined)
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))
  expect(screen.getByRole('button', { name: 'Pausing…' })).toBeDisabled()
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')

  nth(gets, 1).resolve(callState('Paused'))
  expect(await screen.findByRole('heading', { name: 'Paused' })).toBeInTheDocument()
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled()
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

test('a GET that overlapped a confirmed POST answer is not trusted: no confirmed Paused from an old read', async () => {
  const { api, gets, posts, hub, user, queryClient } = await setupConfirmed('Paused')
  await user.click(screen.getByRole('button', { name: 'Resume' }))
  expect(api.setRecording).toHaveBeenLastCalledWith(
    expect.objectContaining({ action: RecordingAction.Start }),
  )
  // The echo of the panel's own Start is only noted: it sends no GET.
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent(RecordingAction.Start)))
  expect(api.getState).toHaveBeenCalledTimes(1)
  // The slow confirmation poll fires during the POST: its GET will overlap the POST's answer.
  act(() => void queryClient.refetchQueries({ queryKey: ['recording'] }))
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))

  nth(posts, 0).resolve(callState('Started'))
  expect(await screen.findByRole('heading', { name: 'Recording' })).toBeInTheDocument()
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')

  // The GET sent for the event answers late, with what the recorder was before the POST.
  nth(gets, 1).resolve(callState('Paused'))
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(3))
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(screen.queryByRole('heading', { name: 'Paused' })).not.toBeInTheDocument()

  nth(gets, 2).resolve(callState('Started'))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale'),
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
})

test('an event for another action during the POST: the GET decides, not the POST answer', async () => {
  const { api, gets, posts, hub, user } = await setupConfirmed('Paused')
  await user.click(screen.getByRole('button', { name: 'Resume' }))
  // Meanwhile a payment system pauses the recorder (again).
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent(RecordingAction.Pause)))
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))

  nth(posts, 0).resolve(callState('Started'))
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(3))
  expect(screen.queryByRole('heading', { name: 'Recording' })).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Resuming…' })).toBeDisabled()

  nth(gets, 2).resolve(callState('Paused'))
  expect(await screen.findByRole('heading', { name: 'Paused' })).toBeInTheDocument()
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled()
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

test('a failed POST shows the server message verbatim, shows no Paused and re-reads instead of retrying', async () => {
  const { api, gets, posts, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  const message = "Recorder for call '1d6c6a58' is busy; the request was not applied."
  nth(posts, 0).reject(
    new ApiError({ kind: 'server', status: 200, errorType: 3, serverMessage: message }),
  )

  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('Pause did not go through')
  expect(alert).toHaveTextContent(message)
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(screen.queryByRole('heading', { name: 'Paused' })).not.toBeInTheDocument()

  nth(gets, 1).resolve(callState('Started'))
  await waitFor(() => expect(screen.getByRole('button', { name: 'Pause' })).toBeEnabled())
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(screen.getByRole('alert')).toHaveTextContent(message)
  expect(api.setRecording).toHaveBeenCalledTimes(1)
})

test('hostile text in a server message is shown as text, never as HTML', async () => {
  const { posts, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  const hostile = '<img src=x onerror=alert(1)>'
  nth(posts, 0).reject(
    new ApiError({ kind: 'server', status: 400, errorType: 2, serverMessage: hostile }),
  )
  expect(await screen.findByRole('alert')).toHaveTextContent(hostile)
  expect(screen.queryByRole('img')).not.toBeInTheDocument()
})

test('Stop asks first: Cancel sends nothing, confirming sends Stop', async () => {
  const { api, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Stop' }))
  const dialog = await screen.findByRole('dialog', { name: 'Stop the recording?' })
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(api.setRecording).not.toHaveBeenCalled()

  await user.click(screen.getByRole('button', { name: 'Stop' }))
  await user.click(
    within(await screen.findByRole('dialog', { name: 'Stop the recording?' })).getByTestId(
      'confirm',
    ),
  )
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(api.setRecording).toHaveBeenCalledTimes(1)
  expect(api.setRecording).toHaveBeenCalledWith(
    expect.objectContaining({ action: RecordingAction.Stop }),
  )
})

test('Delete asks first: Escape cancels, confirming sends Delete', async () => {
  const { api, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Delete' }))
  expect(await screen.findByRole('dialog', { name: 'Delete the recording?' })).toBeInTheDocument()
  await user.keyboard('{Escape}')
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(api.setRecording).not.toHaveBeenCalled()

  await user.click(screen.getByRole('button', { name: 'Delete' }))
  await user.click(screen.getByTestId('confirm'))
  expect(api.setRecording).toHaveBeenCalledTimes(1)
  expect(api.setRecording).toHaveBeenCalledWith(
    expect.objectContaining({ action: RecordingAction.Delete }),
  )
})

test('Ctrl+Shift+2 pauses, then resumes', async () => {
  const { api, posts, user } = await setupConfirmed('Started')
  await user.keyboard('{Control>}{Shift>}2{/Shift}{/Control}')
  expect(api.setRecording).toHaveBeenCalledTimes(1)
  expect(api.setRecording).toHaveBeenLastCalledWith(
    expect.objectContaining({ action: RecordingAction.Pause }),
  )

  nth(posts, 0).resolve(callState('Paused'))
  await waitFor(() => expect(screen.getByRole('button', { name: 'Resume' })).toBeEnabled())
  await user.keyboard('{Control>}{Shift>}2{/Shift}{/Control}')
  expect(api.setRecording).toHaveBeenCalledTimes(2)
  expect(api.setRecording).toHaveBeenLastCalledWith(
    expect.objectContaining({ action: RecordingAction.Start }),
  )
})

test('Ctrl+2 without Shift does nothing', async () => {
  const { api, user } = await setupConfirmed('Started')
  await user.keyboard('{Control>}2{/Control}')
  expect(api.setRecording).not.toHaveBeenCalled()
})

test('when agents may not edit recordings every action is off and the reason is shown', async () => {
  await setupConfirmed('Started', { capabilities: { uccName: UCC, agentCanEditRecordings: false } })
  expect(await screen.findByText(/AgentCanEditRecordings is off/)).toBeInTheDocument()
  for (const id of ACTION_IDS) expect(screen.getByTestId(`action-${id}`)).toBeDisabled()
})

test('an unknown call: says so with the server message verbatim, every action off', async () => {
  const { gets } = await setup()
  nth(gets, 0).reject(
    new ApiError({ kind: 'server', status: 200, errorType: 2, serverMessage: NO_SESSION }),
  )
  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('Call not found')
  expect(alert).toHaveTextContent(NO_SESSION)
  expect(screen.getByRole('heading', { name: 'Call not found' })).toBeInTheDocument()
  expect(screen.getByTestId('recorder-indicator')).toHaveTextContent(/does not know this call/)
  for (const id of ACTION_IDS) expect(screen.getByTestId(`action-${id}`)).toBeDisabled()
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Unknown')
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-stale', 'true')
})

test('while the hub reconnects everything is stale; after it reconnects the state is re-read', async () => {
  const { api, gets, hub } = await setupConfirmed('Paused')
  expect(screen.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  act(() => hub.dropAndReconnect())
  expect(screen.getByTestId('hub-state')).toHaveAttribute('data-state', 'Reconnecting')
  for (const element of stateElements()) expect(element).toHaveAttribute('data-stale', 'true')
  expect(screen.getByTestId('recorder-indicator')).toHaveTextContent(NOT_CONFIRMED)
  expect(screen.queryByRole('heading', { name: 'Paused' })).not.toBeInTheDocument()
  expect(api.getState).toHaveBeenCalledTimes(1)

  act(() => hub.reconnected())
  expect(screen.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-stale', 'true')

  nth(gets, 1).resolve(callState('Started'))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started'),
  )
  for (const element of stateElements()) expect(element).not.toHaveAttribute('data-stale')
})

test('while Resume is in flight, Paused is no longer shown as confirmed (the service may already have resumed)', async () => {
  const { posts, user } = await setupConfirmed('Paused')
  await user.click(screen.getByRole('button', { name: 'Resume' }))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-stale', 'true'),
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  expect(screen.getByTestId('recorder-indicator')).toHaveTextContent(NOT_CONFIRMED)
  nth(posts, 0).resolve(callState('Started'))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started'),
  )
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')
})

test('a "success" that did not take effect is said plainly', async () => {
  const { gets, posts, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  nth(posts, 0).resolve(undefined)
  await waitFor(() => expect(gets).toHaveLength(2))
  nth(gets, 1).resolve(callState('Started'))
  const alert = await screen.findByRole('alert')
  expect(alert).toHaveTextContent('Pause did not go through')
  expect(alert).toHaveTextContent('accepted Pause, but a fresh read shows the recorder Started')
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
})

test('the echo of the panel own action is shown at once, unconfirmed, with no GET; the POST answer confirms it', async () => {
  const { api, posts, hub, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent(RecordingAction.Pause)))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused'),
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-stale', 'true')
  expect(screen.getByRole('heading', { name: 'Not confirmed' })).toBeInTheDocument()
  nth(posts, 0).resolve(callState('Paused'))
  expect(await screen.findByRole('heading', { name: 'Paused' })).toBeInTheDocument()
  expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  expect(api.getState).toHaveBeenCalledTimes(1)
})

test('after a failed POST whose echo arrived, the state is unconfirmed until re-read', async () => {
  const { api, gets, posts, hub, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent(RecordingAction.Pause)))
  nth(posts, 0).reject(new ApiError({ kind: 'http', status: 502 }))
  await screen.findByRole('alert')
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-stale', 'true')
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))
  nth(gets, 1).resolve(callState('Paused'))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale'),
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
})

test('a POST answer is not trusted when the hub dropped during the flight: events may be lost, a GET decides', async () => {
  const { api, gets, posts, hub, user } = await setupConfirmed('Started')
  await user.click(screen.getByRole('button', { name: 'Pause' }))
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent(RecordingAction.Pause)))
  // The hub drops; another party's Start is lost in the gap; the hub comes back and re-reads.
  act(() => hub.dropAndReconnect())
  act(() => hub.reconnected())
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))
  nth(gets, 1).resolve(callState('Started'))
  // The slow POST answer arrives last, with the state as it was when the pause was applied.
  nth(posts, 0).resolve(callState('Paused'))
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(3))
  expect(screen.queryByRole('heading', { name: 'Paused' })).not.toBeInTheDocument()
  nth(gets, 2).resolve(callState('Started'))
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale'),
  )
  expect(screen.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
})

test('two panels for the same call apply an event once: one change, one GET', async () => {
  const panel = (
    <CallPanel
      call={{ uccName: UCC, correlationId: ID }}
      requesterSipUri={AGENT}
      pauseAlertSeconds={120}
    />
  )
  const { api, gets, hub, queryClient } = await renderWithRuntime(
    <>
      {panel}
      {panel}
    </>,
  )
  nth(gets, 0).resolve(callState('Started'))
  await waitFor(() =>
    expect(screen.getAllByTestId('recording-state')[1]).not.toHaveAttribute('data-stale'),
  )
  expect(api.getState).toHaveBeenCalledTimes(1)
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent()))
  await waitFor(() => expect(api.getState).toHaveBeenCalledTimes(2))
  const [entry] = queryClient.getQueryCache().findAll({ queryKey: ['recording'] })
  expect(entry?.state.data).toMatchObject({ eventSeq: 1, state: { recording: 'Paused' } })
  nth(gets, 1).resolve(callState('Paused'))
  await waitFor(() => {
    for (const element of screen.getAllByTestId('recording-state')) {
      expect(element).toHaveAttribute('data-state', 'Paused')
      expect(element).not.toHaveAttribute('data-stale')
    }
  })
  expect(api.getState).toHaveBeenCalledTimes(2)
})

test('a pause found already running is timed as a lower bound ("at least")', async () => {
  await setupConfirmed('Paused')
  const timer = screen.getByTestId('pause-timer')
  expect(timer).toHaveTextContent(/^≥ 0:0\d$/)
  expect(timer).toHaveAccessibleName(/^paused for at least 0:0\d$/)
})

test('a pause seen as it began is timed exactly', async () => {
  const { hub, gets } = await setupConfirmed('Started')
  act(() => hub.emit(RECORDING_STATE_CHANGED_EVENT, pauseEvent()))
  await waitFor(() => expect(gets).toHaveLength(2))
  nth(gets, 1).resolve(callState('Paused'))
  const timer = await screen.findByTestId('pause-timer')
  await waitFor(() =>
    expect(screen.getByTestId('recording-state')).not.toHaveAttribute('data-stale'),
  )
  expect(timer).toHaveTextContent(/^0:0\d$/)
})

test.each<[RecordingStateName, 'start' | 'resume']>([
  ['Paused', 'resume'],
  ['Started', 'resume'],
  ['Stopped', 'start'],
  ['Uninitialized', 'start'],
])(
  'Start and Resume both send Start: in %s only %s is offered, the other is hidden and disabled',
  async (recording, offered) => {
    await setupConfirmed(recording)
    const other = offered === 'start' ? 'resume' : 'start'
    expect(screen.getByTestId(`action-${offered}`)).toBeVisible()
    expect(screen.getByTestId(`action-${other}`)).not.toBeVisible()
    expect(screen.getByTestId(`action-${other}`)).toBeDisabled()
    expect(screen.getByTestId(`action-${offered}`)).toHaveProperty(
      'disabled',
      recording === 'Started',
    )
  },
)
