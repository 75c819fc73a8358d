import { expect, test } from 'vitest'
import { ApiError, explainError, isApiError, type ApiErrorDetails } from './api-error.ts'

test('an ApiError carries its details and explains itself', () => {
  const details: ApiErrorDetails = {
    kind: 'server',
    status: 200,
    errorType: 2,
    serverMessage: 'No session.',
    body: { a: 1 },
  }
  const error = new ApiError(details)
  expect(error).toBeInstanceOf(Error)
  expect(error.name).toBe('ApiError')
  expect(error.message).toBe(explainError(details))
  expect(error).toMatchObject({
    kind: 'server',
    status: 200,
    errorType: 2,
    serverMessage: 'No session.',
    body: { a: 1 },
  })
  expect(isApiError(error)).toBe(true)
  expect(isApiError(new Error('plain'))).toBe(false)
  expect(isApiError({ kind: 'server' })).toBe(false)
})

test('the message never contains the server text', () => {
  const error = new ApiError({
    kind: 'server',
    errorType: 3,
    serverMessage: '<b>secret detail</b>',
  })
  expect(error.message).not.toContain('secret detail')
})

test.each([
  [
    1,
    'The contact center is not set up to allow this (configuration error). Ask your administrator.',
  ],
  [
    2,
    'The recording service refused the request as invalid (validation error): the call, contact center or agent was not recognised.',
  ],
  [
    3,
    'The recorder could not do this now (processing error). Its state is shown as the server reports it.',
  ],
  [9, 'The recording service reported an error of an unknown type (9).'],
  [undefined, 'The recording service reported an error of an unknown type (undefined).'],
])('a server error of type %s is explained', (errorType, text) => {
  expect(explainError({ kind: 'server', errorType })).toBe(text)
})

test.each([
  [401, 'The recording service asks for a sign-in (401). Sign in again, then retry.'],
  [403, 'The recording service refused access (403). Ask your administrator for permission.'],
  [
    404,
    'The recording service does not know this address (404). Check the panel configuration (apiBaseUrl, apiVersion).',
  ],
  [500, 'The recording service had an internal error (500). Try again in a moment.'],
  [503, 'The recording service had an internal error (503). Try again in a moment.'],
  [418, 'The recording service answered with an unexpected status (418).'],
  [undefined, 'The recording service answered with an unexpected status (undefined).'],
])('an http error with status %s is explained', (status, text) => {
  expect(explainError({ kind: 'http', status })).toBe(text)
})

test('the other kinds are explained', () => {
  expect(explainError({ kind: 'not-json', status: 200 })).toBe(
    "The recording service answered (200) with something that is not JSON. A proxy or login page may be in the way; check the panel's apiBaseUrl, then try again.",
  )
  expect(explainError({ kind: 'not-json' })).toBe(
    "The recording service answered with something that is not JSON. A proxy or login page may be in the way; check the panel's apiBaseUrl, then try again.",
  )
  expect(explainError({ kind: 'invalid-response' })).toBe(
    'The recording service answered in a form this panel does not understand. The server may be a newer version; tell your administrator.',
  )
  expect(explainError({ kind: 'timeout' })).toBe(
    'The recording service did not answer in time. Check the state before acting again.',
  )
  expect(explainError({ kind: 'network' })).toBe(
    'The recording service could not be reached. Check your network connection; the panel keeps trying.',
  )
})

test.each<[ApiErrorDetails, boolean]>([
  [{ kind: 'timeout' }, true],
  [{ kind: 'network' }, true],
  [{ kind: 'http', status: 500 }, true],
  [{ kind: 'http', status: 502 }, true],
  [{ kind: 'http', status: 499 }, false],
  [{ kind: 'http', status: 404 }, false],
  [{ kind: 'http' }, false],
  [{ kind: 'server', status: 500, errorType: 3 }, false],
  [{ kind: 'not-json', status: 200 }, false],
  [{ kind: 'invalid-response', status: 200 }, false],
])('isTransient for %j is %s', (details, transient) => {
  expect(new ApiError(details).isTransient).toBe(transient)
})
