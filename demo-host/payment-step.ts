import type { PanelState } from '../sdk/recording-panel.ts'

// The payment step's rule, apart from the page: the card fields are unlocked only while this step
// has had its pause confirmed AND the panel's latest state still says the recorder is confirmed
// Paused on a call it knows. Anything else locks them at once, and the status says why.

export type PaymentPhase =
  /** No payment under way. */
  | 'closed'
  /** The form is open; the pause was asked for and has not been confirmed yet. */
  | 'pausing'
  /** The pause was confirmed (the fields follow the panel's state from now on). */
  | 'paused'
  /** The pause could not be confirmed: the fields stay locked; `problem` says why. */
  | 'refused'
  /** Submitted or cancelled: the recorder is being resumed. */
  | 'resuming'

export interface PaymentView {
  phase: PaymentPhase
  /** Whether the card fields (and submit) may be used. */
  unlocked: boolean
  /** Why the fields are locked, or that they may be used: one sentence for the agent. */
  status: string
  /** The status's tone: ok (may type), wait, or alert. */
  tone: 'ok' | 'wait' | 'alert'
}

/** The recorder as the panel last confirmed it, in words. */
function recorderWords(state: PanelState | null): string {
  if (!state) return 'the recording panel has not answered yet'
  if (!state.callKnown) return 'the panel has no call it knows of'
  if (!state.confirmed)
    return `the recording state is not confirmed (live connection: ${state.hub})`
  return `the recorder is ${state.recording}`
}

/** Whether `state` is a confirmed pause of a known call. */
export function confirmedPaused(state: PanelState | null): boolean {
  return state !== null && state.confirmed && state.callKnown && state.recording === 'Paused'
}

export function paymentView(
  phase: PaymentPhase,
  state: PanelState | null,
  problem: string | null,
  outcome: string | null = null,
): PaymentView {
  switch (phase) {
    case 'closed':
      return {
        phase,
        unlocked: false,
        status: outcome ?? 'Card fields are locked until the recording is paused and confirmed.',
        tone: 'wait',
      }
    case 'pausing':
      return {
        phase,
        unlocked: false,
        status: 'Pausing the recording… card fields stay locked until the recorder confirms.',
        tone: 'wait',
      }
    case 'refused':
      return {
        phase,
        unlocked: false,
        status: `Card fields locked: the recording could not be paused: ${problem ?? 'no reason given'}`,
        tone: 'alert',
      }
    case 'resuming':
      return { phase, unlocked: false, status: 'Resuming the recording…', tone: 'wait' }
    case 'paused':
      return confirmedPaused(state)
        ? {
            phase,
            unlocked: true,
            status: 'Recording paused and confirmed: you may take the card details.',
            tone: 'ok',
          }
        : {
            phase,
            unlocked: false,
            status: `Card fields locked: ${recorderWords(state)}. Do not take card details.`,
            tone: 'alert',
          }
  }
}
