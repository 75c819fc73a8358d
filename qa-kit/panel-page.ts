import { expect, type FrameLocator, type Locator, type Page } from '@playwright/test'

// A Playwright page object for the recording panel, for QA engineers testing an agent desktop that
// embeds it (or the panel on its own). It reads only what the panel publishes for tests: test ids
// and data-* attributes (the same ones the project's own end-to-end tests use), never styles or
// wording that may be translated. Give it the page (the panel alone) or the panel's frame:
//
//   const panel = new RecordingPanel(page.frameLocator('iframe[title="Call recording"]'))
//   await panel.pause()
//   await panel.expectConfirmed('Paused')

/** The recorder's states as the panel's data-state gives them (the service's own values). */
export type RecordingState =
  'Uninitialized' | 'Started' | 'Paused' | 'Stopped' | 'Unknown' | (string & NonNullable<unknown>)

/** The live connection's states (hub-state's data-state). */
export type HubState = 'Connected' | 'Connecting' | 'Reconnecting' | 'Disconnected'

export type PanelAction =
  'pause' | 'resume' | 'start' | 'stop' | 'mark' | 'unmark' | 'save' | 'delete'

/** What the panel shows at one moment. */
export interface PanelSnapshot {
  recording: string | null
  marking: string | null
  saving: string | null
  /** True when the panel says the state shown is not confirmed (do not take card details). */
  stale: boolean
  hub: string | null
}

/** One line of the call's pause ledger, as shown. */
export interface LedgerLine {
  kind: string | null
  action: string | null
  /** agent, auto-resume, supervisor, host, other or read. */
  source: string | null
  confirmed: string | null
  text: string
}

export class RecordingPanel {
  constructor(readonly scope: Page | FrameLocator) {}

  // ---- what it shows

  get recordingState(): Locator {
    return this.scope.getByTestId('recording-state')
  }
  get markingState(): Locator {
    return this.scope.getByTestId('marking-state')
  }
  get savingState(): Locator {
    return this.scope.getByTestId('saving-state')
  }
  get hubState(): Locator {
    return this.scope.getByTestId('hub-state')
  }
  /** The big indicator (data-indicator: recording, paused, not-confirmed, call-unknown, …). */
  get indicator(): Locator {
    return this.scope.getByTestId('recorder-indicator')
  }
  /** The pause guard's countdown (data-seconds-left) while the recorder is paused. */
  get pauseCountdown(): Locator {
    return this.scope.getByTestId('pause-countdown')
  }

  /** What the panel shows now (no waiting: use the expect… methods to wait for a state). */
  async snapshot(): Promise<PanelSnapshot> {
    const [recording, marking, saving, stale, hub] = await Promise.all([
      this.recordingState.getAttribute('data-state'),
      this.markingState.getAttribute('data-state'),
      this.savingState.getAttribute('data-state'),
      this.recordingState.getAttribute('data-stale'),
      this.hubState.getAttribute('data-state'),
    ])
    return { recording, marking, saving, stale: stale === 'true', hub }
  }

  // ---- the one assertion that matters before card details are taken

  /**
   * The recorder is `state`, and the panel says so as confirmed: the live connection is up and
   * the state shown is not marked unconfirmed. Waits (the expect timeout) until it is.
   */
  async expectConfirmed(state: RecordingState, options: { timeout?: number } = {}): Promise<void> {
    await expect(this.hubState).toHaveAttribute('data-state', 'Connected', options)
    await expect(this.recordingState).toHaveAttribute('data-state', state, options)
    await expect(this.recordingState).not.toHaveAttribute('data-stale', 'true', options)
  }

  /** The panel marks its state as not confirmed (the agent is told not to take card details). */
  async expectNotConfirmed(options: { timeout?: number } = {}): Promise<void> {
    await expect(this.recordingState).toHaveAttribute('data-stale', 'true', options)
  }

  async expectHub(state: HubState, options: { timeout?: number } = {}): Promise<void> {
    await expect(this.hubState).toHaveAttribute('data-state', state, options)
  }

