import {
  connectRecordingPanel,
  type PanelState,
  type RecordingPanelConnection,
} from '../sdk/recording-panel.ts'
import { demoHostSettings } from './settings.ts'
import { paymentView, type PaymentPhase } from './payment-step.ts'
import './demo-host.css'

// A mock agent desktop: the recording panel in a 320 px side panel (an iframe from another
// origin), and a card payment step that pauses the recorder through the host SDK and unlocks its
// card fields only while the pause is confirmed.

declare global {
  interface Window {
    /** The page's connection to the panel, for tests and for trying the SDK in the console. */
    demoHost?: { connection: RecordingPanelConnection }
  }
}

const settings = demoHostSettings(window.location)

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id)
  if (!found) throw new Error(`demo host: #${id} is missing`)
  return found as T
}

const iframe = element<HTMLIFrameElement>('panel')
const openButton = element<HTMLButtonElement>('open-payment')
const form = element<HTMLFormElement>('payment-form')
const fields = element<HTMLFieldSetElement>('card-fields')
const cardNumber = element<HTMLInputElement>('card-number')
const submitButton = element<HTMLButtonElement>('submit-payment')
const cancelButton = element<HTMLButtonElement>('cancel-payment')
const retryButton = element<HTMLButtonElement>('retry-pause')
const status = element<HTMLParagraphElement>('payment-status')
const panelState = element<HTMLParagraphElement>('host-panel-state')
const callList = element<HTMLUListElement>('calls')

iframe.src = settings.panelUrl(settings.calls[0]!)
const connection = connectRecordingPanel(iframe, { origin: settings.panelOrigin })
window.demoHost = { connection }

let phase: PaymentPhase = 'closed'
let problem: string | null = null
let outcome: string | null = null
/** Each pause asked for; a later one (or the end of the payment) makes an earlier one's answer moot. */
let attempt = 0
let pausing: Promise<unknown> | null = null

function render() {
  const view = paymentView(phase, connection.state, problem, outcome)
  form.hidden = phase === 'closed'
  fields.disabled = !view.unlocked
  submitButton.disabled = !view.unlocked
  cancelButton.disabled = phase === 'resuming'
  openButton.disabled = phase !== 'closed'
  retryButton.hidden = !(phase === 'refused' || (phase === 'paused' && !view.unlocked))
  status.textContent = view.status
  status.dataset.tone = view.tone
  form.dataset.locked = String(!view.unlocked)
  renderPanelState(connection.state)
}

function renderPanelState(state: PanelState | null) {
  if (!state) return
  panelState.dataset.recording = state.recording
  panelState.dataset.confirmed = String(state.confirmed)
  panelState.textContent = `${state.call?.correlationId ?? 'no call'}: recorder ${state.recording}${
    state.confirmed ? ' (confirmed)' : ' (not confirmed)'
  }, live connection ${state.hub}${
    state.secondsLeft === null ? '' : `, resumes by itself in ${state.secondsLeft} s`
  }`
}

async function pause() {
  const mine = (attempt += 1)
  phase = 'pausing'
  problem = null
  outcome = null
  render()
  const asked = connection.pause()
  pausing = asked.catch(() => {})
  try {
    await asked
    if (mine !== attempt) return
    phase = 'paused'
  } catch (error) {
    if (mine !== attempt) return
    phase = 'refused'
    problem = error instanceof Error ? error.message : String(error)
  } finally {
    if (mine === attempt) pausing = null
  }
  render()
  if (phase === 'paused' && !fields.disabled) cardNumber.focus()
}

async function finish(done: 'submitted' | 'cancelled') {
  const wasRefused = phase === 'refused'
  attempt += 1
  phase = 'resuming'
  cardNumber.value = ''
  render()
  // A pause still on its way is let finish first: a resume beside it would be refused.
  await pausing
  pausing = null
  const state = connection.state
  if (wasRefused && state?.recording !== 'Paused') {
    outcome = 'Payment cancelled; the recording was not paused.'
  } else {
    try {
      await connection.resume()
      outcome =
        done === 'submitted'
          ? 'Payment taken; recording resumed.'
          : 'Payment cancelled; recording resumed.'
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      outcome = `The recording was NOT resumed: ${why} Resume it in the panel.`
    }
  }
  phase = 'closed'
  render()
}

openButton.addEventListener('click', () => void pause())
retryButton.addEventListener('click', () => void pause())
cancelButton.addEventListener('click', () => void finish('cancelled'))
form.addEventListener('submit', (event) => {
  event.preventDefault()
  if (submitButton.disabled) return
  void finish('submitted')
})
// Locks the moment the panel's state stops confirming the pause (and unlocks once it does again).
connection.onStateChange(render)

// The host's own shortcut: the panel's Ctrl+Shift+2 works only while the focus is inside it.
document.addEventListener('keydown', (event) => {
  if (event.ctrlKey && event.shiftKey && !event.altKey && event.code === 'Digit2') {
    event.preventDefault()
    connection.togglePause().catch((error: unknown) => console.warn(error))
  }
})

settings.calls.forEach((call, index) => {
  const item = document.createElement('li')
  const button = document.createElement('button')
  button.type = 'button'
  button.dataset.testid = 'switch-call'
  button.dataset.correlationId = call.correlationId
  button.textContent = `Call ${index + 1}: ${call.correlationId.slice(0, 8)}…`
  button.setAttribute('aria-current', String(index === 0))
  button.addEventListener('click', () => {
    connection
      .openCall(call)
      .then(() => {
        for (const other of callList.querySelectorAll('button'))
          other.setAttribute('aria-current', String(other === button))
      })
      .catch((error: unknown) => console.warn(error))
  })
  item.append(button)
  callList.append(item)
})

// A token handed over in the address's fragment (never sent to a server): as a host page that
// signed its agent in would hand over its own.
if (settings.token) {
  void connection.setAccessToken(settings.token).catch((error: unknown) => console.warn(error))
}

render()
