import { t } from '../i18n/messages.ts'

// What makes a call's address valid, and the link to a call's agent panel: used by the routes,
// the start page and the board alike.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SIP_URI = /^sips?:[^\s@:;]+@[a-z0-9.-]+(:\d{1,5})?$/i
const UCC_NAME = /^[^\s/\\?#%][^/\\?#%]{0,199}$/

export function isCorrelationId(value: string): boolean {
  return GUID.test(value)
}

export function isSipUri(value: string): boolean {
  return SIP_URI.test(value)
}

export function isUccName(value: string): boolean {
  return UCC_NAME.test(value) && value.trim() === value
}

/** Problems with an agent-panel address, in plain words; empty when it can be opened. */
export function validateCallAddress(input: {
  uccName: string
  correlationId: string
  agentSipUri: string
}): string[] {
  const problems: string[] = []
  if (!input.uccName) problems.push(t('addressNoUcc'))
  else if (!isUccName(input.uccName)) problems.push(t('addressBadUcc', input.uccName))
  if (!isCorrelationId(input.correlationId)) problems.push(t('addressBadId', input.correlationId))
  if (!input.agentSipUri) problems.push(t('addressNoAgent'))
  else if (!isSipUri(input.agentSipUri)) problems.push(t('addressBadAgent', input.agentSipUri))
  return problems
}

export function agentPanelHref(call: {
  uccName: string
  correlationId: string
  agentSipUri?: string
}): string {
  const params = new URLSearchParams({ ucc: call.uccName, correlationId: call.correlationId })
  if (call.agentSipUri) params.set('agent', call.agentSipUri)
  return `?${params.toString()}`
}
