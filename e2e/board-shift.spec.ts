import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, expectBoardCellsWhole, holdRequests, test, type Call } from './fixtures.ts'
import { AGENT, DEMO_UCC, type SimClient } from '../test-support/sim-client.ts'

// A shift as a supervisor lives it: the board opened, reloaded, left and come back to; acting in
// one's own name; pauses found already running; a 1280 px screen; being told of a pause too long
// without watching the board.

const SUPERVISOR = 'sip:supervisor@domain.com'
const OTHER_SUPERVISOR = 'sip:alice@domain.com'
const SALES = 'ucc-sales'
const SUPPORT = 'ucc-support'
const PAUSED = 3
// The first GET after an event may wait for the board's per-call interval (5 s).
const READ = { timeout: 15_000 }
const AT_1280 = { width: 1280, height: 800 }

type Config = Record<string, unknown>

async function useConfig(page: Page, config: Config = {}) {
  await page.route('**/config.json', (route) =>
    route.fulfill({
      json: { uccName: DEMO_UCC, requesterSipUri: AGENT, supervisorSipUri: SUPERVISOR, ...config },
    }),
  )
}

function boardUrl(uccNames: string[] = [DEMO_UCC], extra = '') {
  return `/?view=board&ucc=${uccNames.join(',')}${extra}`
}

/** Opens the board and waits until it listens to the hub. */
async function openBoard(page: Page, uccNames: string[] = [DEMO_UCC], extra = '') {
  await page.goto(boardUrl(uccNames, extra))
  await expect(page.getByTestId('hub-state')).toHaveAttribute('data-state', 'Connected')
}

function row(page: Page, correlationId: string) {
  return page.locator(`[data-testid="call-row"][data-correlation-id="${correlationId}"]`)
}

function recorder(page: Page, correlationId: string) {
  return row(page, correlationId).getByTestId('recording-state')
}

async function expectConfirmed(page: Page, call: Call) {
  await expect(recorder(page, call.correlationId)).not.toHaveAttribute('data-stale', 'true', READ)
}

/**
 * Pauses `call` so that the board sees the pause begin: by its event. A read of the call answering
 * "Paused" before the event reaches the page (a GET and the hub's message race on a busy machine)
 * would rightly make the pause's start a lower bound (0004), so the call's reads wait until the
 * event is shown.
 */
async function pauseSeenAsItHappens(page: Page, sim: SimClient, call: Call) {
  await expectConfirmed(page, call)
  const reads = await holdRequests(page, '**/attendantservice/api/**', (request) =>
    request.url().toLowerCase().endsWith(call.correlationId),
  )
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Paused')
  reads.release()
}

/** Opens the box for ids (the supervisor's own choice: it then stays open), adds, and says what it said. */
async function addIds(page: Page, text: string) {
  const toggle = page.getByTestId('add-ids-open')
  await toggle.click()
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await page.getByTestId('add-ids').fill(text)
  await page.getByTestId('add-ids-submit').click()
}

/** Closes the box for ids (whether it was open by itself or by hand). */
async function closeAddIds(page: Page) {
  const toggle = page.getByTestId('add-ids-open')
  await toggle.click()
  if ((await toggle.getAttribute('aria-expanded')) !== 'false') await toggle.click()
  await expect(page.getByTestId('add-ids')).toHaveCount(0)
}

async function foldNote(page: Page) {
  const note = page.getByTestId('board-note')
  if ((await note.getAttribute('open')) !== null) await note.locator('summary').click()
  await expect(note).not.toHaveAttribute('open')
}

/** What this browser's IndexedDB holds for the board: its calls, and its event logs' lines. */
async function remembered(page: Page): Promise<{ calls: StoredCall[]; lines: number }> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('recording-panel-ledger')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          if (!db.objectStoreNames.contains('board-calls')) {
            db.close()
            resolve({ calls: [], lines: 0 })
            return
          }
          const tx = db.transaction(['board-calls', 'board-log'])
          const calls = tx.objectStore('board-calls').getAll()
          const logs = tx.objectStore('board-log').getAll()
          tx.oncomplete = () => {
            db.close()
            resolve({
              calls: calls.result as StoredCall[],
              lines: (logs.result as { lines: unknown[] }[]).reduce(
                (n, log) => n + log.lines.length,
                0,
              ),
            })
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
  )
}

