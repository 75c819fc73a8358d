import { expect, test } from 'vitest'
import { RECORDING_STATE_CHANGED_EVENT, RecordingAction } from '../protocol/wire.ts'
import { describeChange, feedChanges } from './change-feed.ts'
import { EventCasing } from './settings.ts'
import type { Change, ChangeListener } from './store.ts'

const pause: Change = {
  time: '2025-01-01T10:00:00.000Z',
  uccName: 'ucc-1',
  correlationId: 'call-1',
  action: 'Pause',
  stateAction: RecordingAction.Pause,
  requester: 'sip:agent@example.com',
  source: 'rest',
  event: true,
  recordingState: 3,
  markingState: 0,
  savingState: 0,
}

/** A store that hands its one listener to the test, and a hub that keeps what it was sent. */
function feed(options: { log?: boolean; failing?: boolean } = {}) {
  let listener: ChangeListener = () => {}
  const sent: unknown[][] = []
  const lines: string[] = []
  const settings: { eventCasing: EventCasing } = { eventCasing: EventCasing.Pascal }
  feedChanges({
    store: {
      onChange: (added) => {
        listener = added
        return () => {}
      },
    },
    hub: {
      broadcast: (target, args) => {
        if (options.failing) throw new Error('socket gone')
        sent.push([target, ...args])
      },
    },
    settings,
    log: options.log === false ? undefined : (line) => lines.push(line),
  })
  return { change: (change: Change) => listener(change), sent, lines, settings }
}

test('a change is logged, and its event goes to the hub in the casing the settings have then', () => {
  const { change, sent, lines, settings } = feed()
  change(pause)
  settings.eventCasing = EventCasing.Camel
  change(pause)
  expect(lines).toEqual([
    '[rest] Pause ucc-1/call-1 by sip:agent@example.com => R3 M0 S0 -> event 3',
    '[rest] Pause ucc-1/call-1 by sip:agent@example.com => R3 M0 S0 -> event 3',
  ])
  expect(sent).toEqual([
    [RECORDING_STATE_CHANGED_EVENT, { UccName: 'ucc-1', CorrelationId: 'call-1', StateAction: 3 }],
    [RECORDING_STATE_CHANGED_EVENT, { uccName: 'ucc-1', correlationId: 'call-1', stateAction: 3 }],
  ])
})

test('a silent change, or one without a state action (a call starting), is logged but not sent', () => {
  const { change, sent, lines } = feed()
  change({ ...pause, event: false })
  change({ ...pause, action: 'CallStarted', stateAction: null, event: true })
  expect(sent).toEqual([])
  expect(lines[0]).toBe('[rest] Pause ucc-1/call-1 by sip:agent@example.com => R3 M0 S0')
  expect(lines).toHaveLength(2)
})

test('a failed broadcast is logged, not thrown; without a log nothing is written and nothing throws', () => {
  const logged = feed({ failing: true })
  expect(() => logged.change(pause)).not.toThrow()
  expect(logged.lines[1]).toBe('broadcast failed: Error: socket gone')
  const quiet = feed({ failing: true, log: false })
  expect(() => quiet.change(pause)).not.toThrow()
  expect(quiet.lines).toEqual([])
})

test('describeChange names the source, the action, the call, the requester and the states', () => {
  expect(describeChange({ ...pause, source: 'control', action: 'Mark', event: false })).toBe(
    '[control] Mark ucc-1/call-1 by sip:agent@example.com => R3 M0 S0',
  )
})
