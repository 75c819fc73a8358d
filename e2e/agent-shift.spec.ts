import AxeBuilder from '@axe-core/playwright'
import { button, expect, recordingState, test } from './fixtures.ts'

// The everyday moments of an agent's shift: a call that ends, alerts that no longer hold, who
// paused the recorder, the words for its states, one of Start and Resume, and leaving while paused.

test('the end of a known call is said once, calmly, with the time, and "while the recording was paused"', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()
  await button(page, 'Pause').click()
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')

  await sim.endCall(call.uccName, call.correlationId)
  const indicator = page.getByTestId('recorder-indicator')
  await expect(indicator).toHaveAttribute('data-indicator', 'call-ended')
  await expect(indicator).toContainText(
    /Call ended at \d{1,2}:\d{2}:\d{2}(\s*[AP]M)? while the recording was paused\./,
  )
  await expect(page.getByTestId('ended-while-paused')).toBeVisible()
  await expect(page.getByRole('alert')).toHaveCount(0)
  await expect(page.getByText(/Call ended at/)).toHaveCount(1)
  for (const id of ['pause', 'resume', 'start', 'stop', 'mark', 'delete'])
    await expect(page.getByTestId(`action-${id}`)).toBeDisabled()
  await expect(page.getByTestId('pause-countdown')).toHaveCount(0)
})

test('an earlier alert goes when the call ends', async ({ page, sim, openCall }) => {
  const call = await openCall()
  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 200,
    body: { ErrorMessage: { ErrorType: 3, Message: 'Recorder busy.' } },
  })
  await button(page, 'Pause').click()
  await expect(page.getByRole('alert').filter({ hasText: 'Recorder busy.' })).toBeVisible()

  await sim.endCall(call.uccName, call.correlationId)
  await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
    'data-indicator',
    'call-ended',
  )
  await expect(page.getByRole('alert')).toHaveCount(0)
})

test('a refused pause is superseded by a later change another party makes: the alert goes', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()
  await sim.failNext({
    endpoint: 'set',
    count: 1,
    status: 200,
    body: { ErrorMessage: { ErrorType: 3, Message: 'Recorder busy.' } },
  })
  await button(page, 'Pause').click()
  const alert = page.getByRole('alert').filter({ hasText: 'Pause did not go through' })
  await expect(alert).toContainText('Recorder busy.')

  // The recorder is stopped elsewhere (the refusal no longer says anything useful).
  await sim.actAs(call.uccName, call.correlationId, 'Stop')
  await expect(recordingState(page)).toHaveText(/Stopped by another party/)
  await expect(alert).toHaveCount(0)
})

test('who paused: "by another party" for a payment system, "by you" for the agent, in the list and the announcement', async ({
  page,
  sim,
  openCall,
}) => {
  const call = await openCall()
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(recordingState(page)).toHaveText('Paused by another party')
  await expect(page.getByRole('status').filter({ hasText: 'confirmed' })).toHaveText(
    'Paused by another party, confirmed.',
  )

  await button(page, 'Resume').click()
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(recordingState(page)).toHaveText('Recording (started by you)')
  await button(page, 'Pause').click()
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(recordingState(page)).toHaveText('Paused by you')
})

test("the states in an agent's words; data-state keeps the service's value", async ({
  page,
  openCall,
}) => {
  await openCall({ markingState: 0, savingState: 0 })
  const marking = page.getByTestId('marking-state')
  const saving = page.getByTestId('saving-state')
  await expect(marking).toHaveText('Not flagged')
  await expect(saving).toHaveText('No decision yet')

  await button(page, 'Mark').click()
  await expect(marking).toHaveAttribute('data-state', 'Mark')
  await expect(marking).not.toHaveAttribute('data-stale', 'true')
  await expect(marking).toHaveText('Flagged for review')
  await button(page, 'Save').click()
  await expect(saving).toHaveAttribute('data-state', 'Save')
  await expect(saving).not.toHaveAttribute('data-stale', 'true')
  await expect(saving).toHaveText('Kept')
})

test('Start and Resume both send Start: one of them is offered at a time, the other is in the page, hidden and disabled', async ({
  page,
  openCall,
}) => {
  await openCall({ recordingState: 3 })
  await expect(button(page, 'Resume')).toBeEnabled()
  await expect(page.getByTestId('action-start')).toBeHidden()
  await expect(page.getByTestId('action-start')).toBeDisabled()

  await button(page, 'Stop').click()
  await page.getByRole('dialog').getByTestId('confirm').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Stopped')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(button(page, 'Start')).toBeEnabled()
  await expect(page.getByTestId('action-resume')).toBeHidden()
  await expect(page.getByTestId('action-resume')).toBeDisabled()
  await expect(page.getByRole('button', { name: 'Start' })).toHaveCount(1)
})

test('closing the tab while paused asks first; while recording it does not', async ({
  page,
  openCall,
}) => {
  await openCall({ recordingState: 3 })
  // The question is set up with the panel's after-paint parts: wait for them (the countdown).
  await expect(page.getByTestId('pause-countdown')).toBeVisible()
  const asked = page.waitForEvent('dialog')
  await page.close({ runBeforeUnload: true })
  const dialog = await asked
  expect(dialog.type()).toBe('beforeunload')
  await dialog.accept()
})

test('closing the tab while recording does not ask', async ({ page, openCall }) => {
  await openCall({ recordingState: 1 })
  await expect(page.getByTestId('action-report-exposure')).toBeVisible()
  let asked = false
  page.on('dialog', (dialog) => {
    asked = true
    void dialog.accept()
  })
  await page.close({ runBeforeUnload: true })
  expect(asked).toBe(false)
})

for (const colorScheme of ['light', 'dark'] as const) {
  test(`no accessibility violations (axe, ${colorScheme}): an ended call, a change by another party`, async ({
    page,
    sim,
    openCall,
  }) => {
    await page.emulateMedia({ colorScheme })
    const call = await openCall()
    await sim.actAs(call.uccName, call.correlationId, 'Pause')
    await expect(recordingState(page)).toHaveText('Paused by another party')
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
    await sim.endCall(call.uccName, call.correlationId)
    await expect(page.getByTestId('recorder-indicator')).toHaveAttribute(
      'data-indicator',
      'call-ended',
    )
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
  })
}

test('an alert about a 401 goes as soon as a token is handed over', async ({ page, sim }) => {
  const call = await sim.createCall()
  await sim.failNext({
    endpoint: 'capabilities',
    count: 1,
    status: 401,
    body: { message: 'Sign in first.' },
  })
  await page.goto(`/?ucc=${call.uccName}&correlationId=${call.correlationId}`)
  const alert = page.getByRole('alert').filter({ hasText: 'Could not check what agents may do' })
  await expect(alert).toContainText('Sign in first.')
  await page.evaluate(() =>
    (
      window as { recordingPanel?: { setAccessToken(token: string): void } }
    ).recordingPanel?.setAccessToken('a-token'),
  )
  await expect(alert).toHaveCount(0)
  await expect(button(page, 'Pause')).toBeEnabled()
})
