import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useState } from 'react'
import { beforeAll, expect, test, vi } from 'vitest'
import { ConfirmDialog } from './confirm-dialog.tsx'
import { installDialogPolyfill, openModalDialogs } from './jsdom-dialog.ts'

beforeAll(() => {
  installDialogPolyfill()
})

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

test('a native dialog, opened as a modal, named by its title and described by its body', () => {
  setup()
  const dialog = screen.getByRole('dialog', { name: 'Stop the recording?' })
  expect(dialog.tagName).toBe('DIALOG')
  expect(openModalDialogs()).toEqual([dialog])
  expect(dialog).toHaveAccessibleDescription('Stopping ends the recording of this call.')
})

test('focus starts on Cancel', () => {
  setup()
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
})

test('Escape cancels, and the dialog stays for its parent to close', async () => {
  const { onCancel, onConfirm, user } = setup()
  await user.keyboard('{Escape}')
  expect(onCancel).toHaveBeenCalledTimes(1)
  expect(onConfirm).not.toHaveBeenCalled()
  // The cancel event was cancelled: the parent, not the browser, decides when the dialog goes.
  expect(screen.getByRole('dialog')).toHaveAttribute('open')
})

test('the buttons call their handlers', async () => {
  const { onCancel, onConfirm, user } = setup()
  await user.click(screen.getByRole('button', { name: 'Stop recording' }))
  expect(onConfirm).toHaveBeenCalledTimes(1)
  await user.click(screen.getByRole('button', { name: 'Cancel' }))
  expect(onCancel).toHaveBeenCalledTimes(1)
})

test('the confirm button keeps its test id', () => {
  setup()
  expect(screen.getByTestId('confirm')).toHaveAccessibleName('Stop recording')
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

test('Escape closes it through its parent, and focus returns to what had it', async () => {
  const user = userEvent.setup()
  render(<Opener />)
  await user.click(screen.getByRole('button', { name: 'Stop' }))
  expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus()
  await user.keyboard('{Escape}')
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(openModalDialogs()).toEqual([])
  expect(screen.getByRole('button', { name: 'Stop' })).toHaveFocus()
})

test('confirming closes it too, with focus back on the opener', async () => {
  const user = userEvent.setup()
  render(<Opener />)
  await user.click(screen.getByRole('button', { name: 'Stop' }))
  await user.click(screen.getByRole('button', { name: 'Stop recording' }))
  expect(screen.queryByRole('dialog')).not.toBeInTheDocument()
  expect(openModalDialogs()).toEqual([])
  expect(screen.getByRole('button', { name: 'Stop' })).toHaveFocus()
})