interface StoredCall {
  key: string
  correlationId: string
  recording: string
  marking: string
  pausedSince: number | null
  pausedSinceExact: boolean
  endedAt: number | null
}

/** The pause ledger's change records (this browser's IndexedDB). */
async function ledgerChanges(page: Page) {
  return page.evaluate(
    () =>
      new Promise<
        { correlationId: string; action: string; source: string; requesterSipUri: string | null }[]
      >((resolve, reject) => {
        const request = indexedDB.open('recording-panel-ledger')
        request.onerror = () => reject(request.error)
        request.onsuccess = () => {
          const db = request.result
          const all = db.transaction('records').objectStore('records').getAll()
          all.onsuccess = () => {
            db.close()
            resolve(all.result.filter((record: { kind: string }) => record.kind === 'change'))
          }
          all.onerror = () => reject(all.error)
        }
      }),
  )
}

/** Waits until this browser remembers each call in `state` (the board writes about once a second). */
async function expectRemembered(page: Page, calls: [Call, string][]) {
  await expect
    .poll(async () => {
      const stored = (await remembered(page)).calls
      return calls.map(
        ([call]) =>
          stored.find((entry) => entry.correlationId === call.correlationId)?.recording ?? null,
      )
    }, READ)
    .toEqual(calls.map(([, state]) => state))
}

async function twoMoreUccs(sim: SimClient) {
  await sim.addUcc(SALES, [AGENT, SUPERVISOR])
  await sim.addUcc(SUPPORT, [AGENT, SUPERVISOR])
}

async function expectNoAxeViolations(page: Page) {
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([])
}

// ---------------------------------------------------------------------------------------------
// 1. The board remembers

test('calls the board learned and their last known state come back after a reload, not confirmed until read, with the event log', async ({
  page,
  sim,
}) => {
  const typed = await sim.createCall({ silent: true })
  const fromAddress = await sim.createCall({ silent: true, markingState: 1 })
  await useConfig(page)
  await openBoard(page, [DEMO_UCC], `&calls=${fromAddress.correlationId}`)
  const paused = await sim.createCall()
  await sim.actAs(paused.uccName, paused.correlationId, 'Pause')
  await addIds(page, typed.correlationId)
  await expect(page.getByTestId('add-ids-status')).toHaveText('Added 1 id.')
  for (const call of [typed, fromAddress, paused]) await expectConfirmed(page, call)
  // Long enough that a pause counted again from the reload would show.
  await expect(row(page, paused.correlationId).getByTestId('pause-timer')).toHaveText(
    /^0:0[3-9]$/,
    { timeout: 10_000 },
  )
  await expectRemembered(page, [
    [typed, 'Started'],
    [fromAddress, 'Started'],
    [paused, 'Paused'],
  ])
  await expect.poll(async () => (await remembered(page)).lines, READ).toBe(2)

  // After the reload every read is held: what shows is what the browser remembered.
  const reads = await holdRequests(
    page,
    '**/attendantservice/api/**',
    (request) => request.method() === 'GET' && !request.url().includes('capabilities'),
  )
  await page.reload()
  for (const [call, state] of [
    [typed, 'Started'],
    [fromAddress, 'Started'],
    [paused, 'Paused'],
  ] as const) {
    await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', state)
    await expect(recorder(page, call.correlationId)).toHaveAttribute('data-stale', 'true')
  }
  await expect(row(page, fromAddress.correlationId).getByTestId('marking-state')).toHaveAttribute(
    'data-state',
    'Mark',
  )
  // The pause keeps its start: still exact, and at least as long as before the reload.
  const timer = row(page, paused.correlationId).getByTestId('pause-timer')
  await expect(timer).toHaveText(/^0:0[3-9]$/)
  await expect(timer).toHaveAttribute('data-exact', 'true')
  await expect(page.getByTestId('event-line')).toHaveCount(2)
  await expect(page.getByTestId('event-log')).toContainText(paused.correlationId.slice(0, 8))
  await expect(page.getByTestId('lookups-checking')).toHaveCount(0)

  reads.release()
  for (const call of [typed, fromAddress, paused]) await expectConfirmed(page, call)
  await expect(page.getByTestId('lookup-not-found')).toHaveCount(0)
})

