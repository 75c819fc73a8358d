import type { ReactNode } from 'react'
import { t } from '../../i18n/messages.ts'

export type AlertTone = 'error' | 'warning' | 'info'

export interface AlertProps {
  tone: AlertTone
  title: ReactNode
  /** A plain explanation of what happened and what to do. */
  explanation?: ReactNode
  /** The server's own words, shown verbatim as text. */
  serverMessage?: string
  /** A list under the title: problems, refused values. */
  items?: readonly string[]
  /** `code`: the items are ids or values, in a monospace font and broken anywhere. */
  itemStyle?: 'text' | 'code'
  /**
   * `alert` (assertive) is the default for errors; `status` (polite) or none for the other tones,
   * which have no role unless given one.
   */
  role?: 'alert' | 'status'
  /** A strip across the top of the page instead of a box. */
  banner?: boolean
  'data-testid'?: string
  children?: ReactNode
}

/** One look for errors, warnings and notes: a title, then what to know, then anything else. */
export function Alert({
  tone,
  title,
  explanation,
  serverMessage,
  items,
  itemStyle = 'text',
  role = tone === 'error' ? 'alert' : undefined,
  banner = false,
  children,
  ...props
}: AlertProps) {
  const shape = banner ? 'border-b-2 px-3 py-2' : 'rounded-md border-l-4 p-3'
  return (
    <div
      role={role}
      data-testid={props['data-testid']}
      className={`text-sm wrap-anywhere ${shape} alert-${tone}`}
    >
      <p className="font-bold">{title}</p>
      {explanation && <p className="mt-1">{explanation}</p>}
      {serverMessage && (
        <p className="mt-1">
          {t('serviceSaid')}
          <q className="font-mono">{serverMessage}</q>
        </p>
      )}
      {items && items.length > 0 && (
        <ul className={`mt-1 list-disc pl-5 ${itemStyle === 'code' ? 'font-mono break-all' : ''}`}>
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      )}
      {children}
    </div>
  )
}
