import { QueryClient } from '@tanstack/react-query'
import { expect, test } from 'vitest'
import { RecordingAction } from '../../protocol/wire.ts'
import { eventArrived, newEntry, type CallEntry } from '../recording-state/call-entry.ts'
import { observeCallEntries } from './observe-call-entries.ts'

const CALL = { uccName: 'ucc-demo', correlationId: '1d6c6a58-6739-4f0c-98ff-0968292c8c30' }
const KEY = ['recording', CALL.uccName, CALL.correlationId]
const ACTOR = 'sip:agent@example.com'

function setup() {
  const queryClient = new QueryClient()
  const seen: [CallEntry | undefined, CallEntry, number][] = []
  const forgotten: string[] = []
  const client = {
    observe: (prev: CallEntry | undefined, next: CallEntry, context: { now: number }) =>
      void seen.push([prev, next, context.now]),
    forget: (ucc: string, id: string) => void forgotten.push(`${ucc}|${id}`),
  }
  return { queryClient, seen, forgotten, client }
}

test('every new version of a call entry, with the one before it; nothing else', () => {
  const { queryClient, seen, client } = setup()
  const first = newEntry(CALL)
  queryClient.setQueryData(KEY, first) // before: observed at once, as first seen
  const stop = observeCallEntries(queryClient.getQueryCache(), 'recording', client, ACTOR, () => 7)
  expect(seen).toEqual([[undefined, first, 7]])

  const second = eventArrived(first, RecordingAction.Pause, 1_000).entry
  queryClient.setQueryData(KEY, second)
  queryClient.setQueryData(KEY, second) // the same version: nothing new
  queryClient.setQueryData(['capabilities', CALL.uccName], { agentCanEditRecordings: true })
  expect(seen).toEqual([
    [undefined, first, 7],
    [first, second, 7],
  ])

  stop()
  queryClient.setQueryData(KEY, eventArrived(second, RecordingAction.Start, 2_000).entry)
  expect(seen).toHaveLength(2)
})

test('a call whose query the cache removes is let go of', () => {
  const { queryClient, forgotten, client } = setup()
  observeCallEntries(queryClient.getQueryCache(), 'recording', client, ACTOR)
  queryClient.setQueryData(KEY, newEntry(CALL))
  queryClient.removeQueries({ queryKey: ['capabilities'] })
  expect(forgotten).toEqual([])
  queryClient.removeQueries({ queryKey: KEY })
  expect(forgotten).toEqual([`${CALL.uccName}|${CALL.correlationId}`])
})
