import type { ButtonHTMLAttributes, Ref } from 'react'

type Variant = 'primary' | 'secondary' | 'danger'

const VARIANTS: Record<Variant, string> = {
  primary:
    'bg-blue-700 text-white hover:bg-blue-800 disabled:bg-slate-300 disabled:text-slate-600 dark:disabled:bg-slate-700 dark:disabled:text-slate-300',
  secondary:
    'border border-slate-400 bg-white text-slate-900 hover:bg-slate-100 disabled:text-slate-500 disabled:bg-slate-100 dark:border-slate-500 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700 dark:disabled:bg-slate-900 dark:disabled:text-slate-400',
  danger:
    'border border-red-700 bg-white text-red-800 hover:bg-red-50 disabled:border-slate-300 disabled:text-slate-500 dark:border-red-400 dark:bg-slate-800 dark:text-red-200 dark:disabled:border-slate-600 dark:disabled:text-slate-400',
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  ref?: Ref<HTMLButtonElement>
  variant?: Variant
  busy?: boolean
  large?: boolean
  /** A smaller button for dense rows (still a 32 px target). */
  compact?: boolean
}

export function Button({
  variant = 'secondary',
  busy = false,
  large = false,
  compact = false,
  className = '',
  children,
  ...props
}: ButtonProps) {
  const size = compact
    ? 'min-h-8 px-2 py-1 text-xs'
    : `min-h-11 px-3 ${large ? 'py-3 text-lg' : 'py-2 text-sm'}`
  return (
    <button
      type="button"
      aria-busy={busy || undefined}
      className={`inline-flex items-center justify-center gap-2 rounded-md font-semibold focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-blue-600 disabled:cursor-not-allowed ${size} ${VARIANTS[variant]} ${className}`}
      {...props}
    >
      {busy && (
        <span
          aria-hidden="true"
          className="size-3 animate-spin rounded-full border-2 border-current border-t-transparent"
        />
      )}
      {children}
    </button>
  )
}
