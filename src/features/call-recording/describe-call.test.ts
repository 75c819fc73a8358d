import { expect, test } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type {
  CallState,
  MarkingStateName,
  RecordingStateName,
  SavingStateName,
} from '../../api/schemas.ts'
import { newEntry, type CallEntry } from '../../recording-state/call-entry.ts'
import { ACTION_IDS, describeCall, type ActionId, type DescribeCallInput } from './describe-call.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

function entry(
  recording: RecordingStateName,
  marking: MarkingStateName = 'None',
  saving: SavingStateName = 'None',
  overrides: Partial<CallEntry> = {},
): CallEntry {
  const state: CallState = { uccName: 'ucc-demo', correlationId: ID, recording, marking, saving }
  return { ...newEntry(state), state, confirmed: true, ...overrides }
}

function input(overrides: Partial<DescribeCallInput> = {}): DescribeCallInput {
  return {
    entry: entry('Started'),
    stateError: null,
    hubState: 'Connected',
    capabilities: { uccName: 'ucc-demo', agentCanEditRecordings: true },
    capabilitiesSettled: true,
    actionInFlight: false,
    ...overrides,
  }
}

function allowedIds(view: ReturnType<typeof describeCall>): ActionId[] {
  return ACTION_IDS.filter((id) => view.allowed[id])
}

const noneAllowed = Object.fromEntries(ACTION_IDS.map((id) => [id, false]))

test.each<[RecordingStateName, ActionId[]]>([
  ['Uninitialized', ['mark', 'save', 'delete', 'start']],
  ['Started', ['pause', 'mark', 'save', 'delete', 'stop']],
  ['Paused', ['resume', 'mark', 'save', 'delete', 'stop']],
  ['Stopped', ['mark', 'save', 'delete', 'start']],
])('recording %s allows %j', (recording, allowed) => {
  expect(allowedIds(describeCall(input({ entry: entry(recording) })))).toEqual(allowed)
})

test.each<[MarkingStateName, ActionId[]]>([
  ['None', ['mark']],
  ['Mark', ['unmark']],
  ['Unmark', ['mark']],
  ['Unknown', []],
])('marking %s allows %j', (marking, allowed) => {
  const view = describeCall(input({ entry: entry('Started', marking) }))
  expect(allowedIds(view).filter((id) => id === 'mark' || id === 'unmark')).toEqual(allowed)
  expect(view.allowed.pause).toBe(true)
})

test.each<[SavingStateName, ActionId[]]>([
  ['None', ['save', 'delete']],
  ['Save', ['delete']],
  ['Delete', ['save']],
  ['Unknown', []],
])('saving %s allows %j', (saving, allowed) => {
  const view = describeCall(input({ entry: entry('Started', 'None', saving) }))
  expect(allowedIds(view).filter((id) => id === 'save' || id === 'delete')).toEqual(allowed)
})

test('a confirmed view shows the state as it is, not stale', () => {
  const view = describeCall(
    input({ entry: entry('Paused', 'Mark', 'Save', { pausedSince: 1_000 }) }),
  )
  expect(view).toMatchObject({
    recording: 'Paused',
    marking: 'Mark',
    saving: 'Save',
    stale: false,
    callUnknown: false,
    indicator: 'paused',
    pausedSince: 1_000,
    blockedReason: null,
  })
})

test.each<[RecordingStateName, string]>([
  ['Started', 'recording'],
  ['Paused', 'paused'],
  ['Stopped', 'stopped'],
  ['Uninitialized', 'not-started'],
  ['Unknown', 'unverified'],
])('recording %s shows indicator %s when confirmed', (recording, indicator) => {
  expect(describeCall(input({ entry: entry(recording) })).indicator).toBe(indicator)
})

test('pausedSince is given only while paused', () => {
  expect(
    describeCall(input({ entry: entry('Started', 'None', 'None', { pausedSince: 1_000 }) }))
      .pausedSince,
  ).toBeNull()
})

test('an unknown call turns everything off, whatever the last state was', () => {
  const error = new ApiError({
    kind: 'server',
    status: 200,
    errorType: 2,
    serverMessage: `No Audio session with correlation Id:'${ID}' was found.`,
  })
  const view = describeCall(input({ entry: entry('Paused'), stateError: error }))
  expect(view).toMatchObject({
    recording: 'Unknown',
    marking: 'Unknown',
    saving: 'Unknown',
    callUnknown: true,
    stale: true,
    indicator: 'call-unknown',
    pausedSince: null,
    blockedReason: 'The recording service does not know this call.',
  })
  expect(view.allowed).toEqual(noneAllowed)
})

test('capabilities false turn everything off, with the reason', () => {
  const view = describeCall(
    input({ capabilities: { uccName: 'ucc-demo', agentCanEditRecordings: false } }),
  )
  expect(view.allowed).toEqual(noneAllowed)
  expect(view.blockedReason).toBe(
    'Agents may not change recordings in this contact center (AgentCanEditRecordings is off). Ask your administrator.',
  )
  expect(view.indicator).toBe('recording')
})

test('capabilities not yet known turn everything off', () => {
  const view = describeCall(input({ capabilities: undefined, capabilitiesSettled: false }))
  expect(view.allowed).toEqual(noneAllowed)
  expect(view.blockedReason).toBe('Checking what agents may do…')
})

test('capabilities that failed to load leave the actions on', () => {
  expect(
    describeCall(input({ capabilities: undefined, capabilitiesSettled: true })).allowed.pause,
  ).toBe(true)
})

test('while an action is in flight everything is off', () => {
  const view = describeCall(input({ actionInFlight: true }))
  expect(view.allowed).toEqual(noneAllowed)
  expect(view.blockedReason).toBe('Waiting for the recording service to answer…')
})

test('an Unknown recording state turns everything off', () => {
  const view = describeCall(input({ entry: entry('Unknown') }))
  expect(view.allowed).toEqual(noneAllowed)
  expect(view.blockedReason).toBe(
    'The recorder reported a state this panel does not know; actions are off until it reports a known one.',
  )
})

test('no state yet: everything off, Unknown and stale', () => {
  const view = describeCall(input({ entry: undefined }))
  expect(view).toMatchObject({
    recording: 'Unknown',
    marking: 'Unknown',
    saving: 'Unknown',
    stale: true,
    indicator: 'unverified',
    blockedReason: 'Waiting for the recording state…',
  })
  expect(view.allowed).toEqual(noneAllowed)
})

test.each(['Connecting', 'Reconnecting', 'Disconnected'] as const)(
  'stale while the hub is %s',
  (hubState) => {
    const view = describeCall(input({ hubState, entry: entry('Paused') }))
    expect(view.stale).toBe(true)
    expect(view.indicator).toBe('unverified')
    expect(view.recording).toBe('Paused')
  },
)

test('stale while the entry awaits its GET', () => {
  const view = describeCall(input({ entry: entry('Paused', 'None', 'None', { confirmed: false }) }))
  expect(view.stale).toBe(true)
  expect(view.indicator).toBe('unverified')
})

test('stale when the last read failed', () => {
  const view = describeCall(input({ stateError: new ApiError({ kind: 'network' }) }))
  expect(view.stale).toBe(true)
  expect(view.callUnknown).toBe(false)
  expect(view.indicator).toBe('unverified')
  expect(view.recording).toBe('Started')
})
