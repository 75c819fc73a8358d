import { isApiError } from '../../api/api-error.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { t } from '../../i18n/messages.ts'
import type { ActionError } from './board-actions.ts'
import type { BoardCapabilities } from './board-capabilities.ts'
import { BoardNote } from './board-note.tsx'
import type { MemoryState } from './board-persistence.ts'

/**
 * What the supervisor must know before the table, in this order: problems with the address, no
 * UCC watched, nobody to act as, what the board can know (folding) and where it is not kept,
 * UCCs whose capabilities could not be read, and the last action that failed.
 */
export function BoardAlerts({
  problems,
  watchesNothing,
  supervisorSipUri,
  watching,
  memory,
  capabilityErrors,
  actionError,
  onDismissActionError,
}: {
  problems: readonly string[]
  watchesNothing: boolean
  supervisorSipUri: string
  /** The UCCs watched, in words. */
  watching: string
  memory: MemoryState
  capabilityErrors: BoardCapabilities['errors']
  actionError: ActionError | null
  onDismissActionError: () => void
}) {
  return (
    <>
      {problems.length > 0 && (
        <Alert
          tone="error"
          data-testid="address-problems"
          title={t('boardAddressProblems')}
          items={problems}
        />
      )}
      {watchesNothing && (
        <p role="alert" className="text-sm font-semibold">
          {t('boardNoUccHelp')}
        </p>
      )}
      {!supervisorSipUri && (
        <Alert
          tone="warning"
          data-testid="supervisor-identity"
          title={t('boardNobodyTitle')}
          explanation={t('boardNobodyHelp')}
        />
      )}

      <BoardNote watching={watching} kept={memory.kept !== 'ids'} />
      <MemoryNotice memory={memory} />

      {capabilityErrors.map(({ uccName, error }) => (
        <Alert
          tone="error"
          key={uccName}
          title={t('boardCapsFailed', uccName)}
          explanation={t('boardCapsFailedWhy', error.message)}
          serverMessage={error.serverMessage}
        />
      ))}

      {actionError && (
        <Alert
          tone="error"
          title={actionError.title}
          explanation={t('boardActionFailedWhy', actionError.error.message)}
          serverMessage={
            isApiError(actionError.error) ? actionError.error.serverMessage : undefined
          }
        >
          <button type="button" className="mt-2 text-sm underline" onClick={onDismissActionError}>
            {t('boardDismiss')}
          </button>
        </Alert>
      )}
    </>
  )
}

/** Where the board's memory is not kept (only the added ids are): said once, plainly. */
export function MemoryNotice({ memory }: { memory: MemoryState }) {
  if (memory.kept !== 'ids') return null
  return (
    <p
      data-testid="board-memory-unavailable"
      data-reason={memory.reason}
      className="text-sm text-soft"
    >
      {t('boardMemoryUnavailable')}
    </p>
  )
}