test('after leaving the board in its tab and going back, its calls are there, and one that ended meanwhile shows as ended', async ({
  page,
  sim,
}) => {
  await useConfig(page, { endedCallLingerSeconds: 600 })
  await openBoard(page)
  const staying = await sim.createCall()
  const ending = await sim.createCall()
  for (const call of [staying, ending]) await expectConfirmed(page, call)
  await expectRemembered(page, [
    [staying, 'Started'],
    [ending, 'Started'],
  ])

  // The agent panel for a call, in the board's own tab (as an old link or a typed address would).
  await page.goto(`/?ucc=${DEMO_UCC}&correlationId=${staying.correlationId}&agent=${SUPERVISOR}`)
  await expect(page.getByTestId('recording-state')).toHaveAttribute('data-state', 'Started')
  await sim.endCall(ending.uccName, ending.correlationId)
  await page.goBack()

  await expect(row(page, staying.correlationId)).toBeVisible()
  await expectConfirmed(page, staying)
  await expect(row(page, ending.correlationId)).toHaveAttribute('data-ended', 'true', READ)
  await expect(row(page, ending.correlationId)).toContainText('Ended')
  await expect(page.getByTestId('lookups-not-found')).toHaveCount(0)
  await expect(page.getByTestId('event-line')).toHaveCount(2)
})

test('"Open" opens the agent panel in a new tab, as the supervisor, and the board stays', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page)
  const call = await sim.createCall()
  await expectConfirmed(page, call)
  const link = row(page, call.correlationId).getByTestId('row-open')
  await expect(link).toHaveAttribute('target', '_blank')
  await expect(link).toHaveAttribute('rel', /\bnoopener\b/)
  await expect(link).toHaveAccessibleName(
    `Open the agent panel for call ${call.correlationId.slice(0, 8)} in a new tab`,
  )

  const [panel] = await Promise.all([page.waitForEvent('popup'), link.click()])
  await panel.waitForLoadState()
  const opened = new URL(panel.url())
  expect(Object.fromEntries(opened.searchParams)).toEqual({
    ucc: DEMO_UCC,
    correlationId: call.correlationId,
    agent: SUPERVISOR,
  })
  expect(await panel.evaluate(() => window.opener)).toBeNull()
  await expect(row(page, call.correlationId)).toBeVisible()
  await expect(page).toHaveURL(/view=board/)
})

test('without IndexedDB the board says so and keeps the ids added by hand across a reload', async ({
  page,
  sim,
}) => {
  await page.addInitScript(() =>
    Object.defineProperty(window, 'indexedDB', { configurable: true, get: () => undefined }),
  )
  const typed = await sim.createCall({ silent: true })
  await useConfig(page)
  await openBoard(page)
  await expect(page.getByTestId('board-memory-unavailable')).toHaveAttribute(
    'data-reason',
    'unsupported',
  )
  await expect(page.getByTestId('board-note')).toContainText(
    'Only the ids you add are kept in this browser.',
  )
  await addIds(page, typed.correlationId)
  await expectConfirmed(page, typed)
  await page.reload()
  await expectConfirmed(page, typed)
  await expect(page.getByTestId('board-memory-unavailable')).toBeVisible()
  await expectNoAxeViolations(page)
})

// ---------------------------------------------------------------------------------------------
// 2. The supervisor's own identity

test('with no supervisor SIP URI the board offers no action and says why, even with an agent configured', async ({
  page,
  sim,
}) => {
  await useConfig(page, { supervisorSipUri: '' })
  await openBoard(page)
  const identity = page.getByTestId('supervisor-identity')
  await expect(identity).toContainText('Resume and Mark are off')
  await expect(identity).toContainText('supervisor=sip:you@domain')
  await expect(identity).toContainText('supervisorSipUri')
  const call = await sim.createCall()
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Paused')
  await expectConfirmed(page, call)
  for (const action of ['row-resume', 'row-mark']) {
    const button = row(page, call.correlationId).getByTestId(action)
    await expect(button).toBeDisabled()
    await expect(button).toHaveAttribute('title', /does not know who you are/)
  }
  // The link carries no agent: the panel then asks for one or uses its own configuration.
  const href = await row(page, call.correlationId).getByTestId('row-open').getAttribute('href')
  expect(new URL(href!, page.url()).searchParams.has('agent')).toBe(false)
  await expectNoAxeViolations(page)
})

