import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { expect, test, vi } from 'vitest'
import { defaultPauseReasons, PauseReasonChips } from './pause-reason-chips.tsx'

function Chips({ onChoose }: { onChoose: (reason: string | null) => void }) {
  const [chosen, setChosen] = useState<string | null>(null)
  return (
    <PauseReasonChips
      reasons={defaultPauseReasons()}
      chosen={chosen}
      onChoose={(reason) => {
        setChosen(reason)
        onChoose(reason)
      }}
    />
  )
}

test('one toggle button per reason, in a group that says what it is for', () => {
  render(<Chips onChoose={vi.fn()} />)
  const group = screen.getByRole('group', { name: 'Why is the recording paused? (optional)' })
  const chips = within(group).getAllByRole('button')
  expect(chips.map((chip) => chip.textContent)).toEqual([
    'Card payment',
    'Identity check',
    'Personal details',
    'Other',
  ])
  expect(screen.getAllByTestId('pause-reason')).toEqual(chips)
  for (const chip of chips) expect(chip).toHaveAttribute('aria-pressed', 'false')
})

test('choosing one presses it alone; choosing it again unchooses it', async () => {
  const onChoose = vi.fn()
  const user = userEvent.setup()
  render(<Chips onChoose={onChoose} />)
  await user.click(screen.getByRole('button', { name: 'Identity check' }))
  expect(onChoose).toHaveBeenLastCalledWith('Identity check')
  expect(screen.getByRole('button', { name: 'Identity check', pressed: true })).toBeInTheDocument()
  await user.click(screen.getByRole('button', { name: 'Card payment' }))
  expect(onChoose).toHaveBeenLastCalledWith('Card payment')
  expect(screen.getAllByRole('button', { pressed: true })).toHaveLength(1)
  await user.click(screen.getByRole('button', { name: 'Card payment' }))
  expect(onChoose).toHaveBeenLastCalledWith(null)
  expect(screen.queryAllByRole('button', { pressed: true })).toEqual([])
})

test('by keyboard', async () => {
  const onChoose = vi.fn()
  const user = userEvent.setup()
  render(<Chips onChoose={onChoose} />)
  await user.tab()
  await user.tab()
  await user.keyboard('{Enter}')
  expect(onChoose).toHaveBeenLastCalledWith('Identity check')
})

test('given reasons, one already chosen', () => {
  render(<PauseReasonChips reasons={['A', 'B']} chosen="B" onChoose={vi.fn()} />)
  expect(screen.getByRole('button', { name: 'B' })).toHaveAttribute('aria-pressed', 'true')
  expect(screen.getByRole('button', { name: 'A' })).toHaveAttribute('aria-pressed', 'false')
})
