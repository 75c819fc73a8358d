import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { expect, test, vi } from 'vitest'
import { ConfirmDialog } from './confirm-dialog.tsx'

function setup() {
  const onConfirm = vi.fn()
  const onCancel = vi.fn()
  const user = userEvent.setup()
  render(
    <>
      <button type="button">Before</button>
      <ConfirmDialog
        title="Stop the recording?"
        confirmLabel="Stop recording"
        onConfirm={onConfirm}
        onCancel={onCancel}
      >
        Stopping ends the recording of this call.
      </ConfirmDialog>
      <button type="button">After</button>
    </>,
  )
  return { onConfirm, onCancel, user }
}

test('a modal dialog named by its title and described by its body', () => {
  setup()
  const dialog = screen.getByRole('dialog', { name: 'Stop the recording?' })
  expect(dialog).toHaveAttribute('aria-modal', 'true')
  expect(dialog).toHaveAccessibleDescription('Stopping ends the recording of this call.')
})

test('focus starts on Cancel', () => {
  setup()
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
})

test('Tab and Shift+Tab wrap inside the dialog', async () => {
  const { user } = setup()
  await user.tab()
  expect(screen.getByRole('button', { name: 'Stop recording' })).toHaveFocus()
  await user.tab()
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
  await user.tab({ shift: true })
  expect(screen.getByRole('button', { name: 'Stop recording' })).toHaveFocus()
})

test('Escape cancels', async () => {
  const { onCancel, onConfirm, user } = setup()
  await user.keyboard('{Escape}')
  expect(onCancel).toHaveBeenCalledTimes(1)
  expect(onConfirm).not.toHaveBeenCalled()
})

test('the buttons call their handlers', async () => {
  const { onCancel, onConfirm, user } = setup()
  await user.click(screen.getByRole('button', { name: 'Stop recording' }))
  expect(onConfirm).toHaveBeenCalledTimes(1)
  await user.click(screen.getByRole('button', { name: 'Cancel' }))
  expect(onCancel).toHaveBeenCalledTimes(1)
})

function Opener() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Stop
      </button>
      {open && (
        <ConfirmDialog
          title="Stop the recording?"
          confirmLabel="Stop recording"
          onConfirm={() => setOpen(false)}
          onCancel={() => setOpen(false)}
        >
          Sure?
        </ConfirmDialog>
      )}
    </>
  )
}

test('focus returns to what had it when the dialog closes', async () => {
  const user = userEvent.setup()
  render(<Opener />)
  await user.click(screen.getByRole('button', { name: 'Stop' }))
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
  await user.keyboard('{Escape}')
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(screen.getByRole('button', { name: 'Stop' })).toHaveFocus()
})
