// The demo host's settings, from its own address:
//   ?panel=<the panel's page URL>&ucc=<UCC>&agent=<sip uri>&call=<guid>[&call=<guid>…]#token=<bearer>
// `npm start` prints one. The token sits in the fragment, which the browser never sends to a server.

export interface DemoCall {
  ucc: string
  correlationId: string
  agent: string
}

export const DEFAULT_PANEL_URL = 'http://127.0.0.1:5173/'
const DEFAULT_UCC = 'ucc-demo-name'
const DEFAULT_AGENT = 'sip:agent@domain.com'
const DEFAULT_CALL = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'

export interface DemoHostSettings {
  panelOrigin: string
  calls: DemoCall[]
  token: string | null
  /** The panel's address for a call. */
  panelUrl(call: DemoCall): string
}

export function demoHostSettings(location: { search: string; hash: string }): DemoHostSettings {
  const params = new URLSearchParams(location.search)
  const panel = new URL(params.get('panel') ?? DEFAULT_PANEL_URL)
  if (panel.protocol !== 'http:' && panel.protocol !== 'https:')
    throw new Error(`demo host: the panel's address must be http(s), not ${panel.protocol}`)
  const ucc = params.get('ucc') ?? DEFAULT_UCC
  const agent = params.get('agent') ?? DEFAULT_AGENT
  const ids = params.getAll('call').flatMap((value) => value.split(','))
  const calls = (ids.length > 0 ? ids : [DEFAULT_CALL]).map((correlationId) => ({
    ucc,
    correlationId,
    agent,
  }))
  const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token')
  return {
    panelOrigin: panel.origin,
    calls,
    token: token || null,
    panelUrl(call) {
      const url = new URL(panel)
      url.search = new URLSearchParams({
        ucc: call.ucc,
        correlationId: call.correlationId,
        agent: call.agent,
      }).toString()
      url.hash = ''
      return url.toString()
    },
  }
}

/** The demo host's address for a panel and calls (what `npm start` prints and tests open). */
export function demoHostPath(options: {
  panel: string
  ucc?: string
  agent?: string
  calls?: readonly string[]
  token?: string
}): string {
  const params = new URLSearchParams({ panel: options.panel })
  if (options.ucc) params.set('ucc', options.ucc)
  if (options.agent) params.set('agent', options.agent)
  for (const call of options.calls ?? []) params.append('call', call)
  const hash = options.token ? `#${new URLSearchParams({ token: options.token })}` : ''
  return `/?${params}${hash}`
}
