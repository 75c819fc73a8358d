import { fireEvent, render, screen } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { newBoardCall } from './board-call.ts'
import { addPanelOpen, addStatus, BoardPanels } from './board-panels.tsx'
import type { BoardSnapshot } from './board-snapshot.ts'
import type { Lookup } from './id-lookups.ts'

const UCC = 'ucc-a'

function id(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`
}

function snapshot(fields: Partial<BoardSnapshot> = {}): BoardSnapshot {
  return {
    version: 1,
    calls: [],
    lookups: [],
    events: [],
    eventsIgnored: 0,
    callsDropped: 0,
    maxCalls: 10,
    memory: { kept: 'calls' },
    ...fields,
  }
}

const checking = (n: number) => ({ correlationId: id(n), status: 'checking' }) as Lookup

test('the box for ids: as chosen, else open on an empty board once the memory has answered', () => {
  expect(addPanelOpen(null, snapshot())).toBe(true)
  expect(addPanelOpen(null, snapshot({ memory: { kept: 'opening' } }))).toBe(false)
  expect(addPanelOpen(null, snapshot({ calls: [newBoardCall(UCC, id(1), 0)] }))).toBe(false)
  expect(addPanelOpen(true, snapshot({ calls: [newBoardCall(UCC, id(1), 0)] }))).toBe(true)
  expect(addPanelOpen(false, snapshot())).toBe(false)
})

test('what adding found: until the store publishes the batch, an id not placed is still looked up', () => {
  expect(addStatus(null, snapshot())).toBeNull()
  const batch = { ids: [id(1), id(2), id(3)], version: 4 }
  const calls = [newBoardCall(UCC, id(1), 0)]
  const lookups = [checking(2)]
  expect(addStatus(batch, snapshot({ version: 4, calls, lookups }))).toBe(
    'Added 1 id, 2 still being looked up.',
  )
  expect(addStatus(batch, snapshot({ version: 5, calls, lookups }))).toBe(
    'Added 1 id, 1 not found, 1 still being looked up.',
  )
})

function setup(board: BoardSnapshot, withLedger = false) {
  const store = { getSnapshot: () => board, addIds: vi.fn(), dismissLookup: vi.fn() }
  const toolbar = {
    filter: 'all' as const,
    onFilter: vi.fn(),
    counts: { all: 0, paused: 0, alert: 0, marked: 0 },
    search: '',
    onSearch: vi.fn(),
    sort: 'paused-longest' as const,
    onSort: vi.fn(),
  }
  // A ledger that never opens: the export is not opened here.
  const ledger = withLedger ? { ledger: new Promise<never>(() => undefined) } : undefined
  const view = render(
    <BoardPanels
      toolbar={toolbar}
      store={store}
      snapshot={board}
      uccNames={[UCC]}
      ledger={ledger}
    />,
  )
  return { store, view }
}

test('the toolbar carries the panel buttons; the export button only with a ledger', () => {
  setup(snapshot())
  expect(screen.getByTestId('filter-all')).toBeInTheDocument()
  const add = screen.getByTestId('add-ids-open')
  expect(add).toHaveAttribute('aria-expanded', 'true')
  const box = screen.getByTestId('add-ids') as HTMLTextAreaElement
  expect(add).toHaveAttribute('aria-controls', box.form?.id)
  expect(screen.queryByTestId('export-ledger-open')).not.toBeInTheDocument()
  fireEvent.click(add)
  expect(add).toHaveAttribute('aria-expanded', 'false')
  expect(screen.queryByTestId('add-ids')).not.toBeInTheDocument()
})

test('ids added go to the store, and the box says what became of them', () => {
  const { store } = setup(snapshot({ version: 7, lookups: [checking(1)] }))
  fireEvent.change(screen.getByTestId('add-ids'), { target: { value: id(1) } })
  fireEvent.click(screen.getByTestId('add-ids-submit'))
  expect(store.addIds).toHaveBeenCalledExactlyOnceWith([id(1)])
  expect(screen.getByTestId('add-ids-status')).toHaveTextContent(
    'Added 0 ids, 1 still being looked up.',
  )
})

test('with a ledger, its export has a button of its own, closed at first', () => {
  setup(snapshot(), true)
  expect(screen.getByTestId('export-ledger-open')).toHaveAttribute('aria-expanded', 'false')
})
