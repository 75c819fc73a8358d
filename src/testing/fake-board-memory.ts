import type { BoardMemory, BoardMemoryChange, Remembered } from '../ledger/board-memory.ts'
import { deferred } from './deferred.ts'

/**
 * The board's memory in this browser as a test holds it: `load()` answers when the test resolves
 * `loaded`, and every change the board asks to save is kept in `saves`.
 */
export function fakeBoardMemory() {
  const saves: BoardMemoryChange[] = []
  const loaded = deferred<Remembered>()
  const memory: BoardMemory = {
    available: true,
    unavailableReason: null,
    load: () => loaded.promise,
    save: (change) => {
      saves.push(change)
      return Promise.resolve()
    },
    close: () => undefined,
  }
  return { memory, saves, loaded }
}
