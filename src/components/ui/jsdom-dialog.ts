// For unit tests only: jsdom has <dialog> but neither showModal() nor close(), nor the cancel
// event a browser fires on Escape. This stands in for the part the panel relies on, no more: a
// modal dialog is open, Escape fires a cancelable `cancel` on the topmost one (and closes it
// unless the event is cancelled), close() fires `close`. It does not make the page inert.

const modalStack: HTMLDialogElement[] = []

export function installDialogPolyfill() {
  const proto = HTMLDialogElement.prototype
  if (typeof proto.showModal === 'function') return
  proto.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError')
    this.setAttribute('open', '')
    modalStack.push(this)
  }
  proto.close = function close(this: HTMLDialogElement, returnValue?: string) {
    if (!this.open) return
    if (returnValue !== undefined) this.returnValue = returnValue
    this.removeAttribute('open')
    modalStack.splice(modalStack.indexOf(this), 1)
    this.dispatchEvent(new Event('close'))
  }
  document.addEventListener('keydown', (event) => {
    const top = modalStack.at(-1)
    if (event.key !== 'Escape' || event.defaultPrevented || !top) return
    if (top.dispatchEvent(new Event('cancel', { cancelable: true }))) top.close()
  })
}

/** The dialogs opened with showModal() and not closed yet, topmost last. */
export function openModalDialogs(): readonly HTMLDialogElement[] {
  return modalStack
}
