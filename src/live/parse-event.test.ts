import { expect, test } from 'vitest'
import { RecordingAction } from '../../protocol/wire.ts'
import { parseRecordingEvent } from './parse-event.ts'

const UCC = 'ucc-demo'
const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

test('one PascalCase object', () => {
  expect(parseRecordingEvent([{ UccName: UCC, CorrelationId: ID, StateAction: 3 }])).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Pause,
  })
})

test('one camelCase object', () => {
  expect(parseRecordingEvent([{ uccName: UCC, correlationId: ID, stateAction: 1 }])).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Start,
  })
})

test('other casings of the keys', () => {
  expect(parseRecordingEvent([{ UCCName: UCC, correlationID: ID, STATEACTION: 2 }])).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Stop,
  })
  expect(parseRecordingEvent([{ uccname: UCC, correlationid: ID, stateaction: 6 }])).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Mark,
  })
})

test('three positional arguments', () => {
  expect(parseRecordingEvent([UCC, ID, 7])).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.UnMark,
  })
})

test('StateAction as a name in any casing', () => {
  expect(
    parseRecordingEvent([{ UccName: UCC, CorrelationId: ID, StateAction: 'Pause' }])?.action,
  ).toBe(RecordingAction.Pause)
  expect(parseRecordingEvent([UCC, ID, 'unmark'])?.action).toBe(RecordingAction.UnMark)
  expect(parseRecordingEvent([UCC, ID, 'DELETE'])?.action).toBe(RecordingAction.Delete)
})

test('StateAction as a numeric string', () => {
  expect(parseRecordingEvent([{ UccName: UCC, CorrelationId: ID, StateAction: '4' }])?.action).toBe(
    RecordingAction.Save,
  )
  expect(parseRecordingEvent([UCC, ID, ' 5 '])?.action).toBe(RecordingAction.Delete)
})

test.each([0, 8, -1, 3.5, 'Resume', '', '9', null, undefined, { value: 3 }])(
  'an unknown StateAction (%j) keeps the event with action undefined',
  (stateAction) => {
    expect(
      parseRecordingEvent([{ UccName: UCC, CorrelationId: ID, StateAction: stateAction }]),
    ).toEqual({
      uccName: UCC,
      correlationId: ID,
      action: undefined,
    })
  },
)

test('a missing StateAction keeps the event with action undefined', () => {
  expect(parseRecordingEvent([{ UccName: UCC, CorrelationId: ID }])).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: undefined,
  })
})

test('ids are trimmed', () => {
  expect(
    parseRecordingEvent([{ UccName: ` ${UCC} `, CorrelationId: `${ID}\n`, StateAction: 3 }]),
  ).toEqual({
    uccName: UCC,
    correlationId: ID,
    action: RecordingAction.Pause,
  })
})

test.each([
  ['no UccName', { CorrelationId: ID, StateAction: 3 }],
  ['no CorrelationId', { UccName: UCC, StateAction: 3 }],
  ['an empty UccName', { UccName: '', CorrelationId: ID, StateAction: 3 }],
  ['a blank CorrelationId', { UccName: UCC, CorrelationId: '   ', StateAction: 3 }],
  ['a numeric CorrelationId', { UccName: UCC, CorrelationId: 42, StateAction: 3 }],
  ['a null UccName', { UccName: null, CorrelationId: ID, StateAction: 3 }],
])('an object with %s is undefined', (_name, event) => {
  expect(parseRecordingEvent([event])).toBeUndefined()
})

test('positional arguments with an empty id are undefined', () => {
  expect(parseRecordingEvent(['', ID, 3])).toBeUndefined()
  expect(parseRecordingEvent([UCC, '', 3])).toBeUndefined()
  expect(parseRecordingEvent([UCC, 42, 3])).toBeUndefined()
})

test('a non-object first argument with fewer than three arguments is undefined', () => {
  expect(parseRecordingEvent([UCC, ID])).toBeUndefined()
  expect(parseRecordingEvent([UCC])).toBeUndefined()
  expect(parseRecordingEvent([3])).toBeUndefined()
  expect(parseRecordingEvent([])).toBeUndefined()
})

test('arrays and null are undefined', () => {
  expect(parseRecordingEvent([[UCC, ID, 3]])).toBeUndefined()
  expect(parseRecordingEvent([null])).toBeUndefined()
  expect(parseRecordingEvent([null, ID, 3])).toBeUndefined()
  expect(parseRecordingEvent([[UCC], ID, 3])).toBeUndefined()
})
