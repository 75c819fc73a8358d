import { expect, onTestFinished, test, vi } from 'vitest'
import { ApiError } from '../../api/api-error.ts'
import type { CallState } from '../../api/schemas.ts'
import { deferred, type Deferred } from '../../testing/deferred.ts'
import { IdLookups } from './id-lookups.ts'

const ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const OTHER = '00000000-0000-4000-8000-000000000002'

interface Get extends Deferred<CallState> {
  uccName: string
  correlationId: string
}

function setup(uccNames = ['ucc-a', 'ucc-b']) {
  vi.useFakeTimers()
  onTestFinished(() => {
    vi.useRealTimers()
  })
  const gets: Get[] = []
  const found = vi.fn()
  const notFound = vi.fn()
  const changed = vi.fn()
  const lookups = new IdLookups({
    uccNames,
    retryMs: 5_000,
    now: Date.now,
    getState: (uccName, correlationId) => {
      const get = deferred<CallState>()
      gets.push({ ...get, uccName, correlationId })
      return get.promise
    },
    found,
    notFound,
    changed,
  })
  /** Sends the next read of `id` (as the read scheduler would) and returns it. */
  function send(id = ID.toLowerCase(), signal = new AbortController().signal) {
    void lookups.send(id, signal)
    const get = gets.at(-1)
    if (!get) throw new Error('no read was sent')
    return get
  }
  return { lookups, gets, found, notFound, changed, send }
}

function state(uccName: string, correlationId = ID): CallState {
  return { uccName, correlationId, recording: 'Paused', marking: 'None', saving: 'None' }
}

function noSession() {
  return new ApiError({ kind: 'server', status: 200, errorType: 2, serverMessage: 'No session.' })
}

async function settle() {
  await vi.advanceTimersByTimeAsync(0)
}

test('an id is tried in each watched UCC in turn until one knows it', async () => {
  const { lookups, send, found, changed } = setup()
  lookups.add([ID], () => false)
  expect(lookups.list()).toEqual([
    { correlationId: ID, status: 'checking', tried: [], error: null },
  ])
  expect([...lookups.waiting()]).toEqual([{ id: ID, notBefore: -Infinity }])

  const first = send()
  expect(first).toMatchObject({ uccName: 'ucc-a', correlationId: ID })
  first.reject(noSession())
  await settle()
  expect(lookups.list()).toEqual([
    { correlationId: ID, status: 'checking', tried: ['ucc-a'], error: null },
  ])
  const sentAt = Date.now()
  const second = send()
  expect(second).toMatchObject({ uccName: 'ucc-b', correlationId: ID })
  second.resolve(state('ucc-b'))
  await settle()
  expect(found).toHaveBeenCalledWith('ucc-b', ID, state('ucc-b'), sentAt)
  expect(lookups.list()).toEqual([])
  expect([...lookups.waiting()]).toEqual([])
  expect(changed).toHaveBeenCalledTimes(2)
})

test('an id no watched UCC knows is reported as not found, and asks for no more reads', async () => {
  const { lookups, send, notFound } = setup()
  lookups.add([ID], () => false)
  send().reject(noSession())
  await settle()
  send().reject(noSession())
  await settle()
  expect(lookups.list()).toEqual([
    { correlationId: ID, status: 'not-found', tried: ['ucc-a', 'ucc-b'], error: null },
  ])
  expect(notFound).toHaveBeenCalledWith(ID)
  expect([...lookups.waiting()]).toEqual([])
  lookups.drop(ID)
  expect(lookups.list()).toEqual([])
})

test('a failed read (other than "no such call") is shown and retried in the same UCC after 5 s', async () => {
  const { lookups, send } = setup()
  lookups.add([ID], () => false)
  send().reject(new ApiError({ kind: 'http', status: 503 }))
  await settle()
  expect(lookups.list()).toEqual([
    expect.objectContaining({ status: 'checking', tried: [], error: expect.any(ApiError) }),
  ])
  expect([...lookups.waiting()]).toEqual([{ id: ID, notBefore: Date.now() + 5_000 }])
  expect(send()).toMatchObject({ uccName: 'ucc-a' })
})

test('a resync lets failed look-ups be retried at once', async () => {
  const { lookups, send } = setup()
  lookups.add([ID], () => false)
  send().reject(new ApiError({ kind: 'network' }))
  await settle()
  lookups.resync()
  expect([...lookups.waiting()]).toEqual([{ id: ID, notBefore: -Infinity }])
})

test('ids already looked up, or on the board, are not looked up again; any case is the same id', () => {
  const { lookups } = setup()
  lookups.add([ID, OTHER], (id) => id === OTHER)
  lookups.add([ID.toUpperCase()], () => false)
  expect(lookups.list().map((lookup) => lookup.correlationId)).toEqual([ID])
  expect(lookups.has(ID.toUpperCase())).toBe(true)
})

test('with no UCC watched nothing is looked up', () => {
  const { lookups } = setup([])
  lookups.add([ID], () => false)
  expect(lookups.list()).toEqual([])
})

test('the answer of a cancelled or dropped look-up is ignored', async () => {
  const { lookups, send, found, changed } = setup()
  lookups.add([ID, OTHER], () => false)
  const controller = new AbortController()
  const cancelled = send(ID, controller.signal)
  controller.abort()
  const dropped = send(OTHER)
  lookups.drop(OTHER)
  cancelled.resolve(state('ucc-a'))
  dropped.resolve(state('ucc-a', OTHER))
  await settle()
  expect(found).not.toHaveBeenCalled()
  expect(changed).not.toHaveBeenCalled()
  expect(lookups.list().map((lookup) => lookup.correlationId)).toEqual([ID])
})
