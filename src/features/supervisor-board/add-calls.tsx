import { useId, useState, type FormEvent } from 'react'
import { Alert } from '../../components/ui/alert.tsx'
import { Button } from '../../components/ui/button.tsx'
import { parseIdList } from './board-rows.ts'
import type { Lookup } from './id-lookups.ts'

/** Longer than about 100 ids: a paste this big is added at once (see `AddCalls`). */
const BULK_TEXT_LENGTH = 100 * 37
const INVALID_SHOWN = 20

/**
 * Add calls by correlation id: one or many, separated by spaces, commas or newlines. A big paste
 * (hundreds or thousands of ids) is added as it arrives and not kept in the box: laying out
 * thousands of lines in a textarea costs the browser about 100 ms each time.
 */
export function AddCalls({ onAdd }: { onAdd: (ids: string[]) => void }) {
  const inputId = useId()
  const hintId = useId()
  const [text, setText] = useState('')
  const [invalid, setInvalid] = useState<string[]>([])
  const [added, setAdded] = useState<number | null>(null)

  function add(value: string, keepInvalid: boolean) {
    const parsed = parseIdList(value)
    setInvalid(parsed.invalid)
    setAdded(parsed.ids.length)
    if (parsed.ids.length > 0) onAdd(parsed.ids)
    setText(keepInvalid ? parsed.invalid.join('\n') : '')
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    add(text, true)
  }

  function onChange(value: string) {
    if (value.length > BULK_TEXT_LENGTH) add(value, false)
    else setText(value)
  }

  return (
    <form onSubmit={onSubmit} noValidate className="flex flex-col gap-1">
      <label htmlFor={inputId} className="text-sm font-semibold">
        Add calls by correlation id
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
          Add
        </Button>
      </div>
      <p id={hintId} className="text-xs text-muted">
        One or many, separated by spaces, commas or new lines; a paste of more than about 100 is
        added at once. Each is looked up in the watched contact centers in turn.
      </p>
      <p role="status" data-testid="add-ids-status" className="text-xs">
        {added !== null &&
          (added === 1 ? 'Added 1 id.' : `Added ${added.toLocaleString('en')} ids.`)}
      </p>
      {invalid.length > 0 && (
        <Alert
          tone="error"
          data-testid="paste-problems"
          title="Not added: not a correlation id (a GUID such as 1d6c6a58-6739-4f0c-98ff-0968292c8c30):"
          items={invalid.slice(0, INVALID_SHOWN)}
          itemStyle="code"
        >
          {invalid.length > INVALID_SHOWN && <p>and {invalid.length - INVALID_SHOWN} more.</p>}
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
  return (
    <div className="flex flex-col gap-1 text-sm">
      {checking.length > 0 && (
        <p role="status" data-testid="lookups-checking">
          Looking up {checking.length} added {checking.length === 1 ? 'call' : 'calls'} in{' '}
          {uccNames.join(', ')}…
          {checking.some((lookup) => lookup.error) && (
            <span className="ml-1 text-amber-800 dark:text-amber-300">
              Some reads failed and are retried:{' '}
              {checking.find((lookup) => lookup.error)?.error?.message}
            </span>
          )}
        </p>
      )}
      {notFound.length > 0 && (
        <Alert
          tone="warning"
          data-testid="lookups-not-found"
          title={`Not known in ${uccNames.length === 1 ? uccNames[0] : `any of ${uccNames.join(', ')}`}: the call may have ended, or the id may be wrong.`}
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
                  aria-label={`Dismiss ${lookup.correlationId}`}
                >
                  Dismiss
                </Button>
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  )
}
