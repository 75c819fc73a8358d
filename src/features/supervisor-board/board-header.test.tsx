import { fireEvent, render, screen } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { BoardHeader } from './board-header.tsx'

function setup(fields: Partial<Parameters<typeof BoardHeader>[0]> = {}) {
  const onAskPermission = vi.fn()
  render(
    <BoardHeader
      hubState="Connected"
      alertCount={0}
      limit="2 min"
      permission="default"
      onAskPermission={onAskPermission}
      watching="ucc-a, ucc-b"
      callCount={1}
      supervisorSipUri="sip:supervisor@example.com"
      {...fields}
    />,
  )
  return { onAskPermission }
}

test('the header names the board, the hub state, the limit, what is watched and who acts', () => {
  const { onAskPermission } = setup()
  expect(screen.getByRole('heading', { level: 1 })).toBeInTheDocument()
  expect(screen.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  expect(screen.getByTestId('alert-count')).toHaveAttribute('data-count', '0')
  expect(screen.getByTestId('alert-count')).toHaveTextContent('No call paused too long')
  expect(screen.getByText('(limit 2 min)')).toBeInTheDocument()
  expect(screen.getByText('ucc-a, ucc-b')).toBeInTheDocument()
  expect(screen.getByText(/1 call$/)).toBeInTheDocument()
  expect(screen.getByTestId('supervisor-identity')).toHaveAttribute(
    'data-sip-uri',
    'sip:supervisor@example.com',
  )
  fireEvent.click(screen.getByTestId('notify-enable'))
  expect(onAskPermission).toHaveBeenCalledTimes(1)
})

test('calls paused too long are counted; with nobody to act as, no identity is shown here', () => {
  setup({ alertCount: 3, supervisorSipUri: '', permission: 'granted' })
  expect(screen.getByTestId('alert-count')).toHaveAttribute('data-count', '3')
  expect(screen.getByTestId('alert-count')).toHaveTextContent('3 paused too long')
  expect(screen.queryByTestId('supervisor-identity')).not.toBeInTheDocument()
  expect(screen.getByTestId('notify-state')).toHaveAttribute('data-permission', 'granted')
})
