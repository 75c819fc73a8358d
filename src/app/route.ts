import type { PanelConfig } from './config.ts'

/** What the address bar asks for. Nothing is requested for a route that is not valid. */
export type Route =
  | { view: 'agent'; uccName: string; correlationId: string; agentSipUri: string }
  | { view: 'start'; uccName: string; agentSipUri: string; problems: string[] }
  | { view: 'board'; uccNames: string[]; correlationIds: string[]; problems: string[] }

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

export function parseRoute(search: string, config: PanelConfig): Route {
  const params = new URLSearchParams(search)
  const uccName = (params.get('ucc') ?? config.uccName).trim()
  const agentSipUri = (params.get('agent') ?? config.requesterSipUri).trim()

  if (params.get('view') === 'board') {
    const uccNames = splitList(params.get('ucc') ?? config.uccName)
    const ids = splitList(params.get('calls') ?? '')
    const problems = [
      ...uccNames
        .filter((name) => !isUccName(name))
        .map((name) => `"${name}" is not a valid UCC name.`),
      ...ids
        .filter((id) => !isCorrelationId(id))
        .map((id) => `"${id}" is not a valid correlation id.`),
    ]
    return {
      view: 'board',
      uccNames: uccNames.filter(isUccName),
      correlationIds: ids.filter(isCorrelationId),
      problems,
    }
  }

  // Two different values for one parameter: which call, or which agent, is meant cannot be told.
  const ambiguous = (['ucc', 'correlationId', 'agent'] as const)
    .filter((name) => new Set(params.getAll(name).map((value) => value.trim())).size > 1)
    .map((name) => `The address gives more than one ${name}: give one.`)
  const correlationId = params.get('correlationId')?.trim()
  if (!correlationId) return { view: 'start', uccName, agentSipUri, problems: ambiguous }
  const problems = [...ambiguous, ...validateCallAddress({ uccName, correlationId, agentSipUri })]
  if (problems.length > 0) return { view: 'start', uccName, agentSipUri, problems }
  return { view: 'agent', uccName, correlationId, agentSipUri }
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

function splitList(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/[\s,;]+/)
        .map((part) => part.trim())
        .filter(Boolean),
    ),
  ]
}
