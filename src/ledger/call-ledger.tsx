import { useId, useState } from 'react'
import { Button } from '../components/ui/button.tsx'
import { t } from '../i18n/messages.ts'
import { describeLedger, type LedgerLine } from './describe-ledger.ts'
import { downloadFile, type Download } from './download.ts'
import { exportFile, type ExportFormat } from './ledger-export.ts'
import type { Ledger } from './ledger-store.ts'
import { LedgerUnavailable } from './ledger-unavailable.tsx'
import { useCallLedger } from './use-call-ledger.ts'

export interface CallLedgerProps {
  ledger: Ledger
  ucc: string
  correlationId: string
  /** How a file reaches the user (default: a Blob and an `<a download>`). */
  download?: Download
  now?: () => number
}

/**
 * This call's ledger, newest first, in words ("Paused by you", "Resumed automatically after
 * 3:00"), times in local time, with an export of the call's records as CSV or JSON. Fits a
 * 320 px side panel.
 */
export function CallLedger({
  ledger,
  ucc,
  correlationId,
  download = downloadFile,
  now = Date.now,
}: CallLedgerProps) {
  const headingId = useId()
  const view = useCallLedger(ledger, ucc, correlationId)
  const [status, setStatus] = useState<{ text: string; failed: boolean } | null>(null)

  async function exportAs(format: ExportFormat) {
    try {
      const records = await ledger.forCall(ucc, correlationId)
      const file = exportFile(
        records,
        { exportedAt: now(), scope: { kind: 'call', ucc, correlationId } },
        format,
      )
      download(file)
      setStatus({ text: t('ledgerExported', records.length, file.name), failed: false })
    } catch {
      setStatus({ text: t('ledgerExportFailed'), failed: true })
    }
  }

  return (
    <section
      aria-labelledby={headingId}
      data-testid="ledger"
      className="flex min-w-0 flex-col gap-2 text-sm"
    >
      <h2 id={headingId} className="text-base font-bold">
        {t('ledgerHeading')}
      </h2>
      {!view.available && view.unavailableReason && (
        <LedgerUnavailable reason={view.unavailableReason} />
      )}
      {view.records === undefined ? (
        view.failed ? (
          <p className="text-red-800 dark:text-red-200">{t('ledgerReadFailed')}</p>
        ) : (
          <p role="status">{t('ledgerLoading')}</p>
        )
      ) : view.records.length === 0 ? (
        <p className="text-muted">{t('ledgerEmpty')}</p>
      ) : (
        <ol className="flex flex-col gap-1">
          {describeLedger(view.records).map((line) => (
            <LedgerEntry key={line.id} line={line} />
          ))}
        </ol>
      )}
      <div
        role="group"
        aria-label={t('ledgerExportCall')}
        data-testid="export-ledger"
        className="flex flex-wrap gap-2"
      >
        <Button compact data-format="csv" onClick={() => void exportAs('csv')}>
          {t('ledgerExportCsv')}
        </Button>
        <Button compact data-format="json" onClick={() => void exportAs('json')}>
          {t('ledgerExportJson')}
        </Button>
      </div>
      <p
        role="status"
        className={`wrap-anywhere ${status?.failed ? 'text-red-800 dark:text-red-200' : ''}`}
      >
        {status?.text}
      </p>
    </section>
  )
}

const TONE: Record<LedgerLine['kind'], string> = {
  change: 'border-slate-400 dark:border-slate-500',
  pause: 'border-amber-600 dark:border-amber-400',
  incident: 'border-red-700 dark:border-red-400',
}

function LedgerEntry({ line }: { line: LedgerLine }) {
  return (
    <li
      data-testid="ledger-entry"
      data-kind={line.kind}
      data-action={line.action}
      data-source={line.source}
      data-confirmed={line.confirmed === undefined ? undefined : String(line.confirmed)}
      className={`flex min-w-0 flex-col border-l-4 py-0.5 pl-2 wrap-anywhere ${TONE[line.kind]}`}
    >
      <span className="font-semibold">{line.text}</span>
      <span className="text-xs text-muted">
        <Time iso={line.time} />
        {line.endTime && (
          <>
            {' – '}
            <Time iso={line.endTime} />
          </>
        )}
        {line.details.map((detail) => (
          <span key={detail}> · {detail}</span>
        ))}
      </span>
    </li>
  )
}

let timeFormats: { short: Intl.DateTimeFormat; full: Intl.DateTimeFormat } | undefined

/** A time in the user's local time and language; the full date on hover and for machines. */
function Time({ iso }: { iso: string }) {
  timeFormats ??= {
    short: new Intl.DateTimeFormat(t('locale'), { timeStyle: 'medium' }),
    full: new Intl.DateTimeFormat(t('locale'), { dateStyle: 'full', timeStyle: 'long' }),
  }
  const date = new Date(iso)
  return (
    <time dateTime={iso} title={timeFormats.full.format(date)}>
      {timeFormats.short.format(date)}
    </time>
  )
}
