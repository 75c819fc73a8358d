import { t } from '../i18n/messages.ts'

// What makes a call's address valid, and the link to a call's agent panel: used by the routes,
// the start page and the board alike.

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const SIP_URI = /^sips?:[^\s@:;]+@[a-z0-9.-]+(:\d{1,5})?$/i
/**
 * A plain UCC name: letters, digits, spaces, dots, dashes, underscores and ampersands, starting and ending
 * with a letter or digit, at most 200 characters. Nothing that a URL could read as a path segment
 * of its own ("." or ".."), a separator, a query or an escape.
 */
const UCC_NAME = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._&-]{0,198}[\p{L}\p{N}])?$/u

export function isCorrelationId(value: string): boolean {
  return GUID.test(value)
}

export function isSipUri(value: string): boolean {
  return SIP_URI.test(value)
}

/** Path names of the recording API that a UCC name must not take (they would call another endpoint). */
const RESERVED_NAMES = new Set(['set', 'capabilities'])

export function isUccName(value: string): boolean {
  return UCC_NAME.test(value) && !RESERVED_NAMES.has(value.toLowerCase())
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
