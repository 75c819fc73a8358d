import { render, screen, within } from '@testing-library/react'
import { expect, test } from 'vitest'
import { Alert } from './alert.tsx'

test('an error is an alert: title, explanation and the server message as text', () => {
  const hostile = '<img src=x onerror="alert(1)"> busy'
  render(
    <Alert
      tone="error"
      title="Pause did not go through"
      explanation="The state shown was re-read, not retried."
      serverMessage={hostile}
    />,
  )
  const alert = screen.getByRole('alert')
  expect(alert).toHaveTextContent('Pause did not go through')
  expect(alert).toHaveTextContent('The state shown was re-read, not retried.')
  expect(alert).toHaveTextContent(`The service said: ${hostile}`)
  expect(screen.queryByRole('img')).not.toBeInTheDocument()
})

test('a warning has no role unless given one; status makes it polite', () => {
  const { rerender } = render(<Alert tone="warning" title="Not known" />)
  expect(screen.queryByRole('alert')).not.toBeInTheDocument()
  expect(screen.queryByRole('status')).not.toBeInTheDocument()
  rerender(<Alert tone="warning" role="status" title="Configuration problem" />)
  expect(screen.getByRole('status')).toHaveTextContent('Configuration problem')
})

test('items are listed under the title, with the test id on the whole', () => {
  render(
    <Alert
      tone="error"
      data-testid="address-problems"
      title="This address cannot be opened"
      items={['"a/b" is not a valid UCC name.', '"x" is not a valid correlation id']}
    />,
  )
  const problems = screen.getByTestId('address-problems')
  expect(problems).toHaveAttribute('role', 'alert')
  expect(
    within(problems)
      .getAllByRole('listitem')
      .map((item) => item.textContent),
  ).toEqual(['"a/b" is not a valid UCC name.', '"x" is not a valid correlation id'])
})

test('no explanation, server message or list when none is given; children follow', () => {
  render(
    <Alert tone="info" title="Note">
      <button type="button">Dismiss</button>
    </Alert>,
  )
  expect(screen.queryByRole('list')).not.toBeInTheDocument()
  expect(screen.queryByText(/The service said/)).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Dismiss' })).toBeInTheDocument()
})
