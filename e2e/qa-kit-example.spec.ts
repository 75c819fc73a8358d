import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, RecordingPanel, test as kit } from '../qa-kit/fixtures.ts'
import { startStaticServer } from '../test-support/static-server.ts'

// The QA kit's example (README, "Testing an agent desktop that embeds the panel"): copy it, and
// replace the desktop below with your own. The kit starts the simulator with the calls asked for
// and serves the panel (a build when there is one, else the dev server), with config.json's
// embedOrigins allowing the desktop.

const PAYMENTS = 'sip:payments@domain.com'

/** Your agent desktop goes here. This one frames the panel given in its address (?panel=) and
 *  notes every message the panel sends it. */
const DESKTOP_HTML = `<!doctype html><title>Desktop</title>
<iframe title="Call recording" width="320" height="700"></iframe>
<script type="module">
  const panel = new URL(new URLSearchParams(location.search).get('panel'))
  window.panelMessages = []
  addEventListener('message', (event) => {
    if (event.origin === panel.origin) window.panelMessages.push(event.data)
  })
  document.querySelector('iframe').src = panel.href
</script>`

const test = kit.extend<object, { desktop: { origin: string } }>({
  // The desktop on a server of its own (another origin than the panel's), for this worker.
  desktop: [
    async ({}, use) => {
      const dir = mkdtempSync(join(tmpdir(), 'desktop-'))
      writeFileSync(join(dir, 'index.html'), DESKTOP_HTML)
      const server = await startStaticServer({ dir })
      await use({ origin: server.url })
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    },
    { scope: 'worker' },
  ],
  // The panel lets that desktop frame it and drive it.
  panelConfig: [
    async ({ desktop }, use) => use({ embedOrigins: [desktop.origin] }),
    { scope: 'worker' },
  ],
})

test.use({ recordingCalls: [{ recordingState: 1 }] })

test('the panel alone: a pause is confirmed, another party resumes, Stop asks first', async ({
  page,
  panel,
  calls,
  recordingService,
}) => {
  const [call] = calls
  await page.goto(recordingService.panelUrl(call!))
  await panel.expectConfirmed('Started')
  await panel.expectLedgerRecording()
  expect(await panel.offered()).toContain('pause')

  await panel.pause()
  await panel.expectConfirmed('Paused')
  await expect(panel.pauseCountdown).toBeVisible()

  await recordingService.sim.actAs(call!.uccName, call!.correlationId, 'Start', PAYMENTS)
  await panel.expectConfirmed('Started')
  await expect(
    panel.ledgerEntries({ kind: 'change', action: 'Pause', source: 'agent' }),
  ).toHaveCount(1)
  await expect(panel.ledgerEntries({ kind: 'change', source: 'other' })).toHaveCount(1)

  await panel.stop({ confirm: false })
  await expect(panel.dialog).toBeVisible()
  await panel.cancelDialog()
  await panel.expectConfirmed('Started')
})

test('embedded in a desktop on another origin: the desktop pauses by message, and the panel confirms', async ({
  page,
  calls,
  recordingService,
  desktop,
}) => {
  const [call] = calls
  await page.goto(
    `${desktop.origin}/?${new URLSearchParams({ panel: recordingService.panelUrl(call!) })}`,
  )
  const panel = new RecordingPanel(page.frameLocator('iframe[title="Call recording"]'))
  await panel.expectConfirmed('Started')

  type Message = { type: string; id?: string; ok?: boolean; state?: Record<string, unknown> }
  const messages = () =>
    page.evaluate(() => (window as unknown as { panelMessages: Message[] }).panelMessages)
  await expect.poll(async () => (await messages()).some((m) => m.type === 'ready')).toBe(true)

  await page.evaluate((origin) => {
    document
      .querySelector('iframe')!
      .contentWindow!.postMessage(
        { protocol: 'recording-panel', version: 1, type: 'pause', id: 'qa-1' },
        origin,
      )
  }, recordingService.panelOrigin)
  await expect
    .poll(async () => (await messages()).find((m) => m.type === 'result' && m.id === 'qa-1'))
    .toMatchObject({ ok: true })
  // The result came only once the panel showed the pause as confirmed; its last state says so.
  const states = (await messages()).filter((m) => m.type === 'state')
  expect(states.at(-1)?.state).toMatchObject({ recording: 'Paused', confirmed: true })
  await panel.expectConfirmed('Paused')

  const audit = await recordingService.sim.audit(call!.correlationId)
  expect(audit.map((entry) => entry.action)).toContain('Pause')
})
