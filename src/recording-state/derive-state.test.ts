import { expect, test } from 'vitest'
import type { CallState, RecordingStateName } from '../api/schemas.ts'
import { RecordingAction } from '../../protocol/wire.ts'
import { actionsBetween, deriveState, showsEffectOf } from './derive-state.ts'

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const { Start, Stop, Pause, Save, Delete, Mark, UnMark } = RecordingAction

function state(recording: RecordingStateName, overrides: Partial<CallState> = {}): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None', ...overrides }
}

// deriveState

test.each<[RecordingAction | undefined, Partial<CallState>]>([
  [Start, { recording: 'Started' }],
  [Stop, { recording: 'Stopped' }],
  [Pause, { recording: 'Paused' }],
  [Save, { saving: 'Save' }],
  [Delete, { saving: 'Delete' }],
  [Mark, { marking: 'Mark' }],
  [UnMark, { marking: 'Unmark' }],
  [undefined, {}],
])('deriveState for action %s changes only %j', (action, change) => {
  const before = state('Uninitialized', { marking: 'Unmark', saving: 'None' })
  expect(deriveState(before, action)).toEqual({ ...before, ...change })
})

// "Success" without effect

test.each<[RecordingAction, RecordingStateName, boolean]>([
  [Pause, 'Paused', true],
  [Pause, 'Started', false],
  [Start, 'Started', true],
  [Stop, 'Paused', false],
])('showsEffectOf(%s) in %s is %s', (action, recording, expected) => {
  expect(showsEffectOf(state(recording), action)).toBe(expected)
})

test('actionsBetween names each field that changed to a known value', () => {
  expect(actionsBetween(state('Started'), state('Paused', { saving: 'Delete' }))).toEqual([
    Pause,
    Delete,
  ])
  expect(actionsBetween(state('Started'), state('Unknown', { marking: 'Unmark' }))).toEqual([
    UnMark,
  ])
  expect(actionsBetween(state('Paused'), state('Paused'))).toEqual([])
})
