import { Button } from '../../components/ui/button.tsx'
import { t } from '../../i18n/messages.ts'
import type { ActionId, CallView } from './describe-call.ts'

// The agent panel's action buttons, each enabled exactly when the panel offers its action.

export function ActionGrid({
  ids,
  hidden,
  view,
  busyId,
  onClick,
  large = false,
}: {
  ids: readonly ActionId[]
  /** An action of the group that is not offered now: in the page, hidden. */
  hidden?: ActionId
  view: CallView
  busyId: ActionId | null
  onClick: (id: ActionId) => void
  large?: boolean
}) {
  return (
    <div className="grid grid-cols-2 gap-2">
      {ids.map((id) => (
        <ActionButton
          key={id}
          id={id}
          hidden={id === hidden}
          view={view}
          busy={busyId === id}
          onClick={onClick}
          large={large}
        />
      ))}
    </div>
  )
}

function ActionButton({
  id,
  hidden,
  view,
  busy,
  onClick,
  large = false,
}: {
  id: ActionId
  hidden: boolean
  view: CallView
  busy: boolean
  onClick: (id: ActionId) => void
  large?: boolean
}) {
  const variant = id === 'stop' || id === 'delete' ? 'danger' : large ? 'primary' : 'secondary'
  return (
    <Button
      hidden={hidden}
      data-testid={`action-${id}`}
      variant={variant}
      large={large}
      busy={busy}
      disabled={hidden || !view.allowed[id]}
      onClick={() => onClick(id)}
    >
      {t('actionLabel', id, busy)}
    </Button>
  )
}
