import { lazy, Suspense, useId, useMemo, useState, type ComponentProps } from 'react'
import { t } from '../../i18n/messages.ts'
import type { LedgerClient } from '../../ledger/ledger-client.ts'
import { AddCalls, Lookups } from './add-calls.tsx'
import { BoardToolbar, PanelToggle } from './board-controls.tsx'
import { addOutcome } from './board-rows.ts'
import type { BoardSnapshot } from './board-snapshot.ts'
import type { BoardStore } from './board-store.ts'

const BoardLedgerExport = lazy(() =>
  import('../../ledger/board-ledger-export.tsx').then((module) => ({
    default: module.BoardLedgerExport,
  })),
)

/** The last ids added, and the snapshot's version when they were. */
export interface AddBatch {
  readonly ids: readonly string[]
  readonly version: number
}

/**
 * Whether the box for ids is open: as the supervisor chose, else open on an empty board (once
 * the memory has given back what it remembers) until calls come.
 */
export function addPanelOpen(choice: boolean | null, snapshot: BoardSnapshot): boolean {
  return choice ?? (snapshot.memory.kept !== 'opening' && snapshot.calls.length === 0)
}

/** What became of the last ids added: found, not found, still looked up. */
export function addStatus(batch: AddBatch | null, snapshot: BoardSnapshot): string | null {
  if (!batch) return null
  const outcome = addOutcome(batch.ids, snapshot.calls, snapshot.lookups)
  // Until the store has published the batch, an id it has not placed yet is still looked up.
  const published = snapshot.version > batch.version
  return published
    ? t('boardAddStatus', outcome.found, outcome.notFound, outcome.checking)
    : t('boardAddStatus', outcome.found, 0, outcome.checking + outcome.notFound)
}

/**
 * The toolbar (`toolbar`: filter, search, order) with the buttons of the board's panels, and the
 * panels they open: adding ids, and the ledger export (with a ledger only, loaded when opened);
 * then the added ids still being looked up.
 */
export function BoardPanels({
  toolbar,
  store,
  snapshot,
  uccNames,
  ledger,
}: {
  toolbar: Omit<ComponentProps<typeof BoardToolbar>, 'children'>
  store: Pick<BoardStore, 'getSnapshot' | 'addIds' | 'dismissLookup'>
  snapshot: BoardSnapshot
  uccNames: readonly string[]
  ledger?: Pick<LedgerClient, 'ledger'>
}) {
  // Adding ids: open on an empty board until calls come (unless the supervisor used it), else closed.
  const [addChoice, setAddChoice] = useState<boolean | null>(null)
  const [batch, setBatch] = useState<AddBatch | null>(null)
  const [exportOpen, setExportOpen] = useState(false)
  const panelIds = { add: useId(), export: useId() }
  const addOpen = addPanelOpen(addChoice, snapshot)
  const status = useMemo(() => addStatus(batch, snapshot), [batch, snapshot])

  return (
    <>
      <BoardToolbar {...toolbar}>
        <div className="flex flex-wrap gap-2">
          <PanelToggle
            data-testid="add-ids-open"
            open={addOpen}
            controls={panelIds.add}
            onToggle={() => setAddChoice(!addOpen)}
          >
            {t('boardAddOpen')}
          </PanelToggle>
          {ledger && (
            <PanelToggle
              data-testid="export-ledger-open"
              open={exportOpen}
              controls={panelIds.export}
              onToggle={() => setExportOpen(!exportOpen)}
            >
              {t('boardExportOpen')}
            </PanelToggle>
          )}
        </div>
      </BoardToolbar>

      {addOpen && (
        <AddCalls
          id={panelIds.add}
          onUse={() => setAddChoice(true)}
          onAdd={(ids) => {
            setAddChoice(true)
            setBatch({ ids, version: store.getSnapshot().version })
            store.addIds(ids)
          }}
          status={status}
        />
      )}
      {ledger && exportOpen && (
        <div
          id={panelIds.export}
          className="rounded-md border border-slate-300 p-2 dark:border-slate-600"
        >
          <Suspense fallback={null}>
            <BoardLedgerExport ledger={ledger.ledger} />
          </Suspense>
        </div>
      )}
      <Lookups
        lookups={snapshot.lookups}
        uccNames={uccNames}
        onDismiss={(id) => store.dismissLookup(id)}
      />
    </>
  )
}
