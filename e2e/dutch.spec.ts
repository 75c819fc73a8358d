import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { AGENT, DEMO_UCC } from '../test-support/sim-client.ts'
import {
  button,
  expect,
  expectBoardCellsWhole,
  panelUrl,
  recordingState,
  serveConfig,
  test,
  type Call,
} from './fixtures.ts'

// The panel and the board in Dutch: chosen by lang= in the address, by `language` in config.json,
// or by the browser; the words change, the test contract's data-state values do not.

const SUPERVISOR = 'sip:supervisor@domain.com'
const STARTED = 1
const PAUSED = 3
const MARKED = 1
// A board row's first read after an event may wait for the per-call interval (5 s).
const BOARD_READ = { timeout: 15_000 }

async function expectNoAxeViolations(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
}

/** Opens the agent panel for `call` and waits until the hub is live and the state confirmed. */
async function openPanelAt(page: Page, call: Call, extra = '') {
  await page.goto(panelUrl(call, AGENT, extra))
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
}

/** The agent panel speaks Dutch: the document, the title, the words; the contract's values stay. */
async function expectDutchPanel(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
  await expect(page).toHaveTitle('Gespreksopname')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gespreksopname')
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(page.getByTestId('recorder-indicator')).toContainText('Opname loopt')
  await expect(page.getByTestId('hub-state')).toContainText('Live')
}

test('the agent panel in Dutch by lang=nl: words, live announcement and title; data-state as in English', async ({
  page,
  sim,
}) => {
  const call = await sim.createCall({ recordingState: STARTED })
  await openPanelAt(page, call, '&lang=nl')
  await expectDutchPanel(page)
  await expect(page.getByText('Het gesprek wordt opgenomen.', { exact: false })).toBeVisible()
  await expectNoAxeViolations(page)

  await button(page, 'Pauzeren').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Paused')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(page.getByTestId('recorder-indicator')).toContainText('Gepauzeerd')
  await expect(page.getByText('kaartgegevens aannemen is veilig', { exact: false })).toBeVisible()
  await expect(button(page, 'Hervatten')).toBeEnabled()
  await expect(button(page, 'Pause')).toHaveCount(0)
  // The screen reader hears it in Dutch too.
  await expect(page.getByRole('status').filter({ hasText: 'bevestigd.' })).toHaveText(
    /^Gepauzeerd door jou, bevestigd\.$/,
  )
  await expectNoAxeViolations(page)

  // The Stop question is a Dutch dialog.
  await button(page, 'Stoppen').click()
  const dialog = page.getByRole('dialog', { name: 'Opname stoppen?' })
  await expect(dialog).toBeVisible()
  await expectNoAxeViolations(page)
  await button(dialog, 'Annuleren').click()
  await expect(dialog).toBeHidden()

  await button(page, 'Hervatten').click()
  await expect(recordingState(page)).toHaveAttribute('data-state', 'Started')
  await expect(recordingState(page)).not.toHaveAttribute('data-stale', 'true')
  await expect(button(page, 'Pauzeren')).toBeEnabled()
})

test('the agent panel in Dutch by language in config.json', async ({ page, sim }) => {
  await serveConfig(page, { language: 'nl' })
  const call = await sim.createCall({ recordingState: STARTED })
  await openPanelAt(page, call)
  await expectDutchPanel(page)
  await expect(button(page, 'Pauzeren')).toBeEnabled()
  await expect(page.getByTestId('config-warning')).toHaveCount(0)
  await expectNoAxeViolations(page)
})

test('lang=en wins over language "nl" in config.json', async ({ page, sim }) => {
  await serveConfig(page, { language: 'nl' })
  const call = await sim.createCall({ recordingState: STARTED })
  await openPanelAt(page, call, '&lang=en')
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(page).toHaveTitle('Call recording')
  await expect(button(page, 'Pause')).toBeEnabled()
  await expect(page.getByTestId('recorder-indicator')).toContainText('Recording')
})