test('Resume is sent as the supervisor of the address (over config.json), named in the dialog, and on record as theirs', async ({
  page,
  sim,
}) => {
  await useConfig(page, { supervisorSipUri: OTHER_SUPERVISOR })
  await openBoard(page, [DEMO_UCC], `&supervisor=${SUPERVISOR}`)
  await expect(page.getByTestId('supervisor-identity')).toHaveAttribute('data-sip-uri', SUPERVISOR)
  const call = await sim.createCall()
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expectConfirmed(page, call)

  await row(page, call.correlationId).getByTestId('row-resume').click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('resume-as')).toContainText(SUPERVISOR)
  await expect(dialog.getByTestId('resume-as')).not.toContainText(AGENT)
  const sent = page.waitForRequest(
    (request) => request.method() === 'POST' && request.url().includes('/attendantservice/api/'),
  )
  await dialog.getByTestId('confirm').click()
  expect((await sent).postDataJSON()).toMatchObject({
    Action: 1,
    CorrelationId: call.correlationId,
    RequesterSipUri: SUPERVISOR,
  })
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')
  expect((await sim.audit(call.correlationId)).at(-1)?.requester).toBe(SUPERVISOR)
  // On record as the supervisor's: the only change credited to anyone of this browser.
  await expect
    .poll(async () =>
      (await ledgerChanges(page))
        .filter((change) => change.correlationId === call.correlationId)
        .filter((change) => change.requesterSipUri !== null || change.source !== 'other')
        .map(({ action, source, requesterSipUri }) => [action, source, requesterSipUri]),
    )
    .toEqual([['Start', 'supervisor', SUPERVISOR]])
})

test('a supervisor= that is not a SIP URI is refused: listed, and no action is offered', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page, [DEMO_UCC], '&supervisor=supervisor@domain.com')
  await expect(page.getByTestId('address-problems')).toContainText(
    '"supervisor@domain.com" is not a valid SIP URI',
  )
  await expect(page.getByTestId('supervisor-identity')).toContainText('Resume and Mark are off')
  const call = await sim.createCall()
  await expectConfirmed(page, call)
  await expect(row(page, call.correlationId).getByTestId('row-mark')).toBeDisabled()
})

// ---------------------------------------------------------------------------------------------
// 3. Pauses found already running

test('a pause found already running shows "at least" and sorts by that lower bound among exact pauses', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page)
  const early = await sim.createCall()
  await pauseSeenAsItHappens(page, sim, early)
  // Paused before this board knew of it: found by a read, counted from then.
  const found = await sim.createCall({ recordingState: PAUSED, silent: true })
  await addIds(page, found.correlationId)
  await expectConfirmed(page, found)
  const late = await sim.createCall()
  await pauseSeenAsItHappens(page, sim, late)

  const timer = row(page, found.correlationId).getByTestId('pause-timer')
  await expect(timer).toHaveText(/^at least 0:\d\d$/)
  await expect(timer).toHaveAttribute('data-exact', 'false')
  await expect(timer).toHaveAttribute('aria-label', /^paused for at least 0:\d\d$/)
  await expect(row(page, early.correlationId).getByTestId('pause-timer')).toHaveText(/^0:\d\d$/)
  await expect(page.getByTestId('call-row')).toHaveCount(3)
  expect(
    await page
      .getByTestId('call-row')
      .evaluateAll((rows) => rows.map((element) => element.getAttribute('data-correlation-id'))),
  ).toEqual([early.correlationId, found.correlationId, late.correlationId])
})

// ---------------------------------------------------------------------------------------------
// 4. The layout at 1280 px (and the other sizes the issue was seen at)

