import { expect, test } from 'vitest'
import { RecordingAction } from '../../protocol/wire.ts'
import { ApiError } from './api-error.ts'
import { actionName, isUnknownCallError } from './call-state.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

test('isUnknownCallError: a validation error or a server error with 404', () => {
  const noSession = `No Audio session with correlation Id:'${ID}' was found.`
  expect(
    isUnknownCallError(
      new ApiError({ kind: 'server', status: 200, errorType: 2, serverMessage: noSession }),
    ),
  ).toBe(true)
  expect(isUnknownCallError(new ApiError({ kind: 'server', status: 404, errorType: 3 }))).toBe(true)
  expect(isUnknownCallError(new ApiError({ kind: 'server', status: 200, errorType: 3 }))).toBe(
    false,
  )
  expect(isUnknownCallError(new ApiError({ kind: 'server', status: 200, errorType: 1 }))).toBe(
    false,
  )
  expect(isUnknownCallError(new ApiError({ kind: 'http', status: 404 }))).toBe(false)
  expect(isUnknownCallError(new ApiError({ kind: 'network' }))).toBe(false)
  expect(isUnknownCallError(new Error('No Audio session'))).toBe(false)
  expect(isUnknownCallError(undefined)).toBe(false)
})

test('actionName names known actions only', () => {
  expect(actionName(RecordingAction.UnMark)).toBe('UnMark')
  expect(actionName(undefined)).toBe('unknown action')
})
