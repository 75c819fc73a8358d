import { useRef, useState } from 'react'
import { t } from '../../i18n/messages.ts'
import { useAfterPaint } from '../../lib/after-paint.ts'
import { HubIndicator } from '../../live/hub-indicator.tsx'
import { RecordingAction } from '../../../protocol/wire.ts'
import type { Change } from '../../recording-state/call-entry.ts'
import { callStateKey, type CallRef } from './call-state-query.ts'
import { ActionGrid } from './action-grid.tsx'
import { ACTIONS, describeCall, type ActionId } from './describe-call.ts'
import { RecorderIndicator } from './recorder-indicator.tsx'
import { StateList } from './state-list.tsx'
import { useCallState, useSetRecording } from './use-call-recording.ts'

export interface CallPanelProps {
  call: CallRef
  requesterSipUri: string
  pauseAlertSeconds: number
  /** config.json's pause and ledger keys, as given: the after-paint parts read them. */
  pauseConfig?: Readonly<Record<string, unknown>>
}

/** What the panel shows after its first paint: the guard, the record, the question Stop asks. */
const loadExtras = () => import('./panel-extras.tsx')

const NO_PAUSE_CONFIG = {}

export function CallPanel({
  call,
  requesterSipUri,
  pauseAlertSeconds,
  pauseConfig = NO_PAUSE_CONFIG,
}: CallPanelProps) {
  const { query, capabilities, hubState, reread } = useCallState(call)
  const mutation = useSetRecording(call, requesterSipUri)
  const extras = useAfterPaint(loadExtras)
  const ready = extras === 'failed' ? null : extras
  const [confirming, setConfirming] = useState<ActionId | null>(null)
  const [lastAction, setLastAction] = useState<ActionId | null>(null)
  // The call's last change when the action was sent: a later one (not its own effect) supersedes
  // what the action's alert said.
  const [baseline, setBaseline] = useState<Change | null>(null)
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
    setBaseline(query.data?.lastChange ?? null)
    mutation.mutate(
      { action: ACTIONS[id].action, source: 'agent' },
      { onSettled: () => (sending.current = false) },
    )
  }

  /** An action of the pause guard's or a host page's: never beside another one (they ask again). */
  async function sendFor(source: 'auto-resume' | 'host', action: RecordingAction) {
    if (sending.current) throw new Error(t('guardBusy'))
    sending.current = true
    try {
      await mutation.mutateAsync({ action, source })
    } finally {
      sending.current = false
    }
  }

  function request(id: ActionId) {
    if (ACTIONS[id].confirm) setConfirming(id)
    else send(id)
  }

  /** Ctrl+Shift+2: pause or resume, whichever is offered (not while a question is open). */
  function toggle() {
    if (confirming) return
    if (view.allowed.pause) send('pause')
    else if (view.allowed.resume) send('resume')
  }

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
      {ready && (
        <ready.PauseGuard
          callKey={callStateKey(call).slice(1).join('|')}
          entry={query.data}
          pauseConfig={pauseConfig}
          uccName={call.uccName}
          hubConnected={hubState === 'Connected'}
          reread={reread}
          resume={() => sendFor('auto-resume', RecordingAction.Start)}
          pauseAlertSeconds={pauseAlertSeconds}
          confirmedPaused={view.indicator === 'paused'}
          actionSettled={mutation.isSuccess || mutation.isError ? mutation.submittedAt : 0}
        />
      )}

      {/* Start and Resume both send Start: one of them is offered, beside Pause (the other stays
          in the page, hidden and disabled, for its test id). */}
      <ActionGrid
        ids={['pause', 'resume', 'start']}
        hidden={
          view.recording === 'Uninitialized' || view.recording === 'Stopped' ? 'resume' : 'start'
        }
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

      {ready && <ready.ToggleShortcut onToggle={toggle} />}
      {ready && (
        <ready.HostLink
          view={view}
          call={call}
          hubState={hubState}
          send={(action) => sendFor('host', action)}
        />
      )}
      {ready && (
        <ready.LeaveWhilePaused paused={view.recording === 'Paused' && view.endedAt === null} />
      )}
      {ready && (
        <ready.CallAlerts
          view={view}
          entry={query.data}
          action={
            lastAction
              ? {
                  action: ACTIONS[lastAction].action,
                  label: t('actionLabel', lastAction, false),
                  baseline,
                }
              : null
          }
          actionError={mutation.error}
          stateError={query.error}
          capabilitiesError={capabilities.error}
          onDismissAction={() => mutation.reset()}
        />
      )}

      <StateList
        view={view}
        lastChange={ready && <ready.LastChange lastEvent={query.data?.lastEvent ?? null} />}
      />

      {ready && (
        <ready.MoreActions
          ActionGrid={ActionGrid}
          view={view}
          busyId={mutation.isPending ? lastAction : null}
          onClick={request}
        />
      )}

      {ready && (
        <ready.CallRecord
          call={call}
          agentSipUri={requesterSipUri}
          view={view}
          canEdit={capabilities.data?.agentCanEditRecordings !== false}
          send={send}
          pauseConfig={pauseConfig}
        />
      )}

      {confirmAction?.confirm && confirming && ready && (
        <ready.ConfirmDialog
          title={t(confirmAction.confirm.title)}
          confirmLabel={t(confirmAction.confirm.label)}
          onCancel={() => setConfirming(null)}
          onConfirm={() => {
            setConfirming(null)
            send(confirming)
          }}
        >
          {t(confirmAction.confirm.body)}
        </ready.ConfirmDialog>
      )}
    </main>
  )
}
