import { useQueryClient } from '@tanstack/react-query'
import { lazy, Suspense, useEffect, useState } from 'react'
import { Alert } from '../../components/ui/alert.tsx'
import { Button } from '../../components/ui/button.tsx'
import { ConfirmDialog } from '../../components/ui/confirm-dialog.tsx'
import { t } from '../../i18n/messages.ts'
import { observeCallEntries } from '../../ledger/observe-call-entries.ts'
import { sharedLedger } from '../../ledger/shared-ledger.ts'
import { readPauseConfig } from '../../lib/pause-config.ts'
import type { CallRef } from './call-state-query.ts'
import type { ActionId, CallView } from './describe-call.ts'

// The call on record: "card data may be in the recording", and this call's pause ledger.

const AgentLedger = lazy(() =>
  import('../../ledger/agent-ledger.tsx').then((module) => ({ default: module.AgentLedger })),
)

export interface CallRecordProps {
  call: CallRef
  /** Who this panel acts as: the requester of its actions, and of an incident it reports. */
  agentSipUri: string
  view: CallView
  /** The agent may change recordings in this UCC (AgentCanEditRecordings). */
  canEdit: boolean
  send: (id: ActionId) => void
  /** config.json's pause and ledger keys, read here: how long the ledger keeps a record. */
  pauseConfig: Readonly<Record<string, unknown>>
}

export function CallRecord(props: CallRecordProps) {
  useLedgerOfThisTab(props.agentSipUri, readPauseConfig(props.pauseConfig).ledgerRetentionDays)
  return (
    <section aria-labelledby="call-record" className="rule-above flex flex-col gap-2">
      <h2 id="call-record" className="text-soft text-sm font-semibold">
        {t('recordHeading')}
      </h2>
      <ReportExposure {...props} />
      <Suspense fallback={null}>
        <AgentLedger
          ledger={sharedLedger.ledger}
          ucc={props.call.uccName}
          correlationId={props.call.correlationId}
        />
      </Suspense>
    </section>
  )
}

let observing = false

/**
 * Starts the ledger (once per tab, after the first paint) and hands it every version of every
 * call entry the agent view caches, with who this panel acts as.
 */
function useLedgerOfThisTab(agentSipUri: string, retentionDays: number): void {
  const queryClient = useQueryClient()
  useEffect(() => {
    if (observing) return
    observing = true
    void sharedLedger.start({ retentionDays })
    observeCallEntries(queryClient.getQueryCache(), 'recording', sharedLedger, agentSipUri)
  }, [queryClient, agentSipUri, retentionDays])
}

/**
 * For when the customer spoke card data while the recorder ran: the recording is marked for
 * review, an incident goes on record (it stays there, deleted recording or not), and Delete is
 * offered, with its question, where agents may change recordings.
 */
const EXPOSURE_MARKING = {
  already: 'exposureAlreadyMarked',
  sent: 'exposureMarkSent',
  refused: 'exposureNotMarked',
} as const

function ReportExposure({ call, agentSipUri, view, canEdit, send }: CallRecordProps) {
  const [incident, setIncident] = useState<Promise<string | null> | null>(null)
  // What the report did, said as it is: whether Mark went out, and whether the ledger kept it.
  const [marking, setMarking] = useState<'already' | 'sent' | 'refused'>('sent')
  const [kept, setKept] = useState<boolean | null>(null)
  const [asking, setAsking] = useState(false)
  const known = !view.callUnknown && view.marking !== 'Unknown'
  const deleted = view.saving === 'Delete' && !view.stale

  useEffect(() => {
    if (!incident || !deleted) return
    void incident.then((id) => {
      if (id) void sharedLedger.run((ledger) => ledger.updateIncident(id, { deleted: true }))
    })
  }, [incident, deleted])

  function report() {
    const marked = view.marking === 'Mark'
    if (!marked && view.allowed.mark) send('mark')
    setMarking(marked ? 'already' : view.allowed.mark ? 'sent' : 'refused')
    const recorded = sharedLedger
      .run((ledger) =>
        ledger.available
          ? ledger.recordIncident({
              ucc: call.uccName,
              correlationId: call.correlationId,
              requesterSipUri: agentSipUri,
              marked: marked || view.allowed.mark,
            })
          : null,
      )
      .catch(() => null)
    void recorded.then((id) => setKept(id !== null))
    setIncident(recorded)
  }

  return (
    <>
      <Button
        data-testid="action-report-exposure"
        variant="danger"
        disabled={!known || incident !== null}
        onClick={report}
      >
        {t('exposureReport')}
      </Button>
      {incident && (
        <div data-testid="exposure-reported" role="status">
          <Alert
            tone="warning"
            title={t('exposureRecorded')}
            explanation={`${t(EXPOSURE_MARKING[marking])}${kept === null ? '' : ` ${t(kept ? 'exposureKept' : 'exposureNotKept')}`}`}
          >
            {canEdit && view.allowed.delete && (
              <Button className="mt-2" variant="danger" onClick={() => setAsking(true)}>
                {t('exposureDelete')}
              </Button>
            )}
          </Alert>
        </div>
      )}
      {asking && (
        <ConfirmDialog
          title={t('deleteTitle')}
          confirmLabel={t('deleteConfirm')}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false)
            send('delete')
          }}
        >
          {t('deleteBody')}
        </ConfirmDialog>
      )}
    </>
  )
}
