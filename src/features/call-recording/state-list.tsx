import type { ReactNode } from 'react'
import { t } from '../../i18n/messages.ts'
import type { CallView } from './describe-call.ts'
import { recorderWords } from './state-words.ts'

/** The three states as the server gave them, with the test contract's attributes. */
export function StateList({
  view,
  lastChange,
}: {
  view: CallView
  /** The last change the hub announced (a row of this list, rendered after the first paint). */
  lastChange?: ReactNode
}) {
  const rows = [
    { field: 'recording', label: t('rowRecorder'), value: view.recording },
    { field: 'marking', label: t('rowMarking'), value: view.marking },
    { field: 'saving', label: t('rowSaving'), value: view.saving },
  ]
  return (
    <dl className="fact-box grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
      {rows.map((row) => (
        <div key={row.field} className="contents">
          <dt className="text-muted">{row.label}</dt>
          <dd
            data-testid={`${row.field}-state`}
            data-state={row.value}
            data-stale={view.stale ? 'true' : undefined}
            className="font-semibold"
          >
            {row.field === 'recording' ? recorderWords(view) : t('stateWord', row.field, row.value)}
            {view.stale && (
              <span className="ml-1 font-normal text-unverified">{t('notConfirmed')}</span>
            )}
          </dd>
        </div>
      ))}
      {lastChange}
    </dl>
  )
}
