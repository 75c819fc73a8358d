import { QueryClient } from '@tanstack/react-query'
import { expect, onTestFinished, test, vi } from 'vitest'
import type { RecordingApi } from '../../api/recording-api.ts'
import type { CallState, RecordingStateName } from '../../api/schemas.ts'
import { RecordingAction } from '../../../protocol/wire.ts'
import { eventArrived, type CallEntry } from '../../recording-state/call-entry.ts'
import { deferred, type Deferred } from '../../testing/deferred.ts'
import { callCacheSink } from './call-cache-sink.ts'
import { callStateKey, callStateQuery } from './call-state-query.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const CALL = { uccName: 'ucc-demo', correlationId: ID }

function state(recording: RecordingStateName): CallState {
  return { ...CALL, recording, marking: 'None', saving: 'None' }
}

function setup() {
  const gets: Deferred<CallState>[] = []
  const api = {
    getState: vi.fn(() => {
      const get = deferred<CallState>()
      gets.push(get)
      return get.promise
    }),
    getCapabilities: vi.fn(),
    setRecording: vi.fn(),
  } satisfies RecordingApi
  const queryClient = new QueryClient()
  onTestFinished(() => queryClient.clear())
  const options = callStateQuery(api, queryClient, CALL)
  const entry = () => queryClient.getQueryData<CallEntry>(options.queryKey)
  return { api, gets, queryClient, options, entry, sink: callCacheSink(queryClient) }
}

test('callStateKey goes from general to specific and ignores case', () => {
  expect(callStateKey({ uccName: 'UCC-Demo', correlationId: ID.toUpperCase() })).toEqual([
    'recording',
    'ucc-demo',
    ID,
  ])
})

test('a read with nothing written meanwhile confirms the state', async () => {
  const { gets, queryClient, options, entry } = setup()
  const fetched = queryClient.fetchQuery(options)
  await vi.waitFor(() => expect(gets).toHaveLength(1))
  gets[0]!.resolve(state('Paused'))
  await fetched
  expect(entry()).toMatchObject({ confirmed: true, state: { recording: 'Paused' } })
})

test('a read overtaken by an event is not trusted: the event stays, unconfirmed, and it is read again', async () => {
  const { gets, queryClient, options, entry, sink } = setup()
  const first = queryClient.fetchQuery(options)
  await vi.waitFor(() => expect(gets).toHaveLength(1))
  gets[0]!.resolve(state('Started'))
  await first
  // An observer keeps the query active, so that invalidation refetches it.
  const unobserve = queryClient.getQueryCache().subscribe(() => {})
  onTestFinished(unobserve)
  const second = queryClient.fetchQuery({ ...options, staleTime: 0 })
  await vi.waitFor(() => expect(gets).toHaveLength(2))
  sink.event({ ...CALL, action: RecordingAction.Pause }, 0)
  gets[1]!.resolve(state('Started'))
  await second.catch(() => undefined)
  expect(entry()).toMatchObject({ confirmed: false, state: { recording: 'Paused' } })
})

test('a failed read leaves the last state, unconfirmed', async () => {
  const { gets, queryClient, options, entry } = setup()
  const first = queryClient.fetchQuery(options)
  await vi.waitFor(() => expect(gets).toHaveLength(1))
  gets[0]!.resolve(state('Paused'))
  await first
  const second = queryClient.fetchQuery({ ...options, staleTime: 0 })
  await vi.waitFor(() => expect(gets).toHaveLength(2))
  gets[1]!.reject(new Error('network down'))
  await expect(second).rejects.toThrow('network down')
  expect(entry()).toMatchObject({ confirmed: false, state: { recording: 'Paused' } })
})

// The live sink: one per app, whatever the number of panels

test('an event for a call no panel reads is ignored: nothing cached, nothing read', () => {
  const { api, queryClient, sink } = setup()
  sink.event({ ...CALL, action: RecordingAction.Pause }, 0)
  expect(queryClient.getQueryCache().getAll()).toHaveLength(0)
  expect(api.getState).not.toHaveBeenCalled()
})

test('an event is applied once to the cached call, in any casing of its ids', async () => {
  const { gets, queryClient, options, entry, sink } = setup()
  const fetched = queryClient.fetchQuery(options)
  await vi.waitFor(() => expect(gets).toHaveLength(1))
  gets[0]!.resolve(state('Started'))
  await fetched
  const before = entry()!
  sink.event(
    { uccName: 'UCC-DEMO', correlationId: ID.toUpperCase(), action: RecordingAction.Pause },
    0,
  )
  expect(entry()).toMatchObject({
    state: { recording: 'Paused' },
    confirmed: false,
    version: before.version + 1,
    eventSeq: before.eventSeq + 1,
  })
})

test('a resync unconfirms every cached call', async () => {
  const { gets, queryClient, options, entry, sink } = setup()
  const fetched = queryClient.fetchQuery(options)
  await vi.waitFor(() => expect(gets).toHaveLength(1))
  gets[0]!.resolve(state('Paused'))
  await fetched
  sink.resync()
  expect(entry()).toMatchObject({ confirmed: false, state: { recording: 'Paused' } })
})

test('the sink uses the core: its result equals eventArrived on the same entry', async () => {
  const { gets, queryClient, options, entry, sink } = setup()
  const fetched = queryClient.fetchQuery(options)
  await vi.waitFor(() => expect(gets).toHaveLength(1))
  gets[0]!.resolve(state('Started'))
  await fetched
  const before = entry()!
  vi.useFakeTimers({ now: 42_000 })
  onTestFinished(() => void vi.useRealTimers())
  sink.event({ ...CALL, action: RecordingAction.Mark }, 0)
  expect(entry()).toEqual(eventArrived(before, RecordingAction.Mark, 42_000).entry)
})
