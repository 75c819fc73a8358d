import { expect, test } from 'vitest'
import { parseCapabilitiesResponse, parseErrorMessage, parseStateResponse } from './schemas.ts'
import { ErrorType } from '../../protocol/wire.ts'

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }

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
