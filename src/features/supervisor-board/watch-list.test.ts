import { expect, test } from 'vitest'
import { WatchedIds, localWatchList, type WatchList } from './watch-list.ts'

const A = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
const B = '00000000-0000-4000-8000-000000000000'

test('the list is kept per set of watched UCCs, in any order and casing', () => {
  localStorage.clear()
  localWatchList(['ucc-b', 'UCC-A']).save([A, B])
  expect(localWatchList(['ucc-a', 'ucc-b']).load()).toEqual([A, B])
  expect(localWatchList(['ucc-a']).load()).toEqual([])
  expect(Object.keys(localStorage)).toEqual(['recording-board.watch-list:ucc-a,ucc-b'])
  expect(localStorage.getItem('recording-board.watch-list:ucc-a,ucc-b')).toBe(
    JSON.stringify([A, B]),
  )
})

test('an empty list removes the entry', () => {
  localStorage.clear()
  const list = localWatchList(['ucc-a'])
  list.save([A])
  list.save([])
  expect(localStorage.length).toBe(0)
})

test('anything unreadable counts as empty; entries that are not GUIDs are dropped', () => {
  localStorage.clear()
  const key = 'recording-board.watch-list:ucc-a'
  localStorage.setItem(key, '{not json')
  expect(localWatchList(['ucc-a']).load()).toEqual([])
  localStorage.setItem(key, JSON.stringify({ ids: [A] }))
  expect(localWatchList(['ucc-a']).load()).toEqual([])
  localStorage.setItem(key, JSON.stringify([A.toUpperCase(), 'token-abc', 42, B]))
  expect(localWatchList(['ucc-a']).load()).toEqual([A.toUpperCase(), B])
})

test('without storage nothing is kept and nothing fails', () => {
  const list = localWatchList(['ucc-a'], null)
  list.save([A])
  expect(list.load()).toEqual([])
})

function memoryWatchList(initial: string[] = []): WatchList & { saved: string[][] } {
  const saved: string[][] = []
  let current = initial
  return {
    saved,
    load: () => current,
    save(ids) {
      current = [...ids]
      saved.push(current)
    },
  }
}

test('added ids are kept once each, in any case, as first spelled; saved only when the set changes', () => {
  const list = memoryWatchList([A])
  const watched = new WatchedIds(list)
  expect(watched.values()).toEqual([A])
  watched.add([A.toUpperCase()])
  expect(list.saved).toEqual([])
  watched.add([B.toUpperCase(), B])
  expect(list.saved).toEqual([[A, B.toUpperCase()]])
  watched.remove(B)
  expect(list.saved.at(-1)).toEqual([A])
  watched.remove(B)
  expect(list.saved).toHaveLength(2)
})

test('without a list nothing is kept across reloads, and nothing fails', () => {
  const watched = new WatchedIds(undefined)
  watched.add([A])
  expect(watched.values()).toEqual([A])
})
