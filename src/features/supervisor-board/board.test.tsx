import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, onTestFinished, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { RECORDING_STATE_CHANGED_EVENT, RecordingAction } from '../../../protocol/wire.ts'
import {
  fakeRecordingApi,
  renderWithRuntime,
  type FakeApi,
} from '../../testing/render-with-runtime.tsx'
import { DEFAULT_PAUSE_POLICY, pausePolicies } from '../../recording-state/pause-policy.ts'
import type { SupervisorBoardProps } from './board.tsx'
import { SupervisorBoard } from './board-entry.tsx'

const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const SUPERVISOR = 'sip:supervisor@example.com'

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
}

function state(recording: RecordingStateName, overrides: Partial<CallState> = {}): CallState {
  return {
    uccName: UCC,
    correlationId: ID,
    recording,
    marking: 'None',
    saving: 'None',
    ...overrides,
  }
}

async function setup(props: Partial<SupervisorBoardProps> = {}, fake?: FakeApi) {
  vi.useFakeTimers()
  // Testing Library lets user-event's promises settle with a setTimeout(0) that it advances only
  // for Jest's fake timers; Vitest's are the same clock, so it is handed Vitest's.
  vi.stubGlobal('jest', { advanceTimersByTime: (ms: number) => vi.advanceTimersByTime(ms) })
  localStorage.clear()
  // jsdom lays nothing out: the table's scroll box gets a height so that the virtualiser renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
    configurable: true,
    get: () => 600,
  })
  onTestFinished(() => {
    delete (HTMLElement.prototype as { clientHeight?: number }).clientHeight
    vi.unstubAllGlobals()
    vi.useRealTimers()
    document.title = ''
    delete window.__boardMetrics
  })

  // The app's own runtime (query cache, live connection with its sinks) around a fake API and hub.
  const { api, gets, posts, hub, live } = await renderWithRuntime(
    <SupervisorBoard
      uccNames={[UCC]}
      correlationIds={[]}
      problems={[]}
      pauseAlertSeconds={120}
      endedCallLingerSeconds={30}
      supervisorSipUri={SUPERVISOR}
      {...props}
    />,
    fake,
  )
  const user = userEvent.setup({ delay: null })
  // The capabilities answer, and the frame that shows it.
  await act(() => vi.advanceTimersByTimeAsync(20))

  /** A hub event, applied on the next frame. */
  function emit(action: RecordingAction, correlationId = ID, uccName = UCC) {
    act(() => {
      hub.emit(RECORDING_STATE_CHANGED_EVENT, {
        UccName: uccName,
        CorrelationId: correlationId,
        StateAction: action,
      })
      vi.advanceTimersToNextFrame()
    })
  }

  /** Answers a GET and lets the board show it. */
  async function answer(index: number, value: CallState | ApiError) {
    const get = gets[index]
    if (!get) throw new Error(`GET ${index + 1} was not sent (${gets.length} sent)`)
    await act(async () => {
      if (value instanceof ApiError) get.reject(value)
      else get.resolve(value)
      await vi.advanceTimersByTimeAsync(0)
      vi.advanceTimersToNextFrame()
    })
  }

  return { api, gets, posts, hub, live, user, emit, answer }
}

function row(correlationId = ID) {
  const found = screen
    .getAllByTestId('call-row')
    .find((element) => element.dataset.correlationId === correlationId)
  if (!found) throw new Error(`no row for ${correlationId}`)
  return found
}

function shownIds() {
  return screen.queryAllByTestId('call-row').map((element) => element.dataset.correlationId)
}

