import { useId, useState, type FormEvent } from 'react'
import { Button } from '../components/ui/button.tsx'
import { t } from '../i18n/messages.ts'
import { downloadFile, type Download } from './download.ts'
import { exportFile, type ExportFormat } from './ledger-export.ts'
import type { Ledger } from './ledger-store.ts'
import { LedgerUnavailable } from './ledger-unavailable.tsx'

const HOUR_MS = 3_600_000
const MINUTE_MS = 60_000

export interface LedgerExportProps {
  ledger: Ledger
  download?: Download
  now?: () => number
}

/**
 * For the supervisor board: every call this browser has on record in a chosen time (local
 * times, to the minute; by default the last 24 hours), as CSV or JSON. "To" takes in its whole
 * minute, so the default includes what happened just now.
 */
export function LedgerExport({
  ledger,
  download = downloadFile,
  now = Date.now,
}: LedgerExportProps) {
  const headingId = useId()
  const fromId = useId()
  const toId = useId()
  const [range, setRange] = useState(() => {
    const at = now()
    return { from: localInputValue(at - 24 * HOUR_MS), to: localInputValue(at) }
  })
  const [format, setFormat] = useState<ExportFormat>('csv')
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null)

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    const from = fromLocalInput(range.from)
    const to = fromLocalInput(range.to)
    if (from === null || to === null || from > to) {
      setStatus({ text: t('ledgerRangeBad'), failed: true })
      return
    }
    const until = to + MINUTE_MS - 1
    try {
      const records = await ledger.between(from, until)
      const file = exportFile(
        records,
        { exportedAt: now(), from, to: until, scope: { kind: 'range' } },
        format,
      )
      download(file)
      setStatus({ text: t('ledgerExported', records.length, file.name), failed: false })
    } catch {
      setStatus({ text: t('ledgerExportFailed'), failed: true })
    }
  }

  const input =
    'min-h-11 w-full min-w-0 rounded-md border border-slate-400 bg-white px-2 text-slate-900 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100'
  return (
    <form
      aria-labelledby={headingId}
      data-testid="export-ledger"
      onSubmit={(event) => void submit(event)}
      className="flex max-w-md min-w-0 flex-col gap-2 text-sm"
    >
      <h2 id={headingId} className="text-base font-bold">
        {t('ledgerRangeHeading')}
      </h2>
      <p className="text-muted">{t('ledgerRangeNote')}</p>
      {!ledger.available && ledger.unavailableReason && (
        <LedgerUnavailable reason={ledger.unavailableReason} />
      )}
      <div className="flex flex-wrap gap-2">
        <div className="flex min-w-0 flex-1 basis-44 flex-col gap-1">
          <label htmlFor={fromId}>{t('ledgerRangeFrom')}</label>
          <input
            id={fromId}
            type="datetime-local"
            required
            value={range.from}
            onChange={(event) => setRange({ ...range, from: event.target.value })}
            className={input}
          />
        </div>
        <div className="flex min-w-0 flex-1 basis-44 flex-col gap-1">
          <label htmlFor={toId}>{t('ledgerRangeTo')}</label>
          <input
            id={toId}
            type="datetime-local"
            required
            value={range.to}
            onChange={(event) => setRange({ ...range, to: event.target.value })}
            className={input}
          />
        </div>
      </div>
      <fieldset className="flex flex-wrap gap-x-4 gap-y-1">
        <legend className="mb-1">{t('ledgerRangeFormat')}</legend>
        {(['csv', 'json'] as const).map((value) => (
          <label key={value} className="flex min-h-8 items-center gap-2">
            <input
              type="radio"
              name="ledger-export-format"
              value={value}
              checked={format === value}
              onChange={() => setFormat(value)}
            />
            {t(value === 'csv' ? 'ledgerRangeCsv' : 'ledgerRangeJson')}
          </label>
        ))}
      </fieldset>
      <div>
        <Button type="submit" variant="primary">
          {t('ledgerRangeExport')}
        </Button>
      </div>
      <p
        role="status"
        className={`wrap-anywhere ${status?.failed ? 'text-red-800 dark:text-red-200' : ''}`}
      >
        {status?.text}
      </p>
    </form>
  )
}

/** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input holds it. */
export function localInputValue(ms: number): string {
  const date = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`
}

/** A datetime-local value (local time) as ms, or null when it is not one. */
export function fromLocalInput(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null
  const ms = new Date(value).getTime()
  return Number.isNaN(ms) ? null : ms
}
