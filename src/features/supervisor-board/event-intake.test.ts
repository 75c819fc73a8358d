import { expect, test } from 'vitest'
import { RecordingAction } from '../../../protocol/wire.ts'
import { EventIntake } from './event-intake.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

test('events of a watched UCC (any casing) wait for the next frame, in order, with the board spelling', () => {
  const intake = new EventIntake(['ucc-A'])
  expect(
    intake.receive({ uccName: 'UCC-a', correlationId: ID, action: RecordingAction.Pause }, 1),
  ).toBe('queued')
  expect(
    intake.receive({ uccName: 'ucc-a', correlationId: ID, action: RecordingAction.Start }, 2),
  ).toBe('queued')
  expect(intake.pending).toBe(true)
  expect(
    intake.take().map(({ uccName, arrivedAt, event }) => [uccName, arrivedAt, event.action]),
  ).toEqual([
    ['ucc-A', 1, RecordingAction.Pause],
    ['ucc-A', 2, RecordingAction.Start],
  ])
  expect(intake.pending).toBe(false)
})

test('another UCC is left alone and not counted; an id no read could find is counted', () => {
  const intake = new EventIntake(['ucc-a'])
  expect(intake.receive({ uccName: 'ucc-b', correlationId: ID, action: undefined }, 0)).toBe(
    'other-ucc',
  )
  expect(intake.receive({ uccName: 'ucc-a', correlationId: '..', action: undefined }, 0)).toBe(
    'ignored',
  )
  expect(
    intake.receive(
      { uccName: 'ucc-b', correlationId: 'javascript:alert(1)', action: undefined },
      0,
    ),
  ).toBe('ignored')
  expect(intake.ignored).toBe(2)
  expect(intake.pending).toBe(false)
})
