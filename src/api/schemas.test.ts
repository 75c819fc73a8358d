import { expect, test } from 'vitest'
import {
  canonicalKeys,
  enumName,
  parseCapabilitiesResponse,
  parseErrorMessage,
  parseStateResponse,
} from './schemas.ts'
import { ErrorType, MarkingState, RecordingState, SavingState } from './wire.ts'

const KEYS = ['CorrelationId', 'UCCName', 'RecordingState', 'ErrorMessage']
const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }

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

test('enumName reads numbers within the enumeration', () => {
  expect(enumName(RecordingState, 0)).toBe('Uninitialized')
  expect(enumName(RecordingState, 1)).toBe('Started')
  expect(enumName(RecordingState, 2)).toBe('Stopped')
  expect(enumName(RecordingState, 3)).toBe('Paused')
  expect(enumName(MarkingState, 2)).toBe('Unmark')
  expect(enumName(SavingState, 2)).toBe('Delete')
})

test('enumName reads names in any casing and numeric strings', () => {
  expect(enumName(RecordingState, 'Paused')).toBe('Paused')
  expect(enumName(RecordingState, 'PAUSED')).toBe('Paused')
  expect(enumName(MarkingState, 'unmark')).toBe('Unmark')
  expect(enumName(RecordingState, '3')).toBe('Paused')
  expect(enumName(SavingState, '0')).toBe('None')
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
])('enumName gives Unknown for %j', (value) => {
  expect(enumName(RecordingState, value)).toBe('Unknown')
})

test('parseErrorMessage reads a PascalCase ErrorMessage', () => {
  expect(
    parseErrorMessage({ ErrorMessage: { ErrorType: 1, Message: 'Recording is not configured.' } }),
  ).toEqual({
    errorType: 1,
    message: 'Recording is not configured.',
  })
})

test('parseErrorMessage reads camelCase outer and inner keys', () => {
  expect(parseErrorMessage({ errorMessage: { errorType: 3, message: 'Recorder busy.' } })).toEqual({
    errorType: 3,
    message: 'Recorder busy.',
  })
})

test('parseErrorMessage reads an ErrorType given by name or as a numeric string', () => {
  expect(parseErrorMessage({ ErrorMessage: { ErrorType: 'Validation', Message: 'x' } })).toEqual({
    errorType: ErrorType.Validation,
    message: 'x',
  })
  expect(parseErrorMessage({ ErrorMessage: { ErrorType: '3', Message: 'x' } })).toEqual({
    errorType: 3,
    message: 'x',
  })
})

test('parseErrorMessage gives undefined when there is no ErrorMessage object', () => {
  expect(parseErrorMessage({ ErrorMessage: null })).toBeUndefined()
  expect(parseErrorMessage({ RecordingState: 1 })).toBeUndefined()
  expect(parseErrorMessage({ ErrorMessage: 'Something failed' })).toBeUndefined()
  expect(parseErrorMessage(null)).toBeUndefined()
  expect(parseErrorMessage('Internal Server Error')).toBeUndefined()
  expect(parseErrorMessage([{ ErrorMessage: { ErrorType: 1, Message: 'x' } }])).toBeUndefined()
})

test('parseStateResponse keeps a state sent with an ErrorMessage apart from the error', () => {
  expect(
    parseStateResponse(
      {
        RecordingState: 0,
        MarkingState: 0,
        SavingState: 0,
        ErrorMessage: { ErrorType: 2, Message: 'No session.' },
      },
      CALL,
    ),
  ).toEqual({
    value: { ...CALL, recording: 'Uninitialized', marking: 'None', saving: 'None' },
    error: { errorType: 2, message: 'No session.' },
  })
})

test('parseStateResponse gives undefined without a RecordingState or an ErrorMessage', () => {
  expect(parseStateResponse({ MarkingState: 1, SavingState: 1 }, CALL)).toBeUndefined()
  expect(parseStateResponse({ RecordingState: null }, CALL)).toBeUndefined()
})

test('parseCapabilitiesResponse reads the flag and needs it to be a boolean', () => {
  expect(parseCapabilitiesResponse({ AgentCanEditRecordings: true }, 'ucc-demo')).toEqual({
    value: { uccName: 'ucc-demo', agentCanEditRecordings: true },
    error: null,
  })
  expect(parseCapabilitiesResponse({ AgentCanEditRecordings: 'true' }, 'ucc-demo')).toBeUndefined()
  expect(parseCapabilitiesResponse({ UCCName: 'ucc-demo' }, 'ucc-demo')).toBeUndefined()
})
