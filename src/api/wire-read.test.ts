import { expect, test } from 'vitest'
import {
  ErrorType,
  MarkingState,
  RecordingAction,
  RecordingState,
  SavingState,
} from '../../protocol/wire.ts'
import { canonicalKeys, readAction, readEnum } from './wire-read.ts'

const KEYS = ['CorrelationId', 'UCCName', 'RecordingState', 'ErrorMessage']

test('canonicalKeys renames any casing to the canonical spelling and drops other keys', () => {
  expect(
    canonicalKeys({ correlationId: 'a', uccname: 'b', RECORDINGSTATE: 1, extra: true }, KEYS),
  ).toEqual({
    CorrelationId: 'a',
    UCCName: 'b',
    RecordingState: 1,
  })
})

test('canonicalKeys prefers the exact spelling whichever comes first', () => {
  expect(canonicalKeys({ RecordingState: 1, recordingState: 3 }, KEYS)).toEqual({
    RecordingState: 1,
  })
  expect(canonicalKeys({ recordingState: 3, RecordingState: 1 }, KEYS)).toEqual({
    RecordingState: 1,
  })
})

test('canonicalKeys keeps the first of two other spellings', () => {
  expect(canonicalKeys({ recordingState: 3, RECORDINGSTATE: 2 }, KEYS)).toEqual({
    RecordingState: 3,
  })
})

test('canonicalKeys returns what is not a plain object unchanged', () => {
  const array = [{ recordingState: 1 }]
  expect(canonicalKeys(array, KEYS)).toBe(array)
  expect(canonicalKeys(null, KEYS)).toBeNull()
  expect(canonicalKeys('Started', KEYS)).toBe('Started')
  expect(canonicalKeys(3, KEYS)).toBe(3)
  expect(canonicalKeys(undefined, KEYS)).toBeUndefined()
})

test('readEnum reads numbers within the enumeration', () => {
  expect(readEnum(RecordingState, 0)).toBe('Uninitialized')
  expect(readEnum(RecordingState, 1)).toBe('Started')
  expect(readEnum(RecordingState, 2)).toBe('Stopped')
  expect(readEnum(RecordingState, 3)).toBe('Paused')
  expect(readEnum(MarkingState, 2)).toBe('Unmark')
  expect(readEnum(SavingState, 2)).toBe('Delete')
})

test('readEnum reads names in any casing and numeric strings', () => {
  expect(readEnum(RecordingState, 'Paused')).toBe('Paused')
  expect(readEnum(RecordingState, 'PAUSED')).toBe('Paused')
  expect(readEnum(MarkingState, 'unmark')).toBe('Unmark')
  expect(readEnum(RecordingState, '3')).toBe('Paused')
  expect(readEnum(SavingState, '0')).toBe('None')
})

test.each([
  4,
  -1,
  1.5,
  Number.NaN,
  '4',
  '-1',
  '',
  'Resumed',
  'Unknown',
  true,
  null,
  undefined,
  {},
  [3],
])('readEnum gives undefined for %j', (value) => {
  expect(readEnum(RecordingState, value)).toBeUndefined()
})

test('readEnum ignores surrounding spaces, as the hub event reader always did', () => {
  expect(readEnum(RecordingState, ' 3 ')).toBe('Paused')
  expect(readEnum(MarkingState, ' mark\n')).toBe('Mark')
})

test('readEnum reads the error types too', () => {
  expect(readEnum(ErrorType, 'processing')).toBe('Processing')
  expect(readEnum(ErrorType, 2)).toBe('Validation')
})

test.each([
  [3, RecordingAction.Pause],
  ['Pause', RecordingAction.Pause],
  ['unmark', RecordingAction.UnMark],
  ['7', RecordingAction.UnMark],
  [0, undefined],
  [8, undefined],
  ['Resume', undefined],
  [null, undefined],
])('readAction(%j) is %s', (value, expected) => {
  expect(readAction(value)).toBe(expected)
})
