import { expect, test } from 'vitest'
import {
  GRACE_MS,
  TruthTracker,
  ViolationKind,
  callKey,
  isViolation,
  judge,
  judgePauseLimit,
  recordingStateName,
} from './judge.ts'
import type { Observation, PauseLimitObservation, TruthChange } from './judge.ts'

const T0 = 1_000_000

/** A page read at T0, its hub Connected and the truth unchanged for 10 s: well past the grace. */
function settledObservation(shown: string | null, truth: string, stale = false): Observation {
  return { shown, stale, truth, truthSince: T0 - 10_000, connectedSince: T0 - 10_000, at: T0 }
}

function change(at: number, recording: string, action = recording): TruthChange {
  return {
    at,
    recording,
    action,
    stateAction: null,
    source: 'control',
    requester: 'sip:payments@domain.com',
    event: true,
  }
}

test('a confirmed state that is the truth agrees', () => {
  for (const state of ['Started', 'Paused', 'Stopped', 'Uninitialized'])
    expect(judge(settledObservation(state, state))).toEqual({ outcome: 'agrees', settled: true })
})

test('a confirmed Paused while the recorder runs is a violation', () => {
  const judgement = judge(settledObservation('Paused', 'Started'))
  expect(judgement).toEqual({ outcome: ViolationKind.PausedWhileNotPaused, settled: true })
  expect(isViolation(judgement.outcome)).toBe(true)
})

test('a confirmed Paused for a recorder that is not paused at all (stopped, not started) is the same violation', () => {
  for (const truth of ['Stopped', 'Uninitialized', 'Unknown'])
    expect(judge(settledObservation('Paused', truth)).outcome).toBe(
      ViolationKind.PausedWhileNotPaused,
    )
})

test('a confirmed Started while the recorder is paused is a violation', () => {
  const judgement = judge(settledObservation('Started', 'Paused'))
  expect(judgement).toEqual({ outcome: ViolationKind.StartedWhilePaused, settled: true })
  expect(isViolation(judgement.outcome)).toBe(true)
})

test('another confirmed disagreement is a mismatch, not a violation', () => {
  for (const [shown, truth] of [
    ['Stopped', 'Started'],
    ['Started', 'Stopped'],
    ['Stopped', 'Paused'],
    ['Uninitialized', 'Started'],
  ] as const) {
    const { outcome } = judge(settledObservation(shown, truth))
    expect(outcome).toBe('mismatch')
    expect(isViolation(outcome)).toBe(false)
  }
})

test('a state shown as not confirmed is never a violation, however wrong and however long', () => {
  for (const [shown, truth] of [
    ['Paused', 'Started'],
    ['Started', 'Paused'],
    ['Stopped', 'Started'],
    ['Paused', 'Paused'],
  ] as const)
    expect(judge(settledObservation(shown, truth, true))).toEqual({
      outcome: 'stale',
      settled: true,
    })
})

test('a missing element says nothing, so it is never a violation', () => {
  expect(judge(settledObservation(null, 'Started')).outcome).toBe('stale')
})

test('the grace after a change of the truth ends only once it has held for more than GRACE_MS', () => {
  const observation = (heldMs: number) => ({
    ...settledObservation('Paused', 'Started'),
    truthSince: T0 - heldMs,
  })
  expect(judge(observation(0))).toEqual({ outcome: 'unsettled', settled: false })
  expect(judge(observation(GRACE_MS))).toEqual({ outcome: 'unsettled', settled: false })
  expect(judge(observation(GRACE_MS + 1))).toEqual({
    outcome: ViolationKind.PausedWhileNotPaused,
    settled: true,
  })
})

test('the grace after the hub connects ends only once it has been Connected for more than GRACE_MS', () => {
  const observation = (connectedMs: number) => ({
    ...settledObservation('Started', 'Paused'),
    connectedSince: T0 - connectedMs,
  })
  expect(judge(observation(GRACE_MS))).toEqual({ outcome: 'unsettled', settled: false })
  expect(judge(observation(GRACE_MS + 1))).toEqual({
    outcome: ViolationKind.StartedWhilePaused,
    settled: true,
  })
})

test('while the hub is not Connected nothing is settled, and a wrong confirmed state is not judged', () => {
  const observation = { ...settledObservation('Paused', 'Started'), connectedSince: null }
  expect(judge(observation)).toEqual({ outcome: 'unsettled', settled: false })
})

test('the grace can be given', () => {
  const observation = { ...settledObservation('Paused', 'Started'), truthSince: T0 - 3000 }
  expect(judge(observation, 5000).outcome).toBe('unsettled')
  expect(judge(observation, 2999).outcome).toBe(ViolationKind.PausedWhileNotPaused)
})

test('a new truth during the grace starts the grace again: the page is judged against the latest truth, from when it began', () => {
  const truth = new TruthTracker()
  const key = callKey('ucc-demo-name', 'ABC')
  truth.record(key, change(T0, 'Started'))
  truth.record(key, change(T0 + 5000, 'Paused'))
  // The page still shows the old Started, confirmed: within the grace of the pause, then not.
  const shownStarted = (at: number) => {
    const now = truth.get(key)
    if (!now) throw new Error('no truth')
    return judge({
      shown: 'Started',
      stale: false,
      truth: now.recording,
      truthSince: now.since,
      connectedSince: T0 - 10_000,
      at,
    }).outcome
  }
  expect(shownStarted(T0 + 5000 + GRACE_MS)).toBe('unsettled')
  // Resumed before the grace ran out: the Started shown is the truth again.
  truth.record(key, change(T0 + 5000 + 600, 'Started'))
  expect(shownStarted(T0 + 5000 + 600 + GRACE_MS + 1)).toBe('agrees')
  // Paused again; this time the page keeps showing Started past the grace.
  truth.record(key, change(T0 + 8000, 'Paused'))
  expect(shownStarted(T0 + 8000 + GRACE_MS)).toBe('unsettled')
  expect(shownStarted(T0 + 8000 + GRACE_MS + 1)).toBe(ViolationKind.StartedWhilePaused)
})