test('a language config.json does not know is refused with a warning naming the key; English stays', async ({
  page,
  sim,
}) => {
  await serveConfig(page, { language: 'de' })
  const call = await sim.createCall({ recordingState: STARTED })
  await openPanelAt(page, call)
  await expect(page.getByTestId('config-warning')).toContainText(
    'config.json: "language" must be "en" or "nl"; using the default.',
  )
  await expect(page.locator('html')).toHaveAttribute('lang', 'en')
  await expect(button(page, 'Pause')).toBeEnabled()
})

test.describe('in a Dutch browser', () => {
  test.use({ locale: 'nl-NL' })

  test('the panel speaks Dutch without being asked, and lang=en still wins', async ({
    page,
    sim,
  }) => {
    const call = await sim.createCall({ recordingState: STARTED })
    await openPanelAt(page, call)
    await expectDutchPanel(page)
    await openPanelAt(page, call, '&lang=en')
    await expect(page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(button(page, 'Pause')).toBeEnabled()
  })
})

/** The board for the demo UCC with `call` added by id, once the hub is live and the row confirmed. */
async function openBoardAt(page: Page, call: Call, extra = '') {
  await page.goto(`/?view=board&ucc=${DEMO_UCC}&calls=${call.correlationId}${extra}`)
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
  const row = page.locator(`[data-testid="call-row"][data-correlation-id="${call.correlationId}"]`)
  await expect(row.getByTestId('recording-state')).not.toHaveAttribute(
    'data-stale',
    'true',
    BOARD_READ,
  )
  return row
}

async function expectDutchBoard(page: Page, call: Call, row: ReturnType<Page['locator']>) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
  await expect(page).toHaveTitle('Opnameoverzicht')
  await expect(row.getByTestId('recording-state')).toHaveAttribute('data-state', 'Paused')
  await expect(row.getByTestId('recording-state')).toContainText('Gepauzeerd')
  await expect(
    row.getByRole('button', {
      name: `Hervat de opname van gesprek ${call.correlationId.slice(0, 8)}`,
    }),
  ).toBeEnabled()
  await expect(page.getByText('Geen gesprek te lang gepauzeerd')).toBeVisible()
}

test('the board in Dutch by lang=nl: words, the Resume dialog, axe clean; data-state as in English', async ({
  page,
  sim,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  // Found paused and marked: the longest words a row shows ("Gepauzeerd minstens 0:00 / 2:00",
  // "Gemarkeerd").
  const call = await sim.createCall({ recordingState: PAUSED, markingState: MARKED })
  const row = await openBoardAt(page, call, `&supervisor=${SUPERVISOR}&lang=nl`)
  await expectDutchBoard(page, call, row)
  await expect(row.getByTestId('pause-timer')).toContainText('minstens')
  await expect(row.getByTestId('marking-state')).toHaveText('Gemarkeerd')
  await expectNoAxeViolations(page)
  // The longer Dutch words wrap in their cells: at 1280 px nothing scrolls sideways, nothing is cut.
  await expectBoardCellsWhole(page)

  await row
    .getByRole('button', { name: `Hervat de opname van gesprek ${call.correlationId.slice(0, 8)}` })
    .click()
  const dialog = page.getByRole('dialog', {
    name: `Opname van gesprek ${call.correlationId.slice(0, 8)} hervatten?`,
  })
  await expect(dialog).toContainText('Overleg eerst met de agent.')
  await expectNoAxeViolations(page)
  await button(dialog, 'Opname hervatten').click()
  await expect(row.getByTestId('recording-state')).toHaveAttribute(
    'data-state',
    'Started',
    BOARD_READ,
  )
  await expect(row.getByTestId('recording-state')).toContainText('Opname loopt')
})

test('the board in Dutch by language in config.json', async ({ page, sim }) => {
  await serveConfig(page, { language: 'nl', supervisorSipUri: SUPERVISOR })
  const call = await sim.createCall({ recordingState: PAUSED })
  const row = await openBoardAt(page, call)
  await expectDutchBoard(page, call, row)
  await expect(page.getByTestId('config-warning')).toHaveCount(0)
  await expectNoAxeViolations(page)
})

test('the start page in Dutch', async ({ page }) => {
  await page.goto('/?lang=nl')
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gespreksopname')
  await expect(page.getByLabel('Contactcenter (UCC)')).toBeVisible()
  await expect(button(page, 'Gesprek openen')).toBeVisible()
  await expectNoAxeViolations(page)
})
