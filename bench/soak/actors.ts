// `npm run soak`: who changes the calls while the faults fall. Other parties (a payment system)
// act every 0.3–2 s; the agents click Pause or Resume (now and then the shortcut, or a reload);
// a supervisor resumes or marks from the board; the forgetful agent pauses its call and leaves it
// to its pause guard; and the silent call is changed with no event.
import { MarkingState, RecordingState } from '../../protocol/wire.ts'
import { pick } from '../../simulator/random.ts'
import { bump, errorText, shortCall, weighted } from './common.ts'
import { recordingStateName } from './judge.ts'
import { OTHER_PARTY } from './options.ts'
import type { SoakState } from './state.ts'

/** Other parties: an action the recorder allows from where it is, most often Pause or Start. */
export async function otherParties(soak: SoakState): Promise<void> {
  const { counters, random } = soak
  while (soak.running()) {
    if (!(await soak.nextTurn(300, 2000))) break
    const call = pick(random, soak.busyCalls)
    const state = soak.sim.store.findCall(call.uccName, call.correlationId)
    if (!state) continue
    const toggleMark = state.markingState === MarkingState.Mark ? 'UnMark' : 'Mark'
    const choices: readonly (readonly [string, number])[] =
      state.recordingState === RecordingState.Started
        ? [
            ['Pause', 45],
            [toggleMark, 25],
            ['Save', 15],
            ['Stop', 5],
            ['Delete', 3],
          ]
        : state.recordingState === RecordingState.Paused
          ? [
              ['Start', 60],
              [toggleMark, 20],
              ['Save', 10],
              ['Stop', 5],
            ]
          : [
              ['Start', 85],
              [toggleMark, 15],
            ]
    const action = weighted(random, choices)
    const at = Date.now()
    try {
      const answer = await soak.client.tryActAs(
        call.uccName,
        call.correlationId,
        action,
        OTHER_PARTY,
      )
      bump(counters.actions, action)
      if (answer.status >= 300) counters.actionsRefused += 1
      soak.actionLog.push({
        at,
        what: 'other party',
        detail: `${action} → ${answer.status}`,
        call: call.key,
      })
    } catch (error) {
      counters.actionErrors += 1
      soak.actionLog.push({
        at,
        what: 'other party',
        detail: `${action} failed: ${errorText(error)}`,
        call: call.key,
      })
    }
  }
}

/** The agents: Pause and Resume now and then, the shortcut, now and then a reload. */
export async function agents(soak: SoakState): Promise<void> {
  const { counters, random } = soak
  const pages = soak.watched.filter(
    (watched) =>
      watched.kind === 'agent' && watched.call && !watched.call.silent && !watched.call.forgetful,
  )
  while (soak.running()) {
    if (!(await soak.nextTurn(500, 3000))) break
    const watched = pick(random, pages)
    const roll = random.next()
    const at = Date.now()
    const log = (detail: string) =>
      soak.clickLog.push({ at, what: 'agent', detail, page: watched.name })
    try {
      if (roll < 0.015) {
        counters.clicks.reloads += 1
        watched.stats.reloads += 1
        log('reloads the page')
        await watched.page.reload({ timeout: 20_000 })
      } else if (roll < 0.1) {
        counters.clicks.shortcut += 1
        log('presses Ctrl+Shift+2')
        await watched.page.keyboard.press('Control+Shift+Digit2')
      } else {
        const pause = watched.page.locator('[data-testid="action-pause"]')
        const resume = watched.page.locator('[data-testid="action-resume"]')
        const enabled = (locator: typeof pause) =>
          locator.isEnabled({ timeout: 500 }).catch(() => false)
        if (await enabled(pause)) {
          log('clicks Pause')
          await pause.click({ timeout: 2000 })
          counters.clicks.pause += 1
        } else if (await enabled(resume)) {
          log('clicks Resume')
          await resume.click({ timeout: 2000 })
          counters.clicks.resume += 1
        } else {
          counters.clicks.nothingEnabled += 1
        }
      }
    } catch (error) {
      counters.clicks.failed += 1
      log(`failed: ${errorText(error)}`)
    }
  }
}

/**
 * The forgetful agent: pauses its call 1–3 s after the recorder runs again, and never resumes it;
 * nobody else acts on that call, so only its pause guard ends each pause.
 */
export async function forgetfulAgent(soak: SoakState): Promise<void> {
  const watched = soak.watched.find((candidate) => candidate.call?.forgetful)
  if (!watched?.call) return
  const { key } = watched.call
  const pause = watched.page.locator('[data-testid="action-pause"]')
  while (soak.running()) {
    if (!(await soak.nextTurn(1000, 3000))) break
    if (soak.tracker.get(key)?.recording !== 'Started') continue
    if (!(await pause.isEnabled({ timeout: 500 }).catch(() => false))) continue
    const at = Date.now()
    try {
      await pause.click({ timeout: 2000 })
      soak.clickLog.push({
        at,
        what: 'agent',
        detail: 'clicks Pause (and forgets it)',
        page: watched.name,
      })
    } catch (error) {
      soak.clickLog.push({
        at,
        what: 'agent',
        detail: `Pause failed: ${errorText(error)}`,
        page: watched.name,
      })
    }
  }
}

/** A supervisor on the board: Resume (after its warning) or Mark, now and then. */
export async function supervisor(soak: SoakState): Promise<void> {
  const board = soak.watched.find((watched) => watched.kind === 'board')
  if (!board) return
  const done = soak.counters.supervisor
  while (soak.running()) {
    if (!(await soak.nextTurn(4000, 12_000))) break
    const call = pick(soak.random, soak.busyCalls)
    const row = board.page.locator(
      `[data-testid="call-row"][data-correlation-id="${call.correlationId}"]`,
    )
    const resume = row.locator('[data-testid="row-resume"]')
    const mark = row.locator('[data-testid="row-mark"]')
    const at = Date.now()
    const log = (detail: string) =>
      soak.clickLog.push({
        at,
        what: 'supervisor',
        detail: `${detail} ${shortCall(call)}`,
        page: board.name,
      })
    try {
      if (await resume.isEnabled({ timeout: 500 }).catch(() => false)) {
        log('clicks Resume')
        await resume.click({ timeout: 2000 })
        await board.page.locator('[data-testid="confirm"]').click({ timeout: 2000 })
        done.resume += 1
      } else if (await mark.isEnabled({ timeout: 500 }).catch(() => false)) {
        log('clicks Mark')
        await mark.click({ timeout: 2000 })
        done.mark += 1
      } else done.nothingEnabled += 1
    } catch (error) {
      done.failed += 1
      log(`failed (${errorText(error)}) on`)
      await board.page.keyboard.press('Escape').catch(() => {})
    }
  }
}

/** The silent call: paused or resumed with no event, for information. */
export async function silentChanges(soak: SoakState): Promise<void> {
  const call = soak.silentCall
  if (!call) return
  while (soak.running()) {
    if (!(await soak.nextTurn(4000, 12_000))) break
    const state = soak.sim.store.findCall(call.uccName, call.correlationId)
    const recordingState =
      state?.recordingState === RecordingState.Paused
        ? RecordingState.Started
        : RecordingState.Paused
    const at = Date.now()
    try {
      await soak.client.silent(call.uccName, call.correlationId, { recordingState })
      soak.counters.silent.changes += 1
      soak.silentLog.push({
        at,
        what: 'silent',
        detail: `→ ${recordingStateName(recordingState)}`,
      })
    } catch (error) {
      soak.silentLog.push({ at, what: 'silent', detail: `failed: ${errorText(error)}` })
    }
  }
}
