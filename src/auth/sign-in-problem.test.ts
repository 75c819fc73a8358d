import { expect, test } from 'vitest'
import { challengeProblem, problemOf } from './sign-in-problem.ts'

function errorResponse(error: string, error_description?: string) {
  return Object.assign(new Error(error_description ?? error), {
    name: 'ErrorResponse',
    error,
    error_description,
  })
}

test('problems in the session’s terms', () => {
  expect(problemOf(errorResponse('login_required')).kind).toBe('ended')
  expect(problemOf(errorResponse('server_error')).kind).toBe('unreachable')
  expect(problemOf(errorResponse('invalid_scope')).kind).toBe('refused')
  expect(
    problemOf(Object.assign(new Error('Network timed out'), { name: 'ErrorTimeout' })).kind,
  ).toBe('unreachable')
  expect(problemOf(new Error('Service Unavailable (503)')).kind).toBe('unreachable')
  expect(problemOf(new Error('invalid id token')).kind).toBe('failed')
  expect(challengeProblem('Bearer')).toEqual({
    kind: 'rejected',
    error: undefined,
    description: undefined,
  })
})

test('the provider’s and the service’s own words are kept', () => {
  expect(problemOf(errorResponse('access_denied', 'The user said no'))).toEqual({
    kind: 'refused',
    error: 'access_denied',
    description: 'The user said no',
  })
  expect(problemOf(new TypeError('Failed to fetch'))).toEqual({
    kind: 'unreachable',
    description: 'Failed to fetch',
  })
  expect(
    challengeProblem('Bearer error="invalid_token", error_description="The audience is invalid"'),
  ).toEqual({ kind: 'rejected', error: 'invalid_token', description: 'The audience is invalid' })
})