/** Every badge of the rows on screen shows its whole text, inside its cell. */
async function expectBadgesFit(page: Page) {
  const badges = await page.locator('[data-testid="call-row"] [data-badge]').evaluateAll((found) =>
    found.map((badge) => {
      const box = badge.getBoundingClientRect()
      const cell = badge.closest('td')!.getBoundingClientRect()
      return {
        kind: badge.getAttribute('data-badge'),
        text: badge.textContent,
        fits: badge.scrollWidth <= badge.clientWidth && badge.clientWidth > 0,
        inCell: box.left >= cell.left - 0.5 && box.right <= cell.right + 0.5,
      }
    }),
  )
  expect(badges.length).toBeGreaterThan(0)
  for (const badge of badges)
    expect(badge, `${badge.kind} "${badge.text}"`).toMatchObject({ fits: true, inCell: true })
  return badges.map((badge) => badge.kind)
}

/** A busy board: calls in three contact centers, one over its limit (and not confirmed), one paused
 * too long under a longer limit, one ended, and more calls than a screen holds. */
async function busyBoard(page: Page, sim: SimClient) {
  await twoMoreUccs(sim)
  await useConfig(page, {
    pauseAlertSeconds: 1,
    maxPauseSeconds: 2,
    endedCallLingerSeconds: 600,
    uccOverrides: { [SALES]: { maxPauseSeconds: 600 } },
  })
  await page.addInitScript(() => localStorage.setItem('recording-board.note-open', 'false'))
  await openBoard(page, [DEMO_UCC, SALES, SUPPORT])
  const overLimit = await sim.createCall()
  const tooLong = await sim.createCall({ ucc: SALES })
  const ended = await sim.createCall({ ucc: SUPPORT })
  const others: Call[] = []
  for (let n = 0; n < 12; n += 1)
    others.push(await sim.createCall({ ucc: [DEMO_UCC, SALES, SUPPORT][n % 3] }))
  for (const call of [overLimit, tooLong, ended, ...others]) await expectConfirmed(page, call)
  // The call over its limit stays unconfirmed: its reads are held.
  const held = await holdRequests(page, '**/attendantservice/api/**', (request) =>
    request.url().toLowerCase().endsWith(overLimit.correlationId),
  )
  await sim.actAs(overLimit.uccName, overLimit.correlationId, 'Pause')
  await sim.actAs(tooLong.uccName, tooLong.correlationId, 'Pause')
  await sim.endCall(ended.uccName, ended.correlationId)
  await expect(row(page, overLimit.correlationId)).toHaveAttribute('data-over-limit', 'true')
  await expect(row(page, tooLong.correlationId)).toHaveAttribute('data-alert', 'true')
  await expect(row(page, ended.correlationId)).toHaveAttribute('data-ended', 'true', READ)
  await expect(recorder(page, overLimit.correlationId)).toHaveAttribute('data-stale', 'true')
  await closeAddIds(page)
  return { overLimit, tooLong, ended, held }
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`at 1280 × 800 no badge is cut, a dozen rows show, and the event log tells UCCs apart (${colorScheme})`, async ({
    page,
    sim,
  }) => {
    await page.emulateMedia({ colorScheme })
    await page.setViewportSize(AT_1280)
    const { overLimit, held } = await busyBoard(page, sim)
    expect(await expectBadgesFit(page)).toEqual(
      expect.arrayContaining(['over-limit', 'not-confirmed', 'too-long', 'ended']),
    )
    await expect(row(page, overLimit.correlationId).locator('[data-badge]')).toHaveText([
      'over limit',
      'not confirmed',
    ])

    // Room for rows: at least 12 wholly in view, and no sideways scrolling.
    const table = page.getByTestId('call-table')
    const inView = await table.evaluate((scroller) => {
      const view = scroller.getBoundingClientRect()
      return Array.from(scroller.querySelectorAll('[data-testid="call-row"]')).filter((element) => {
        const box = element.getBoundingClientRect()
        return box.top >= view.top && box.bottom <= view.bottom
      }).length
    })
    expect(inView).toBeGreaterThanOrEqual(12)
    await expectBoardCellsWhole(page)

    // The event log shows each UCC's whole name.
    const names = await page
      .getByTestId('event-line')
      .locator('[data-ucc-name]')
      .evaluateAll((found) =>
        found.map((name) => ({
          text: name.textContent,
          fits: name.scrollWidth <= name.clientWidth,
        })),
      )
    expect(new Set(names.map((name) => name.text))).toEqual(new Set([DEMO_UCC, SALES, SUPPORT]))
    for (const name of names) expect(name.fits).toBe(true)

    await expectNoAxeViolations(page)
    held.release()
  })
}

