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
  if (!input.uccName)
    problems.push(
      'No contact center (UCC) given: add ucc=<name> to the address or set uccName in config.json.',
    )
  else if (!isUccName(input.uccName)) problems.push(`"${input.uccName}" is not a valid UCC name.`)
  if (!isCorrelationId(input.correlationId))
    problems.push(
      `"${input.correlationId}" is not a valid correlation id (expected a GUID such as 1d6c6a58-6739-4f0c-98ff-0968292c8c30).`,
    )
  if (!input.agentSipUri)
    problems.push(
      'No agent given: add agent=sip:<user>@<domain> to the address or set requesterSipUri in config.json.',
    )
  else if (!isSipUri(input.agentSipUri))
    problems.push(`"${input.agentSipUri}" is not a valid SIP URI (expected sip:user@domain).`)
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