test('a change that leaves the recorder as it was (a mark while paused) does not restart the grace', () => {
  const truth = new TruthTracker()
  const key = callKey('ucc-demo-name', 'abc')
  truth.record(key, change(T0, 'Paused', 'Pause'))
  truth.record(key, change(T0 + 900, 'Paused', 'Mark'))
  expect(truth.get(key)).toEqual({ recording: 'Paused', since: T0 })
  expect(truth.history(key).map((entry) => entry.action)).toEqual(['Pause', 'Mark'])
})

test('calls are told apart by UCC and id, whatever their case', () => {
  const truth = new TruthTracker()
  truth.record(callKey('UCC-A', 'ABC'), change(T0, 'Paused'))
  expect(truth.get(callKey('ucc-a', 'abc'))?.recording).toBe('Paused')
  expect(truth.get(callKey('ucc-b', 'abc'))).toBeUndefined()
})

test('recorder states are named as the page names them', () => {
  expect([0, 1, 2, 3, 99].map(recordingStateName)).toEqual([
    'Uninitialized',
    'Started',
    'Stopped',
    'Paused',
    'Unknown',
  ])
})

// The pause limit

const LIMIT = { limitMs: 12_000, slackMs: 10_000 }

/** Paused since T0, the page's hub Connected since well before, nothing else: read at `at`. */
function pausedAt(at: number, changes: Partial<PauseLimitObservation> = {}): PauseLimitObservation {
  return {
    truth: 'Paused',
    truthSince: T0,
    connectedSince: T0 - 60_000,
    restartedAt: null,
    disturbedAt: null,
    at,
    ...changes,
  }
}

test('a call paused past its limit plus the slack, its page connected throughout and the service answering, is a violation', () => {
  const deadline = T0 + LIMIT.limitMs + LIMIT.slackMs
  expect(judgePauseLimit(pausedAt(deadline), LIMIT)).toEqual({ outcome: 'within', deadline })
  const judgement = judgePauseLimit(pausedAt(deadline + 1), LIMIT)
  expect(judgement).toEqual({ outcome: ViolationKind.PausedPastLimit, deadline })
  expect(isViolation(judgement.outcome)).toBe(true)
})

test('a call that is not paused is never past its limit, however long it has run', () => {
  for (const truth of ['Started', 'Stopped', 'Uninitialized', 'Unknown'])
    expect(judgePauseLimit(pausedAt(T0 + 3_600_000, { truth }), LIMIT).outcome).toBe('not-paused')
})

test('while the page is not connected the guard rightly waits: not judged', () => {
  expect(judgePauseLimit(pausedAt(T0 + 3_600_000, { connectedSince: null }), LIMIT).outcome).toBe(
    'hub-down',
  )
})

test('after a reconnect the count starts again from it (the page counts the pause from then)', () => {
  const reconnected = T0 + 20_000
  const observation = (at: number) => pausedAt(at, { connectedSince: reconnected })
  const deadline = reconnected + LIMIT.limitMs + LIMIT.slackMs
  expect(judgePauseLimit(observation(deadline), LIMIT).outcome).toBe('within')
  expect(judgePauseLimit(observation(deadline + 1), LIMIT).outcome).toBe(
    ViolationKind.PausedPastLimit,
  )
})

test('an old or duplicate event for the call starts the count again from it', () => {
  const restarted = T0 + 15_000
  const deadline = restarted + LIMIT.limitMs + LIMIT.slackMs
  expect(judgePauseLimit(pausedAt(deadline, { restartedAt: restarted }), LIMIT).outcome).toBe(
    'within',
  )
  expect(judgePauseLimit(pausedAt(deadline + 1, { restartedAt: restarted }), LIMIT).outcome).toBe(
    ViolationKind.PausedPastLimit,
  )
  // One from before the pause began changes nothing.
  expect(
    judgePauseLimit(
      pausedAt(T0 + LIMIT.limitMs + LIMIT.slackMs + 1, { restartedAt: T0 - 5 }),
      LIMIT,
    ).outcome,
  ).toBe(ViolationKind.PausedPastLimit)
})

test('the service misbehaving after the limit gives the guard the slack again from its last moment; before the limit it changes nothing', () => {
  const disturbedAt = T0 + LIMIT.limitMs + 8_000
  const deadline = disturbedAt + LIMIT.slackMs
  expect(judgePauseLimit(pausedAt(deadline, { disturbedAt }), LIMIT)).toEqual({
    outcome: 'within',
    deadline,
  })
  expect(judgePauseLimit(pausedAt(deadline + 1, { disturbedAt }), LIMIT).outcome).toBe(
    ViolationKind.PausedPastLimit,
  )
  const early = judgePauseLimit(pausedAt(T0 + 30_000, { disturbedAt: T0 + 2_000 }), LIMIT)
  expect(early).toEqual({
    outcome: ViolationKind.PausedPastLimit,
    deadline: T0 + LIMIT.limitMs + LIMIT.slackMs,
  })
})
