import { act, render, screen } from '@testing-library/react'
import { Suspense } from 'react'
import { expect, test } from 'vitest'
import { AgentLedger } from './agent-ledger.tsx'
import { BoardLedgerExport } from './board-ledger-export.tsx'
import { fakeLedger } from './fake-ledger.ts'
import type { Ledger } from './ledger-store.ts'
import { LoadedLedger } from './loaded-ledger.tsx'

function deferred() {
  let resolve!: (ledger: Ledger) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<Ledger>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

// React 19 retries a suspended render only from the test's act() queue: the render that suspends
// must run inside an async act, or the retry never comes.
async function show(ledger: Promise<Ledger>) {
  // eslint-disable-next-line testing-library/no-unnecessary-act -- see above
  await act(async () => {
    render(
      <Suspense fallback={<p>waiting</p>}>
        <LoadedLedger ledger={ledger}>
          {(loaded) => <p>{loaded.available ? 'ledger ready' : 'no ledger'}</p>}
        </LoadedLedger>
      </Suspense>,
    )
  })
}

test('waits for the ledger, then renders with it', async () => {
  const pending = deferred()
  await show(pending.promise)
  expect(screen.getByText('waiting')).toBeInTheDocument()
  await act(async () => pending.resolve(fakeLedger().ledger))
  expect(screen.getByText('ledger ready')).toBeInTheDocument()
})

test('its module could not be loaded: the plain notice, nothing thrown', async () => {
  const pending = deferred()
  await show(pending.promise)
  await act(async () => pending.reject(new Error('chunk failed')))
  expect(screen.getByTestId('ledger-unavailable')).toHaveAttribute('data-reason', 'load-failed')
})

test('the agent panel and board entries: their component once the ledger is in', async () => {
  const ledger = Promise.resolve(fakeLedger().ledger)
  // eslint-disable-next-line testing-library/no-unnecessary-act -- a render that suspends (above)
  await act(async () => {
    render(
      <Suspense fallback={null}>
        <AgentLedger
          ledger={ledger}
          ucc="ucc-demo"
          correlationId="1d6c6a58-6739-4f0c-98ff-0968292c8c30"
        />
        <BoardLedgerExport ledger={ledger} />
      </Suspense>,
    )
  })
  expect(screen.getByRole('region', { name: 'Pause ledger' })).toBeInTheDocument()
  expect(screen.getByRole('form', { name: 'Export the pause ledger' })).toBeInTheDocument()
})
