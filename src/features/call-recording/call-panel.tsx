import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { isApiError } from '../../api/api-error.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Button } from '../../components/ui/button.tsx'
import { t } from '../../i18n/messages.ts'
import { useAfterPaint } from '../../lib/after-paint.ts'
import { HubIndicator } from '../../live/hub-indicator.tsx'
import { RecordingAction } from '../../../protocol/wire.ts'
import type { PausePolicy } from '../../recording-state/pause-policy.ts'
import { callStateKey, type CallRef } from './call-state-query.ts'
import { ACTIONS, describeCall, type ActionId, type CallView } from './describe-call.ts'
import { RecorderIndicator } from './recorder-indicator.tsx'
import { StateList } from './state-list.tsx'
import { useCallState, useSetRecording } from './use-call-recording.ts'

export interface CallPanelProps {
  call: CallRef
  requesterSipUri: string
  pauseAlertSeconds: number
  /** This UCC's pause policy (the guard is off when its maxPauseSeconds is 0). */
  policy: PausePolicy
  /** How long this browser keeps the pause ledger (config.json's ledgerRetentionDays). */
  ledgerRetentionDays?: number
}

/** What the panel shows after its first paint: the guard, the record, the question Stop asks. */
const loadExtras = () => import('./panel-extras.tsx')

export const TOGGLE_SHORTCUT = 'Ctrl+Shift+2'

export function CallPanel({
  call,
  requesterSipUri,
  pauseAlertSeconds,
  policy,
  ledgerRetentionDays = 30,
}: CallPanelProps) {
  const { query, capabilities, hubState, reread } = useCallState(call)
  const mutation = useSetRecording(call, requesterSipUri)
  const extras = useAfterPaint(loadExtras)
  const [confirming, setConfirming] = useState<ActionId | null>(null)
  const [lastAction, setLastAction] = useState<ActionId | null>(null)
  const sending = useRef(false)

  const view = describeCall({
    entry: query.data,
    stateError: query.error,
    hubState,
    capabilities: capabilities.data,
    capabilitiesSettled: capabilities.isSuccess || capabilities.isError,
    actionInFlight: mutation.isPending,
  })

  function send(id: ActionId) {
    // A double click must send one request: the ref is set before React re-renders the button.
    if (sending.current || !view.allowed[id]) return
    sending.current = true
    setLastAction(id)
    mutation.mutate(
      { action: ACTIONS[id].action, source: 'agent' },
      { onSettled: () => (sending.current = false) },
    )
  }

  async function resumeForGuard() {
    // Never beside an action of the agent's: the guard tries again after a fresh read.
    if (sending.current) throw new Error(t('guardBusy'))
    sending.current = true
    try {
      await mutation.mutateAsync({ action: RecordingAction.Start, source: 'auto-resume' })
    } finally {
      sending.current = false
    }
  }

  function request(id: ActionId) {
    if (ACTIONS[id].confirm) setConfirming(id)
    else send(id)
  }

  const toggle = useEffectEvent(() => {
    if (confirming) return
    if (view.allowed.pause) send('pause')
    else if (view.allowed.resume) send('resume')
  })
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.ctrlKey && event.shiftKey && !event.altKey && event.code === 'Digit2') {
        event.preventDefault()
        toggle()
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  const confirmAction = confirming ? ACTIONS[confirming] : null

  return (
    <main className="mx-auto flex w-full max-w-md min-w-0 flex-col gap-3 p-3">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h1 className="text-lg font-bold">{t('panelTitle')}</h1>
        <HubIndicator state={hubState} />
        <p className="w-full truncate text-xs text-muted">
          <span className="font-semibold">{call.uccName}</span> ·{' '}
          <span title={call.correlationId}>{call.correlationId}</span>
        </p>
      </header>

      <RecorderIndicator view={view} />
      {/* Not needed for the first paint: a chunk of its own, asked for at once. */}
      {extras === 'failed' && (
        <p role="alert" className="text-sm font-semibold">
          {t('partNotLoaded')}
        </p>
      )}
      {extras && extras !== 'failed' && (
        <extras.PauseGuard
          callKey={callStateKey(call).slice(1).join('|')}
          entry={query.data}
          policy={policy}
          hubConnected={hubState === 'Connected'}
          reread={reread}
          resume={resumeForGuard}
          pauseAlertSeconds={pauseAlertSeconds}
          confirmedPaused={view.indicator === 'paused'}
          actionSettled={mutation.isSuccess || mutation.isError ? mutation.submittedAt : 0}
        />
      )}
      <Announcer view={view} />

      <ActionGrid
        ids={['pause', 'resume']}
        view={view}
        busyId={mutation.isPending ? lastAction : null}
        onClick={request}
        large
      />

      {view.blockedReason && !mutation.isPending && (
        <p data-testid="actions-blocked" className="text-sm text-soft">
          {view.blockedReason}
        </p>
      )}

      <ErrorsShown
        actionError={mutation.error}
        actionLabel={lastAction ? t(ACTIONS[lastAction].label) : undefined}
        stateError={view.callUnknown ? null : query.error}
        hasState={query.data !== undefined}
        capabilitiesError={capabilities.error}
        callUnknownError={view.callUnknown ? query.error : null}
        onDismissAction={() => mutation.reset()}
      />

      <StateList
        view={view}
        lastChange={
          extras &&
          extras !== 'failed' && <extras.LastChange lastEvent={query.data?.lastEvent ?? null} />
        }
      />

      <ActionGrid
        ids={['mark', 'unmark', 'save', 'delete']}
        view={view}
        busyId={mutation.isPending ? lastAction : null}
        onClick={request}
      />

      <section aria-labelledby="recorder-controls" className="rule-above">
        <h2 id="recorder-controls" className="mb-2 text-sm font-semibold text-soft">
          {t('recorderHeading')}
        </h2>
        <ActionGrid
          ids={['start', 'stop']}
          view={view}
          busyId={mutation.isPending ? lastAction : null}
          onClick={request}
        />
      </section>

      <p className="text-xs text-muted">
        {t('shortcutBefore')}
        <kbd className="rounded border px-1 font-mono">{TOGGLE_SHORTCUT}</kbd>
        {t('shortcutAfter')}
      </p>

      {extras && extras !== 'failed' && (
        <extras.CallRecord
          call={call}
          agentSipUri={requesterSipUri}
          view={view}
          canEdit={capabilities.data?.agentCanEditRecordings !== false}
          send={send}
          retentionDays={ledgerRetentionDays}
        />
      )}

      {confirmAction?.confirm && confirming && extras && extras !== 'failed' && (
        <extras.ConfirmDialog
          title={t(confirmAction.confirm.title)}
          confirmLabel={t(confirmAction.confirm.label)}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null)
            send(confirming)
          }}
        >
          {t(confirmAction.confirm.body)}
        </extras.ConfirmDialog>
      )}
    </main>
  )
}