test('at 1920 × 1080 and 320 × 640 no badge is cut either', async ({ page, sim }) => {
  await page.setViewportSize(AT_1280)
  const { held } = await busyBoard(page, sim)
  for (const viewport of [
    { width: 1920, height: 1080 },
    { width: 320, height: 640 },
  ]) {
    await page.setViewportSize(viewport)
    await expect.poll(() => page.evaluate(() => window.innerWidth)).toBe(viewport.width)
    await expectBadgesFit(page)
  }
  held.release()
})

test('the explanation folds away and stays folded after a reload; adding ids is behind a button', async ({
  page,
  sim,
}) => {
  await useConfig(page)
  await openBoard(page)
  const note = page.getByTestId('board-note')
  await expect(note).toHaveAttribute('open')
  await expect(note.getByText('cannot list calls')).toBeVisible()
  await foldNote(page)
  await expect(note.getByText('cannot list calls')).toBeHidden()
  const call = await sim.createCall()
  await expectConfirmed(page, call)
  await expectRemembered(page, [[call, 'Started']])
  await page.reload()
  await expect(row(page, call.correlationId)).toBeVisible()
  await expect(note).not.toHaveAttribute('open')
  // With calls on the board, the box for ids waits behind its button.
  const toggle = page.getByTestId('add-ids-open')
  await expect(toggle).toHaveAttribute('aria-expanded', 'false')
  await expect(page.getByTestId('add-ids')).toHaveCount(0)
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-expanded', 'true')
  await expect(page.getByTestId('add-ids')).toBeVisible()
  await expect(page.getByTestId('add-ids-submit')).toBeVisible()
  await expect(page.locator(`#${await toggle.getAttribute('aria-controls')}`)).toBeVisible()
  await page.getByTestId('export-ledger-open').click()
  await expect(page.getByTestId('export-ledger')).toBeVisible()
  await expectNoAxeViolations(page)
  await note.locator('summary').click()
  await expect(note).toHaveAttribute('open')
  await page.reload()
  await expect(page.getByTestId('board-note')).toHaveAttribute('open')
})

// ---------------------------------------------------------------------------------------------
// 5. Search by UCC; what adding ids found

test('search finds calls by UCC name as well as by id', async ({ page, sim }) => {
  await twoMoreUccs(sim)
  await useConfig(page)
  await openBoard(page, [DEMO_UCC, SALES, SUPPORT])
  const sales = await sim.createCall({ ucc: SALES })
  const support = await sim.createCall({ ucc: SUPPORT })
  const demo = await sim.createCall()
  for (const call of [sales, support, demo]) await expectConfirmed(page, call)
  const search = page.getByRole('searchbox', { name: 'Search by id or UCC' })
  const shown = page.getByTestId('call-row')

  await search.fill('SALES')
  await expect(shown).toHaveCount(1)
  await expect(shown).toHaveAttribute('data-ucc', SALES)
  await search.fill('ucc-s')
  await expect(shown).toHaveCount(2)
  await search.fill(support.correlationId.slice(9, 18))
  await expect(shown).toHaveCount(1)
  await expect(shown).toHaveAttribute('data-correlation-id', support.correlationId)
  await search.fill('')
  await expect(shown).toHaveCount(3)
})

test('adding ids says how many were found and how many are known nowhere', async ({
  page,
  sim,
}) => {
  const known = await Promise.all([1, 2, 3].map(() => sim.createCall({ silent: true })))
  const unknown = ['00000000-0000-4000-8000-00000000beef', '00000000-0000-4000-8000-00000000cafe']
  await useConfig(page)
  await openBoard(page)
  await addIds(page, [...known.map((call) => call.correlationId), ...unknown].join('\n'))
  await expect(page.getByTestId('add-ids-status')).toHaveText('Added 3 ids, 2 not found.', READ)
  await expect(page.getByTestId('lookup-not-found')).toHaveCount(2)
  await expectNoAxeViolations(page)
})

// ---------------------------------------------------------------------------------------------
// 6. Told without watching the board

