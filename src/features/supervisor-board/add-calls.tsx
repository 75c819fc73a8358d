import { useId, useState, type FormEvent } from 'react'
import { Alert } from '../../components/ui/alert.tsx'
import { Button } from '../../components/ui/button.tsx'
import { t } from '../../i18n/messages.ts'
import { parseIdList } from './board-rows.ts'
import type { Lookup } from './id-lookups.ts'

/** Longer than about 100 ids: a paste this big is added at once (see `AddCalls`). */
const BULK_TEXT_LENGTH = 100 * 37
const INVALID_SHOWN = 20

/**
 * Add calls by correlation id: one or many, separated by spaces, commas or newlines. A big paste
 * (hundreds or thousands of ids) is added as it arrives and not kept in the box: laying out
 * thousands of lines in a textarea costs the browser about 100 ms each time. `status` says what
 * became of the last ids added (found, not found, still looked up); `onUse` hears that the
 * supervisor is using the box (it then stays open).
 */
export function AddCalls({
  id,
  onAdd,
  onUse,
  status,
}: {
  id: string
  onAdd: (ids: string[]) => void
  onUse: () => void
  status: string | null
}) {
  const inputId = useId()
  const hintId = useId()
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState<string[]>([])

  function add(value: string, keepInvalid: boolean) {
    const parsed = parseIdList(value)
    setInvalid(parsed.invalid)
    onAdd(parsed.ids)
    setText(keepInvalid ? parsed.invalid.join('\n') : '')
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    add(text, true)
  }

  function onChange(value: string) {
    onUse()
    if (value.length > BULK_TEXT_LENGTH) add(value, false)
    else setText(value)
  }

  return (
    <form
      id={id}
      onSubmit={onSubmit}
      onFocus={onUse}
      noValidate
      className="flex flex-col gap-1 rounded-md border border-slate-300 p-2 dark:border-slate-600"
    >
      <label htmlFor={inputId} className="text-sm font-semibold">
        {t('boardAddLabel')}
      </label>
      <div className="flex flex-wrap items-start gap-2">
        <textarea
          id={inputId}
          data-testid="add-ids"
          aria-describedby={hintId}
          rows={2}
          value={text}
          onChange={(event) => onChange(event.target.value)}
          spellCheck={false}
          autoComplete="off"
          placeholder="1d6c6a58-6739-4f0c-98ff-0968292c8c30"
          className="min-h-11 min-w-0 flex-1 rounded-md border border-slate-500 bg-white px-2 py-1 font-mono text-sm dark:bg-slate-800"
        />
        <Button type="submit" variant="primary" data-testid="add-ids-submit">
          {t('boardAdd')}
        </Button>
      </div>
      <p id={hintId} className="text-xs text-muted">
        {t('boardAddHint')}
      </p>
      <p role="status" data-testid="add-ids-status" className="text-xs">
        {status}
      </p>
      {invalid.length > 0 && (
        <Alert
          tone="error"
          data-testid="paste-problems"
          title={t('boardPasteProblems')}
          items={invalid.slice(0, INVALID_SHOWN)}
          itemStyle="code"
        >
          {invalid.length > INVALID_SHOWN && (
            <p>{t('boardPasteMore', invalid.length - INVALID_SHOWN)}</p>
          )}
        </Alert>
      )}
    </form>
  )
}

/** Added ids not placed yet: being looked up, or known in none of the watched UCCs. */
export function Lookups({
  lookups,
  uccNames,
  onDismiss,
}: {
  lookups: readonly Lookup[]
  uccNames: readonly string[]
  onDismiss: (id: string) => void
}) {
  if (lookups.length === 0) return null
  const checking = lookups.filter((lookup) => lookup.status === 'checking')
  const notFound = lookups.filter((lookup) => lookup.status === 'not-found')
  const failed = checking.find((lookup) => lookup.error)?.error
  return (
    <div className="flex flex-col gap-1 text-sm">
      {checking.length > 0 && (
        <p role="status" data-testid="lookups-checking">
          {t('boardLookingUp', checking.length, uccNames.join(', '))}
          {failed && (
            <span className="ml-1 text-amber-800 dark:text-amber-300">
              {t('boardLookupRetried', failed.message)}
            </span>
          )}
        </p>
      )}
      {notFound.length > 0 && (
        <Alert
          tone="warning"
          data-testid="lookups-not-found"
          title={
            uccNames.length === 1
              ? t('boardNotFoundIn', uccNames[0] ?? '')
              : t('boardNotFoundInAny', uccNames.join(', '))
          }
        >
          <ul className="mt-1 flex flex-col gap-1">
            {notFound.map((lookup) => (
              <li
                key={lookup.correlationId}
                data-testid="lookup-not-found"
                data-correlation-id={lookup.correlationId}
                className="flex items-center gap-2"
              >
                <span className="font-mono">{lookup.correlationId}</span>
                <Button
                  compact
                  onClick={() => onDismiss(lookup.correlationId)}
                  aria-label={t('boardDismissLabel', lookup.correlationId)}
                >
                  {t('boardDismiss')}
                </Button>
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  )
}
