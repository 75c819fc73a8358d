import { expect, test } from 'vitest'
import { MarkingState, RecordingAction, RecordingState } from '../protocol/wire.ts'
import { nameOf, readAction, readProperty } from './read-wire.ts'

test.each([
  [1, RecordingAction.Start],
  [3, RecordingAction.Pause],
  [7, RecordingAction.UnMark],
  ['2', RecordingAction.Stop],
  [' 5 ', RecordingAction.Delete],
  ['06', RecordingAction.Mark],
  ['Pause', RecordingAction.Pause],
  ['pause', RecordingAction.Pause],
  ['UNMARK', RecordingAction.UnMark],
  ['unMark', RecordingAction.UnMark],
  ['  save\t', RecordingAction.Save],
])('readAction(%j) is %i', (value, expected) => {
  expect(readAction(value)).toBe(expected)
})

test.each([
  0,
  8,
  -1,
  1.5,
  Number.NaN,
  '0',
  '9',
  '-1',
  '1.0',
  '1e0',
  '',
  '   ',
  'Resume',
  'Start now',
  'St art',
  'toString',
  'constructor',
  true,
  null,
  undefined,
  [1],
  { Action: 1 },
])('readAction(%j) is undefined', (value) => {
  expect(readAction(value)).toBeUndefined()
})

test('readProperty finds a key in any casing, the first of several spellings, and nothing else', () => {
  const body = { uccname: 'a', UCCName: 'b', Action: 0, requesterSipUri: null }
  expect(readProperty(body, 'UCCName')).toBe('a')
  expect(readProperty(body, 'uCCnAME')).toBe('a')
  expect(readProperty(body, 'action')).toBe(0)
  expect(readProperty(body, 'RequesterSipUri')).toBeNull()
  expect(readProperty(body, 'CorrelationId')).toBeUndefined()
  expect(readProperty(body, 'UCC')).toBeUndefined()
  expect(readProperty({}, 'toString')).toBeUndefined()
})

test('nameOf names a value of the given enumeration, and nothing outside it', () => {
  expect(nameOf(RecordingState, 3)).toBe('Paused')
  expect(nameOf(MarkingState, 2)).toBe('Unmark')
  expect(nameOf(RecordingAction, 7)).toBe('UnMark')
  expect(nameOf(RecordingState, 4)).toBeUndefined()
  expect(nameOf(RecordingState, '1')).toBeUndefined()
  expect(nameOf(RecordingState, undefined)).toBeUndefined()
})
