import { useEffect, useState } from 'react'
import { Button } from './button.tsx'
import { t } from '../../i18n/messages.ts'

/** Copies `text` to the clipboard and says so for a moment. `label` names what is copied (for screen readers). */
export function CopyButton({
  text,
  label,
  ...props
}: {
  text: string
  label: string
  'data-testid'?: string
}) {
  const [outcome, setOutcome] = useState<'copied' | 'failed' | null>(null)
  useEffect(() => {
    if (!outcome) return
    const timer = setTimeout(() => setOutcome(null), 1500)
    return () => clearTimeout(timer)
  }, [outcome])

  async function copy() {
    try {
      await navigator.clipboard.writeText(text)
      setOutcome('copied')
    } catch {
      setOutcome('failed')
    }
  }

  const shown = t(outcome === 'copied' ? 'copied' : outcome === 'failed' ? 'copyFailed' : 'copy')
  return (
    <Button
      compact
      aria-label={`${shown} ${label}`}
      title={text}
      onClick={() => void copy()}
      {...props}
    >
      {shown}
    </Button>
  )
}
