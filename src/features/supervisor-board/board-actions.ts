import { useCallback, useState } from 'react'
import { RecordingAction } from '../../../protocol/wire.ts'
import { t } from '../../i18n/messages.ts'
import type { BoardCall } from './board-call.ts'
import { shortId } from './board-rows.ts'
import type { BoardStore } from './board-store.ts'

/** An action the service refused or never answered: said until dismissed or the next action. */
export interface ActionError {
  readonly title: string
  readonly error: Error
}

/**
 * The board's actions as the supervisor: Mark is sent at once, Resume only once confirmed (the
 * call being confirmed is `confirming`). Nothing is sent when nobody is known to act as. A
 * failure is kept as `actionError` until dismissed or the next action.
 */
export function useBoardActions(
  store: Pick<BoardStore, 'getSnapshot' | 'sendAction'>,
  supervisorSipUri: string,
) {
  const [confirming, setConfirming] = useState<BoardCall | null>(null)
  const [actionError, setActionError] = useState<ActionError | null>(null)

  const send = useCallback(
    (call: BoardCall, action: RecordingAction, label: string) => {
      if (!supervisorSipUri) return
      setActionError(null)
      store.sendAction(call.key, action, supervisorSipUri).catch((error: unknown) => {
        setActionError({
          title: t('boardActionFailed', label, shortId(call.correlationId)),
          error: error instanceof Error ? error : new Error(String(error)),
        })
      })
    },
    [store, supervisorSipUri],
  )
  const findCall = useCallback(
    (key: string) => store.getSnapshot().calls.find((call) => call.key === key),
    [store],
  )
  // Stable, for the memoised rows.
  const onResume = useCallback(
    (key: string) => {
      const call = findCall(key)
      if (call) setConfirming(call)
    },
    [findCall],
  )
  const onMark = useCallback(
    (key: string) => {
      const call = findCall(key)
      if (call) send(call, RecordingAction.Mark, t('boardMark'))
    },
    [findCall, send],
  )

  return {
    confirming,
    onResume,
    onMark,
    cancelResume: () => setConfirming(null),
    confirmResume: () => {
      const call = confirming
      setConfirming(null)
      if (call) send(call, RecordingAction.Start, t('boardResume'))
    },
    actionError,
    dismissActionError: () => setActionError(null),
  }
}
