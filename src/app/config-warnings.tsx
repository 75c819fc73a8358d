import { useSyncExternalStore } from 'react'
import { Alert } from '../components/ui/alert.tsx'
import { t } from '../i18n/messages.ts'
import { lateConfigWarnings } from '../lib/config-read.ts'

/**
 * Problems with config.json: those found at start, and those the parts that read later find. After
 * the first paint (a chunk of its own): the view itself comes first.
 */
export function ConfigWarnings({ warnings }: { warnings: string[] }) {
  const late = useSyncExternalStore(lateConfigWarnings.subscribe, lateConfigWarnings.get)
  if (warnings.length + late.length === 0) return null
  return (
    <Alert
      tone="warning"
      role="status"
      banner
      data-testid="config-warning"
      title={t('configTitle')}
      items={[...warnings, ...late]}
    />
  )
}
