import type { ReactNode } from 'react'

export interface ErrorAlertProps {
  title: string
  /** A plain explanation of what happened and what to do. */
  explanation: string
  /** The server's own words, shown verbatim as text. */
  serverMessage?: string
  children?: ReactNode
}

export function ErrorAlert({ title, explanation, serverMessage, children }: ErrorAlertProps) {
  return (
    <div
      role="alert"
      className="rounded-md border-l-4 border-red-700 bg-red-50 p-3 text-sm text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-100"
    >
      <p className="font-bold">{title}</p>
      <p className="mt-1">{explanation}</p>
      {serverMessage && (
        <p className="mt-1 break-words">
          The service said: <q className="font-mono">{serverMessage}</q>
        </p>
      )}
      {children}
    </div>
  )
}