test('a call appears from a live event, derived and not confirmed, until a read confirms it', async () => {
  const { emit, answer, gets } = await setup()
  expect(screen.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  expect(screen.queryAllByTestId('call-row')).toEqual([])

  emit(RecordingAction.Pause)
  const recording = within(row()).getByTestId('recording-state')
  expect(row()).toHaveAttribute('data-ucc', UCC)
  expect(recording).toHaveAttribute('data-state', 'Paused')
  expect(recording).toHaveAttribute('data-stale', 'true')
  expect(within(row()).getByTestId('marking-state')).toHaveAttribute('data-state', 'Unknown')
  expect(within(row()).getByTestId('pause-timer')).toHaveTextContent('0:00')
  expect(within(row()).getByTestId('last-action')).toHaveTextContent('Pause')
  expect(within(screen.getByTestId('event-log')).getByText('Pause')).toBeInTheDocument()
  expect(gets).toHaveLength(1)

  await answer(0, state('Paused', { marking: 'Mark' }))
  expect(within(row()).getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  expect(within(row()).getByTestId('marking-state')).toHaveAttribute('data-state', 'Mark')
  expect(within(row()).getByTestId('saving-state')).toHaveAttribute('data-state', 'None')
  expect(within(row()).getByRole('link', { name: /open the agent panel/i })).toHaveAttribute(
    'href',
    `?ucc=${UCC}&correlationId=${ID}&agent=${encodeURIComponent(SUPERVISOR)}`,
  )
})

test('events for other contact centers add nothing', async () => {
  const { emit, gets } = await setup()
  emit(RecordingAction.Pause, ID, 'ucc-other')
  expect(shownIds()).toEqual([])
  expect(screen.getByText('No events yet.')).toBeInTheDocument()
  expect(gets).toHaveLength(0)
})

test('a pause longer than the limit is highlighted, counted and put in the title', async () => {
  const { emit } = await setup({ pauseAlertSeconds: 2 })
  emit(RecordingAction.Pause)
  expect(row()).not.toHaveAttribute('data-alert')
  expect(screen.getByTestId('alert-count')).toHaveTextContent('No call paused too long')
  act(() => vi.advanceTimersByTime(2_000))
  expect(row()).not.toHaveAttribute('data-alert')
  act(() => vi.advanceTimersByTime(1_000))
  expect(row()).toHaveAttribute('data-alert', 'true')
  expect(screen.getByTestId('alert-count')).toHaveTextContent('1 paused too long')
  expect(document.title).toBe('(1) paused too long — 1d6c6a58 in ucc-demo · Recording board')
  expect(within(row()).getByTestId('pause-timer')).toHaveTextContent('0:02')

  emit(RecordingAction.Start)
  expect(row()).not.toHaveAttribute('data-alert')
  expect(document.title).toBe('Recording board')
})

test('a paused row shows its time against the pause limit of its UCC, and says when it is over (apart from the alert)', async () => {
  const policies = pausePolicies({
    ...DEFAULT_PAUSE_POLICY,
    maxPauseSeconds: 60,
    uccOverrides: { [UCC.toUpperCase()]: { maxPauseSeconds: 5 } },
  })
  const { emit } = await setup({ policies, pauseAlertSeconds: 120 })
  emit(RecordingAction.Pause)
  expect(row()).toHaveTextContent('0:05')
  expect(row()).not.toHaveAttribute('data-over-limit')
  act(() => vi.advanceTimersByTime(6_000))
  expect(row()).toHaveAttribute('data-over-limit', 'true')
  expect(within(row()).getByTestId('over-limit')).toHaveTextContent(/over limit/i)
  expect(row()).not.toHaveAttribute('data-alert')
  emit(RecordingAction.Start)
  expect(row()).not.toHaveAttribute('data-over-limit')
})

test('every version of a call the board sees is handed to the ledger, with the one before it', async () => {
  const observe = vi.fn()
  const ledger = { observe, forget: vi.fn(), ledger: new Promise<never>(() => {}) }
  const { emit } = await setup({ ledger })
  emit(RecordingAction.Pause)
  expect(observe).toHaveBeenCalledWith(
    undefined,
    expect.objectContaining({
      correlationId: ID,
      lastChange: expect.objectContaining({ source: 'other' }),
    }),
    expect.objectContaining({ actorSipUri: SUPERVISOR }),
  )
})

test('resume asks first, warning about card details; confirmed, it sends Start as the supervisor', async () => {
  const { emit, answer, user, api, posts } = await setup()
  emit(RecordingAction.Pause)
  await answer(0, state('Paused'))

  await user.click(within(row()).getByTestId('row-resume'))
  const dialog = screen.getByRole('dialog', { name: 'Resume recording of call 1d6c6a58?' })
  expect(dialog).toHaveTextContent('The agent may be taking card details right now')
  await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(api.setRecording).not.toHaveBeenCalled()

  await user.click(within(row()).getByTestId('row-resume'))
  await user.click(within(screen.getByRole('dialog')).getByTestId('confirm'))
  expect(api.setRecording).toHaveBeenCalledTimes(1)
  expect(posts[0]?.input).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Start,
    requesterSipUri: SUPERVISOR,
  })
  act(() => vi.advanceTimersToNextFrame())
  expect(within(row()).getByTestId('row-resume')).toBeDisabled()
  // The service may already have applied it: nothing is confirmed while the answer is awaited.
  expect(within(row()).getByTestId('recording-state')).toHaveAttribute('data-stale', 'true')

  await act(async () => {
    posts[0]?.resolve(state('Started'))
    await vi.advanceTimersByTimeAsync(0)
    vi.advanceTimersToNextFrame()
  })
  expect(within(row()).getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(within(row()).getByTestId('recording-state')).not.toHaveAttribute('data-stale')
  expect(within(row()).getByTestId('row-resume')).toBeDisabled()
})

test('a refused mark shows the service message verbatim, and the call is read again', async () => {
  const { emit, answer, user, posts, gets } = await setup()
  emit(RecordingAction.Start)
  await answer(0, state('Started'))

  await user.click(within(row()).getByTestId('row-mark'))
  expect(posts[0]?.input.action).toBe(RecordingAction.Mark)
  await act(async () => {
    posts[0]?.reject(
      new ApiError({
        kind: 'server',
        status: 200,
        errorType: 3,
        serverMessage: '<b>Recorder busy</b>',
      }),
    )
    await vi.advanceTimersByTimeAsync(0)
    vi.advanceTimersToNextFrame()
  })
  const alert = screen.getByRole('alert')
  expect(alert).toHaveTextContent('Mark of call 1d6c6a58 did not go through')
  expect(alert).toHaveTextContent('<b>Recorder busy</b>')
  expect(gets).toHaveLength(2)
})

test('filters and search choose the rows; longest paused first by default', async () => {
  const { emit, user } = await setup()
  emit(RecordingAction.Pause, id(1))
  act(() => vi.advanceTimersByTime(1_000))
  emit(RecordingAction.Pause, id(2))
  emit(RecordingAction.Mark, id(3))
  emit(RecordingAction.Start, id(4))
  expect(shownIds()).toEqual([id(1), id(2), id(4), id(3)])

  await user.click(screen.getByTestId('filter-paused'))
  expect(screen.getByTestId('filter-paused')).toHaveAttribute('aria-pressed', 'true')
  expect(shownIds()).toEqual([id(1), id(2)])
  await user.click(screen.getByTestId('filter-marked'))
  expect(shownIds()).toEqual([id(3)])
  await user.click(screen.getByTestId('filter-alert'))
  expect(shownIds()).toEqual([])
  expect(screen.getByText('No call matches this filter or search.')).toBeInTheDocument()

  await user.click(screen.getByTestId('filter-all'))
  await user.type(screen.getByTestId('search'), '000000000002')
  expect(shownIds()).toEqual([id(2)])
  await user.clear(screen.getByTestId('search'))
  await user.selectOptions(screen.getByTestId('sort'), 'Newest activity first')
  expect(shownIds()).toEqual([id(4), id(3), id(2), id(1)])
})

test('pasted ids: invalid ones are reported, valid ones looked up and shown, unknown ones said to be unknown', async () => {
  const { user, gets, answer } = await setup()
  await user.type(screen.getByLabelText('Add calls by correlation id'), `${ID}, not-an-id ${id(9)}`)
  await user.click(screen.getByRole('button', { name: 'Add' }))
  act(() => vi.advanceTimersToNextFrame())
  expect(screen.getByTestId('paste-problems')).toHaveTextContent('not-an-id')
  expect(screen.getByLabelText('Add calls by correlation id')).toHaveValue('not-an-id')
  expect(gets.map((get) => [get.uccName, get.correlationId])).toEqual([
    [UCC, ID],
    [UCC, id(9)],
  ])
  expect(screen.getByTestId('lookups-checking')).toHaveTextContent(
    'Looking up 2 added calls in ucc-demo',
  )

  await answer(0, state('Paused'))
  expect(within(row()).getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  expect(within(row()).getByTestId('recording-state')).not.toHaveAttribute('data-stale')

  await answer(
    1,
    new ApiError({ kind: 'server', status: 200, errorType: 2, serverMessage: 'No Audio session.' }),
  )
  expect(screen.getByTestId('lookups-not-found')).toHaveTextContent(`Not known in ${UCC}`)
  expect(screen.getByTestId('lookups-not-found')).toHaveTextContent(id(9))
  expect(JSON.parse(localStorage.getItem(`recording-board.watch-list:${UCC}`) ?? 'null')).toEqual([
    ID,
  ])
})

test('a paste of many ids is added at once and not kept in the box', async () => {
  const { user, gets } = await setup()
  const box = screen.getByLabelText('Add calls by correlation id')
  await user.click(box)
  await user.paste(Array.from({ length: 150 }, (_, n) => id(n)).join('\n') + '\nbad-one')
  act(() => vi.advanceTimersToNextFrame())
  expect(box).toHaveValue('')
  expect(screen.getByTestId('add-ids-status')).toHaveTextContent(
    'Added 0 ids, 150 still being looked up.',
  )
  expect(screen.getByTestId('paste-problems')).toHaveTextContent('bad-one')
  expect(screen.getByTestId('lookups-checking')).toHaveTextContent('Looking up 150 added calls')
  expect(gets).toHaveLength(4)
})

test('ids from the address are looked up too', async () => {
  const { gets } = await setup({ correlationIds: [id(5)] })
  expect(gets.map((get) => get.correlationId)).toEqual([id(5)])
})

test('while the hub is down every row is stale; after reconnecting each call is read again', async () => {
  const { emit, answer, hub, gets } = await setup()
  emit(RecordingAction.Pause)
  await answer(0, state('Paused'))
  expect(within(row()).getByTestId('recording-state')).not.toHaveAttribute('data-stale')

  act(() => hub.dropAndReconnect())
  expect(screen.getByTestId('hub-state')).toHaveAttribute('data-state', 'Reconnecting')
  for (const testId of ['recording-state', 'marking-state', 'saving-state']) {
    expect(within(row()).getByTestId(testId)).toHaveAttribute('data-stale', 'true')
  }

  act(() => {
    hub.reconnected()
    vi.advanceTimersToNextFrame()
  })
  expect(screen.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  expect(within(row()).getByTestId('recording-state')).toHaveAttribute('data-stale', 'true')
  expect(gets).toHaveLength(2)
  await answer(1, state('Started'))
  expect(within(row()).getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  expect(within(row()).getByTestId('recording-state')).not.toHaveAttribute('data-stale')
})

test('capabilities are read once per watched UCC; where agents may not edit, Resume and Mark are off and say why', async () => {
  const fake = fakeRecordingApi({ capabilities: { uccName: UCC, agentCanEditRecordings: false } })
  const { emit, answer } = await setup({ uccNames: [UCC, 'ucc-other'] }, fake)
  expect(fake.api.getCapabilities.mock.calls.map(([uccName]) => uccName)).toEqual([
    UCC,
    'ucc-other',
  ])
  emit(RecordingAction.Pause)
  await answer(0, state('Paused'))
  for (const testId of ['row-resume', 'row-mark']) {
    const button = within(row()).getByTestId(testId)
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute(
      'title',
      expect.stringContaining('AgentCanEditRecordings is off'),
    )
  }
  expect(fake.api.getCapabilities).toHaveBeenCalledTimes(2)
})

test('a UCC whose capabilities cannot be read is named in an alert with the service message; Resume stays available', async () => {
  const fake = fakeRecordingApi()
  fake.api.getCapabilities.mockRejectedValue(
    new ApiError({ kind: 'server', status: 200, errorType: 1, serverMessage: 'UCC not set up.' }),
  )
  const { emit, answer } = await setup({}, fake)
  const alert = screen.getByRole('alert')
  expect(alert).toHaveTextContent(`Could not check what may be changed in ${UCC}`)
  expect(alert).toHaveTextContent('UCC not set up.')
  emit(RecordingAction.Pause)
  await answer(0, state('Paused'))
  expect(within(row()).getByTestId('row-resume')).toBeEnabled()
})

test('with bench, the metrics are on window.__boardMetrics', async () => {
  const { emit } = await setup({ bench: true })
  emit(RecordingAction.Pause)
  expect(window.__boardMetrics).toMatchObject({ eventsReceived: 1, eventsApplied: 1, getsSent: 1 })
  expect(window.__boardMetrics?.eventToRowMs).toHaveLength(1)
})

test('without bench there are no metrics', async () => {
  const { emit } = await setup()
  emit(RecordingAction.Pause)
  expect(window.__boardMetrics).toBeUndefined()
})

// A shift as a supervisor lives it

test('with no supervisor SIP URI the board says why, and Resume and Mark are off', async () => {
  const { emit, answer, api } = await setup({ supervisorSipUri: '' })
  expect(screen.getByTestId('supervisor-identity')).toHaveTextContent(
    'Resume and Mark are off: the board does not know who you are',
  )
  emit(RecordingAction.Pause)
  await answer(0, state('Paused'))
  for (const action of ['row-resume', 'row-mark']) {
    const button = within(row()).getByTestId(action)
    expect(button).toBeDisabled()
    expect(button).toHaveAttribute('title', expect.stringContaining('supervisorSipUri'))
  }
  expect(within(row()).getByTestId('row-open')).toHaveAttribute(
    'href',
    `?ucc=${UCC}&correlationId=${ID}`,
  )
  expect(api.setRecording).not.toHaveBeenCalled()
})

test('the Resume dialog names who the service will record as resuming; Open opens a new tab as that supervisor', async () => {
  const { emit, answer, user } = await setup()
  expect(screen.getByTestId('supervisor-identity')).toHaveTextContent(`Acting as ${SUPERVISOR}`)
  emit(RecordingAction.Pause)
  await answer(0, state('Paused'))
  const open = within(row()).getByRole('link', {
    name: 'Open the agent panel for call 1d6c6a58 in a new tab',
  })
  expect(open).toHaveAttribute('target', '_blank')
  expect(open).toHaveAttribute('rel', 'noopener')
  expect(open.getAttribute('href')).toContain(`agent=${encodeURIComponent(SUPERVISOR)}`)
  await user.click(within(row()).getByTestId('row-resume'))
  expect(screen.getByTestId('resume-as')).toHaveTextContent(
    `Call ${ID} in ${UCC}. The service will record the resume as done by ${SUPERVISOR}`,
  )
})

test('a pause found already running reads "at least", and a row shows each of its conditions in full words', async () => {
  const { user, answer } = await setup({ pauseAlertSeconds: 1 })
  await user.type(screen.getByLabelText('Add calls by correlation id'), ID)
  await user.click(screen.getByRole('button', { name: 'Add' }))
  await answer(0, state('Paused'))
  act(() => vi.advanceTimersByTime(2_000))
  const timer = within(row()).getByTestId('pause-timer')
  expect(timer).toHaveTextContent(/^at least 0:0[12]$/)
  expect(timer).toHaveAttribute('aria-label', expect.stringMatching(/^paused for at least 0:0/))
  expect(timer).toHaveAttribute('data-exact', 'false')
  expect(within(row()).getByText('too long')).toBeInTheDocument()
  expect(within(row()).queryByText('over limit')).not.toBeInTheDocument()
  expect(within(row()).queryByText('not confirmed')).not.toBeInTheDocument()
})

test('the box for ids is open on an empty board, closes when calls come unless used, and says what adding found', async () => {
  const { emit, user, answer } = await setup()
  const toggle = screen.getByRole('button', { name: 'Add calls by id' })
  expect(toggle).toHaveAttribute('aria-expanded', 'true')
  emit(RecordingAction.Start, id(1))
  expect(toggle).toHaveAttribute('aria-expanded', 'false')
  expect(screen.queryByLabelText('Add calls by correlation id')).not.toBeInTheDocument()

  await user.click(toggle)
  expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await user.type(screen.getByLabelText('Add calls by correlation id'), `${ID} ${id(9)}`)
  await user.click(screen.getByRole('button', { name: 'Add' }))
  act(() => vi.advanceTimersToNextFrame())
  const status = screen.getByTestId('add-ids-status')
  expect(status).toHaveTextContent('Added 0 ids, 2 still being looked up.')
  await answer(1, state('Started'))
  expect(status).toHaveTextContent('Added 1 id, 1 still being looked up.')
  await answer(
    2,
    new ApiError({ kind: 'server', status: 200, errorType: 2, serverMessage: 'No session.' }),
  )
  expect(status).toHaveTextContent('Added 1 id, 1 not found.')
  // More calls do not close a box in use.
  emit(RecordingAction.Start, id(3))
  expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await user.click(toggle)
  expect(screen.queryByTestId('add-ids')).not.toBeInTheDocument()
})

test('the explanation folds away, and stays folded for the next board in this browser', async () => {
  await setup()
  const note = screen.getByTestId('board-note')
  expect(note).toHaveAttribute('open')
  await act(async () => {
    note.removeAttribute('open')
    note.dispatchEvent(new Event('toggle'))
    await vi.advanceTimersByTimeAsync(0)
  })
  expect(localStorage.getItem('recording-board.note-open')).toBe('false')
})

test('search finds calls by UCC name too', async () => {
  const { emit, user } = await setup({ uccNames: [UCC, 'ucc-sales'] })
  emit(RecordingAction.Start, id(1))
  emit(RecordingAction.Start, id(2), 'ucc-sales')
  await user.type(screen.getByRole('searchbox', { name: 'Search by id or UCC' }), 'SALES')
  expect(shownIds()).toEqual([id(2)])
})

test('each call paused too long makes one desktop notification once allowed, and is named in the title', async () => {
  const shown: { title: string; tag?: string }[] = []
  let permission: NotificationPermission = 'default'
  vi.stubGlobal(
    'Notification',
    class {
      static get permission() {
        return permission
      }
      static requestPermission() {
        permission = 'granted'
        return Promise.resolve(permission)
      }
      onclick = null
      constructor(title: string, options: NotificationOptions) {
        shown.push({ title, tag: options.tag })
      }
      close() {}
    },
  )
  const { emit, user } = await setup({ pauseAlertSeconds: 1 })
  await user.click(screen.getByRole('button', { name: 'Notify me on the desktop' }))
  await act(() => vi.advanceTimersByTimeAsync(0))
  expect(screen.getByTestId('notify-state')).toHaveTextContent('Desktop notifications on')
  emit(RecordingAction.Pause)
  act(() => vi.advanceTimersByTime(2_000))
  expect(shown).toEqual([
    { title: `Call 1d6c6a58 in ${UCC} is paused too long`, tag: `recording-board:${UCC}|${ID}` },
  ])
  expect(document.title).toBe(`(1) paused too long — 1d6c6a58 in ${UCC} · Recording board`)
  act(() => vi.advanceTimersByTime(5_000))
  expect(shown).toHaveLength(1)
  emit(RecordingAction.Start)
  emit(RecordingAction.Pause)
  act(() => vi.advanceTimersByTime(2_000))
  expect(shown).toHaveLength(2)
})

test('where this browser keeps no storage for it, the board says so', async () => {
  await setup({ remember: { indexedDB: null } } as Partial<SupervisorBoardProps>)
  await act(() => vi.advanceTimersByTimeAsync(20))
  expect(screen.getByTestId('board-memory-unavailable')).toHaveAttribute(
    'data-reason',
    'unsupported',
  )
  expect(screen.getByTestId('board-note')).toHaveTextContent(
    'Only the ids you add are kept in this browser.',
  )
})
