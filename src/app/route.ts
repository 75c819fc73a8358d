import { isCorrelationId, isSipUri, isUccName, validateCallAddress } from '../lib/call-address.ts'
import type { PanelConfig } from './config.ts'
import { t } from '../i18n/messages.ts'

/** What the address bar asks for. Nothing is requested for a route that is not valid. */
export type Route =
  | { view: 'agent'; uccName: string; correlationId: string; agentSipUri: string }
  | { view: 'start'; uccName: string; agentSipUri: string; problems: string[] }
  | {
      view: 'board'
      uccNames: string[]
      correlationIds: string[]
      /** Who the board acts as: `supervisor=`, else config's supervisorSipUri; '' when none (or refused). */
      supervisorSipUri: string
      problems: string[]
    }

export function parseRoute(search: string, config: PanelConfig): Route {
  const params = new URLSearchParams(search)
  const uccName = (params.get('ucc') ?? config.uccName).trim()
  const agentSipUri = (params.get('agent') ?? config.requesterSipUri).trim()

  if (params.get('view') === 'board') {
    const uccNames = splitList(params.get('ucc') ?? config.uccName)
    const ids = splitList(params.get('calls') ?? '')
    // Who the board acts as: the address wins; refused, the board acts as nobody (never the agent).
    const supervisor = (params.get('supervisor') ?? config.supervisorSipUri).trim()
    const problems = [
      ...uccNames.filter((name) => !isUccName(name)).map((name) => t('addressBadUcc', name)),
      ...ids.filter((id) => !isCorrelationId(id)).map((id) => t('addressBadIdShort', id)),
      ...(supervisor && !isSipUri(supervisor) ? [t('addressBadAgent', supervisor)] : []),
    ]
    return {
      view: 'board',
      uccNames: uccNames.filter(isUccName),
      correlationIds: ids.filter(isCorrelationId),
      supervisorSipUri: isSipUri(supervisor) ? supervisor : '',
      problems,
    }
  }

  // Two different values for one parameter: which call, or which agent, is meant cannot be told.
  const ambiguous = (['ucc', 'correlationId', 'agent'] as const)
    .filter((name) => new Set(params.getAll(name).map((value) => value.trim())).size > 1)
    .map((name) => t('addressTwice', name))
  const correlationId = params.get('correlationId')?.trim()
  if (!correlationId) return { view: 'start', uccName, agentSipUri, problems: ambiguous }
  const problems = [...ambiguous, ...validateCallAddress({ uccName, correlationId, agentSipUri })]
  if (problems.length > 0) return { view: 'start', uccName, agentSipUri, problems }
  return { view: 'agent', uccName, correlationId, agentSipUri }
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