  // ---- actions

  /** An action's button (data-testid action-<name>): enabled only when the panel offers it. */
  action(name: PanelAction): Locator {
    return this.scope.getByTestId(`action-${name}`)
  }

  async pause(): Promise<void> {
    await this.action('pause').click()
  }
  async resume(): Promise<void> {
    await this.action('resume').click()
  }
  async start(): Promise<void> {
    await this.action('start').click()
  }
  async mark(): Promise<void> {
    await this.action('mark').click()
  }
  async unmark(): Promise<void> {
    await this.action('unmark').click()
  }
  async save(): Promise<void> {
    await this.action('save').click()
  }
  /** Stop asks first: `confirm: false` leaves the question open (see `dialog`). */
  async stop(options: { confirm?: boolean } = {}): Promise<void> {
    await this.action('stop').click()
    if (options.confirm !== false) await this.confirmDialog()
  }
  /** Delete asks first: `confirm: false` leaves the question open (see `dialog`). */
  async delete(options: { confirm?: boolean } = {}): Promise<void> {
    await this.action('delete').click()
    if (options.confirm !== false) await this.confirmDialog()
  }

  /** Every action the panel offers now (enabled buttons), by name. */
  async offered(): Promise<string[]> {
    const buttons = this.scope.locator('[data-testid^="action-"]:enabled')
    const ids = await buttons.evaluateAll((items) =>
      items.map((item) => item.getAttribute('data-testid') ?? ''),
    )
    return ids.map((id) => id.replace(/^action-/, ''))
  }

  // ---- dialogs and alerts

  /** The open question (Stop, Delete, leaving while paused): a modal dialog. */
  get dialog(): Locator {
    return this.scope.getByRole('dialog')
  }
  /** Confirms the open question (its primary button) and waits for it to close. */
  async confirmDialog(): Promise<void> {
    await expect(this.dialog).toBeVisible()
    await this.dialog.getByTestId('confirm').click()
    await expect(this.dialog).toBeHidden()
  }
  async cancelDialog(): Promise<void> {
    await expect(this.dialog).toBeVisible()
    await this.dialog.locator('button:not([data-testid="confirm"])').first().click()
    await expect(this.dialog).toBeHidden()
  }
  /** The panel's alerts (failed actions, refused reads, warnings), each with the service's words. */
  get alerts(): Locator {
    return this.scope.getByRole('alert')
  }

  // ---- the pause ledger

  /** The call's ledger lines (a locator, for waiting on counts). */
  ledgerEntries(filter: { kind?: string; action?: string; source?: string } = {}): Locator {
    const attributes = [
      filter.kind ? `[data-kind="${filter.kind}"]` : '',
      filter.action ? `[data-action="${filter.action}"]` : '',
      filter.source ? `[data-source="${filter.source}"]` : '',
    ].join('')
    return this.scope.locator(`[data-testid="ledger-entry"]${attributes}`)
  }

  /** The ledger lines as shown now, newest first. */
  ledger(): Promise<LedgerLine[]> {
    return this.ledgerEntries().evaluateAll((items) =>
      items.map((item) => ({
        kind: item.getAttribute('data-kind'),
        action: item.getAttribute('data-action'),
        source: item.getAttribute('data-source'),
        confirmed: item.getAttribute('data-confirmed'),
        text: item.textContent ?? '',
      })),
    )
  }

  /**
   * Waits until the ledger is shown (or the notice that this browser keeps none). Its part of the
   * panel loads after the first paint and records from then on: the call as it then stands (with
   * its pause's start), and every change after. A change made and undone before that, in the
   * panel's first moments, is not on record; a test that counts ledger lines waits for this first.
   */
  async expectLedgerRecording(): Promise<void> {
    await expect(this.scope.getByTestId('ledger').or(this.ledgerUnavailable)).toBeVisible()
  }

  /** Shown instead of the ledger where the browser keeps no storage (data-reason says why). */
  get ledgerUnavailable(): Locator {
    return this.scope.getByTestId('ledger-unavailable')
  }
}
