import { useId, useLayoutEffect, useRef, type ReactNode, type SyntheticEvent } from 'react'
import { Button } from './button.tsx'
import { t } from '../../i18n/messages.ts'

export interface ConfirmDialogProps {
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
}

/**
 * A modal question on the native `<dialog>`: `showModal()` makes the rest of the page inert and
 * puts the dialog in the top layer, and Escape fires its `cancel` event. Focus starts on Cancel
 * (the safe choice) and returns, on close, to what had it before. The parent closes the dialog
 * by no longer rendering it.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const titleId = useId()
  const bodyId = useId()
  const dialog = useRef<HTMLDialogElement>(null)
  const cancel = useRef<HTMLButtonElement>(null)
  const modal = useRef(false)

  useLayoutEffect(() => {
    const element = dialog.current
    if (!element) return
    const previouslyFocused =
      document.activeElement instanceof HTMLElement ? document.activeElement : null
    // Every browser the panel supports has showModal() and fires `cancel` on Escape. jsdom (the
    // unit tests) has neither: there the dialog is only shown, and Escape is heard as a key.
    modal.current = typeof element.showModal === 'function'
    if (modal.current) element.showModal()
    else element.setAttribute('open', '')
    cancel.current?.focus()
    return () => {
      if (modal.current) element.close()
      else element.removeAttribute('open')
      previouslyFocused?.focus()
    }
  }, [])

  function onNativeCancel(event: SyntheticEvent<HTMLDialogElement>) {
    // The parent decides: it closes the dialog by unmounting it.
    event.preventDefault()
    onCancel()
  }

  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={onNativeCancel}
      onKeyDown={(event) => {
        if (!modal.current && event.key === 'Escape') onCancel()
      }}
      className="m-auto w-[calc(100%-1.5rem)] max-w-sm rounded-lg bg-white p-4 text-slate-900 shadow-xl backdrop:bg-slate-950/60 dark:bg-slate-800 dark:text-slate-100"
    >
      <h2 id={titleId} className="text-lg font-bold">
        {title}
      </h2>
      <div id={bodyId} className="mt-2 text-sm">
        {children}
      </div>
      <div className="mt-4 flex justify-end gap-2">
        <Button ref={cancel} onClick={onCancel}>
          {t('cancel')}
        </Button>
        <Button variant="danger" data-testid="confirm" onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>
  )
}