function ActionGrid({
  ids,
  view,
  busyId,
  onClick,
  large = false,
}: {
  ids: readonly ActionId[]
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
  view,
  busy,
  onClick,
  large = false,
}: {
  id: ActionId
  view: CallView
  busy: boolean
  onClick: (id: ActionId) => void
  large?: boolean
}) {
  const action = ACTIONS[id]
  const variant = id === 'stop' || id === 'delete' ? 'danger' : large ? 'primary' : 'secondary'
  return (
    <Button
      data-testid={`action-${id}`}
      variant={variant}
      large={large}
      busy={busy}
      disabled={!view.allowed[id]}
      onClick={() => onClick(id)}
    >
      {t(busy ? action.busyLabel : action.label)}
    </Button>
  )
}

/** Announces the recorder's state to screen readers when it changes (politely). */
function Announcer({ view }: { view: CallView }) {
  const text = view.callUnknown
    ? t('sayCallUnknown')
    : view.stale
      ? t('sayNotConfirmed')
      : t('sayConfirmed', view.recording)
  return (
    <p role="status" aria-live="polite" className="sr-only">
      {text}
    </p>
  )
}

function ErrorsShown(props: {
  actionError: Error | null
  actionLabel: string | undefined
  stateError: Error | null
  hasState: boolean
  capabilitiesError: Error | null
  callUnknownError: Error | null
  onDismissAction: () => void
}) {
  return (
    <>
      {props.callUnknownError && (
        <Alert
          tone="error"
          title={t('alertCallUnknown')}
          explanation={t('alertCallUnknownWhy')}
          serverMessage={serverText(props.callUnknownError)}
        />
      )}
      {props.actionError && (
        <Alert
          tone="error"
          title={t('alertActionFailed', props.actionLabel ?? t('theAction'))}
          explanation={t('alertActionFailedWhy', props.actionError.message)}
          serverMessage={serverText(props.actionError)}
        >
          <button type="button" className="mt-2 text-sm underline" onClick={props.onDismissAction}>
            {t('dismiss')}
          </button>
        </Alert>
      )}
      {props.stateError && (
        <Alert
          tone="error"
          title={t('alertReadFailed')}
          explanation={`${props.stateError.message}${props.hasState ? t('alertReadFailedKept') : ''}`}
          serverMessage={serverText(props.stateError)}
        />
      )}
      {props.capabilitiesError && (
        <Alert
          tone="error"
          title={t('alertCapsFailed')}
          explanation={t('alertCapsFailedWhy', props.capabilitiesError.message)}
          serverMessage={serverText(props.capabilitiesError)}
        />
      )}
    </>
  )
}

function serverText(error: Error): string | undefined {
  return isApiError(error) ? error.serverMessage : undefined
}
