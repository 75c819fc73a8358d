import type { ButtonHTMLAttributes, Ref } from 'react'

type Variant = 'primary' | 'secondary' | 'danger'

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
      className={`btn btn-${variant} ${size} ${className}`}
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