interface Shown {
  title: string
  body: string | undefined
  tag: string | undefined
}

declare global {
  interface Window {
    __notifications?: Shown[]
  }
}

/**
 * The page's Notification, replaced before its scripts run: it asks, is granted (for the rest of
 * the tab's life), and notes each notification shown since the page loaded.
 */
async function fakeNotifications(page: Page) {
  await page.addInitScript(() => {
    const shown: Shown[] = []
    window.__notifications = shown
    // The browser keeps a permission once given: across reloads too.
    const granted = () => sessionStorage.getItem('fake-notification-permission') === 'granted'
    class FakeNotification {
      static get permission(): NotificationPermission {
        return granted() ? 'granted' : 'default'
      }
      static requestPermission() {
        sessionStorage.setItem('fake-notification-permission', 'granted')
        return Promise.resolve('granted')
      }
      onclick: (() => void) | null = null
      constructor(title: string, options: NotificationOptions = {}) {
        shown.push({ title, body: options.body, tag: options.tag })
      }
      close() {}
    }
    Object.defineProperty(window, 'Notification', { configurable: true, value: FakeNotification })
  })
}

function notifications(page: Page): Promise<Shown[]> {
  return page.evaluate(() => window.__notifications ?? [])
}

test('a call paused too long is told once per pause: a desktop notification (once allowed) and the title', async ({
  page,
  sim,
}) => {
  await fakeNotifications(page)
  await useConfig(page, { pauseAlertSeconds: 1 })
  await openBoard(page)
  const enable = page.getByTestId('notify-enable')
  await expect(enable).toHaveText('Notify me on the desktop')
  await expectNoAxeViolations(page)
  await enable.click()
  await expect(page.getByTestId('notify-state')).toHaveAttribute('data-permission', 'granted')

  const call = await sim.createCall()
  // Its first read answered first: one still on its way could find the pause ("at least").
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')
  await expectConfirmed(page, call)
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect(row(page, call.correlationId)).toHaveAttribute('data-alert', 'true')
  const id = call.correlationId.slice(0, 8)
  await expect(page).toHaveTitle(`(1) paused too long — ${id} in ${DEMO_UCC} · Recording board`)
  await expect.poll(() => notifications(page)).toHaveLength(1)
  // Seconds later (the board re-checks every second), still the one.
  await expect(row(page, call.correlationId).getByTestId('pause-timer')).toHaveText(/^0:0[4-9]$/, {
    timeout: 10_000,
  })
  expect(await notifications(page)).toEqual([
    {
      title: `Call ${id} in ${DEMO_UCC} is paused too long`,
      body: 'Paused for more than 1 s: the agent may have forgotten to resume the recording.',
      tag: `recording-board:${DEMO_UCC}|${call.correlationId}`,
    },
  ])
  // A reload is not a new pause (the permission stays given).
  await page.reload()
  await expect(row(page, call.correlationId)).toHaveAttribute('data-alert', 'true')
  await expectConfirmed(page, call)
  await expect(page).toHaveTitle(/^\(1\) paused too long/)
  await expect(page.getByTestId('notify-state')).toHaveAttribute('data-permission', 'granted')
  expect(await notifications(page)).toEqual([])

  // Resumed, then paused again: a new pause, told again.
  await sim.actAs(call.uccName, call.correlationId, 'Start')
  await expect(recorder(page, call.correlationId)).toHaveAttribute('data-state', 'Started')
  await expect(page).toHaveTitle('Recording board')
  await sim.actAs(call.uccName, call.correlationId, 'Pause')
  await expect.poll(() => notifications(page)).toHaveLength(1)
  await expect(page).toHaveTitle(`(1) paused too long — ${id} in ${DEMO_UCC} · Recording board`)
})

test('where notifications are blocked the board says so', async ({ page }) => {
  await page.addInitScript(() =>
    Object.defineProperty(window, 'Notification', {
      configurable: true,
      value: { permission: 'denied', requestPermission: () => Promise.resolve('denied') },
    }),
  )
  await useConfig(page)
  await openBoard(page)
  await expect(page.getByTestId('notify-state')).toHaveText(
    'Desktop notifications are blocked in this browser',
  )
  await expect(page.getByTestId('notify-enable')).toHaveCount(0)
})
