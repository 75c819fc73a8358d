import { useId, useState, type FormEvent } from 'react'
import { agentPanelHref, validateCallAddress } from '../../lib/call-address.ts'
import { Alert } from '../../components/ui/alert.tsx'
import { Button } from '../../components/ui/button.tsx'
import { t } from '../../i18n/messages.ts'

export interface StartPageProps {
  uccName: string
  agentSipUri: string
  /** Problems with the address that brought the user here: nothing was requested for it. */
  problems: string[]
}

/** Where to go when the address names no call: enter one. Nothing is sent until it is valid. */
export function StartPage({ uccName, agentSipUri, problems }: StartPageProps) {
  const [form, setForm] = useState({ uccName, correlationId: '', agentSipUri })
  const [formProblems, setFormProblems] = useState<string[]>([])
  const ids = { ucc: useId(), call: useId(), agent: useId() }
  const shown = formProblems.length > 0 ? formProblems : problems

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const trimmed = {
      uccName: form.uccName.trim(),
      correlationId: form.correlationId.trim(),
      agentSipUri: form.agentSipUri.trim(),
    }
    const found = validateCallAddress(trimmed)
    setFormProblems(found)
    if (found.length === 0) window.location.assign(agentPanelHref(trimmed))
  }

  return (
    <main className="mx-auto flex w-full max-w-md flex-col gap-3 p-3">
      <h1 className="text-lg font-bold">{t('panelTitle')}</h1>
      <p className="text-sm">{t('startIntro')}</p>
      {shown.length > 0 && (
        <Alert
          tone="error"
          data-testid="address-problems"
          title={t('startProblems')}
          items={shown}
        />
      )}
      <form onSubmit={onSubmit} noValidate className="flex flex-col gap-3">
        <Field
          id={ids.call}
          label={t('startCallId')}
          value={form.correlationId}
          placeholder="1d6c6a58-6739-4f0c-98ff-0968292c8c30"
          onChange={(correlationId) => setForm({ ...form, correlationId })}
        />
        <Field
          id={ids.ucc}
          label={t('startUcc')}
          value={form.uccName}
          placeholder="ucc-demo-name"
          onChange={(value) => setForm({ ...form, uccName: value })}
        />
        <Field
          id={ids.agent}
          label={t('startAgent')}
          value={form.agentSipUri}
          placeholder="sip:agent@domain.com"
          onChange={(value) => setForm({ ...form, agentSipUri: value })}
        />
        <Button type="submit" variant="primary">
          {t('startOpen')}
        </Button>
      </form>
      <p className="text-sm">
        {t('startSupervisors')}
        <a className="underline" href="?view=board">
          {t('startBoard')}
        </a>
        .
      </p>
    </main>
  )
}

function Field(props: {
  id: string
  label: string
  value: string
  placeholder: string
  onChange: (value: string) => void
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={props.id} className="text-sm font-semibold">
        {props.label}
      </label>
      <input
        id={props.id}
        value={props.value}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => props.onChange(event.target.value)}
        className="min-h-11 rounded-md border border-slate-500 bg-white px-2 font-mono text-sm dark:bg-slate-800"
      />
    </div>
  )
}
