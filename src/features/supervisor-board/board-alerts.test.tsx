import { fireEvent, render, screen } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import { BoardAlerts } from './board-alerts.tsx'

function setup(fields: Partial<Parameters<typeof BoardAlerts>[0]> = {}) {
  const onDismissActionError = vi.fn()
  render(
    <BoardAlerts
      problems={[]}
      watchesNothing={false}
      supervisorSipUri="sip:supervisor@example.com"
      watching="ucc-a"
      memory={{ kept: 'calls' }}
      capabilityErrors={[]}
      actionError={null}
      onDismissActionError={onDismissActionError}
      {...fields}
    />,
  )
  return { onDismissActionError }
}

test('with nothing wrong, only the note on what the board can know', () => {
  setup()
  expect(screen.getByTestId('board-note')).toBeInTheDocument()
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  expect(screen.queryByTestId('board-memory-unavailable')).not.toBeInTheDocument()
  expect(screen.queryByTestId('address-problems')).not.toBeInTheDocument()
  expect(screen.queryByTestId('supervisor-identity')).not.toBeInTheDocument()
})

test('address problems, no UCC, nobody to act as, and no memory are each said', () => {
  setup({
    problems: ['ucc=?? was ignored'],
    watchesNothing: true,
    supervisorSipUri: '',
    memory: { kept: 'ids', reason: 'unsupported' },
  })
  expect(screen.getByTestId('address-problems')).toHaveTextContent('ucc=?? was ignored')
  expect(screen.getByText(/No contact center to watch/)).toBeInTheDocument()
  expect(screen.getByTestId('supervisor-identity')).toHaveTextContent(
    'Resume and Mark are off: the board does not know who you are',
  )
  expect(screen.getByTestId('board-memory-unavailable')).toHaveAttribute(
    'data-reason',
    'unsupported',
  )
})

test('a UCC whose capabilities failed is named; a failed action is said until dismissed', () => {
  const refused = new ApiError({ kind: 'server', status: 200, errorType: 5, serverMessage: 'No.' })
  const { onDismissActionError } = setup({
    capabilityErrors: [{ uccName: 'ucc-a', error: new ApiError({ kind: 'http', status: 503 }) }],
    actionError: { title: 'Mark of call 1d6c6a58 did not go through', error: refused },
  })
  expect(screen.getByText('Could not check what may be changed in ucc-a')).toBeInTheDocument()
  expect(screen.getByText('Mark of call 1d6c6a58 did not go through')).toBeInTheDocument()
  fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }))
  expect(onDismissActionError).toHaveBeenCalledTimes(1)
})
