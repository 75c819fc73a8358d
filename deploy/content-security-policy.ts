// The Content-Security-Policy for the built panel: no inline scripts, no eval, nothing from other
// origins. Applied by the simulator's static serving and by `npm run preview`; docs/deployment.md
// shows the same header for IIS and nginx. A deployment whose attendant service is on another
// origin (apiBaseUrl, hubUrl) adds that origin (https:// and wss://) to connect-src.
//
// The panel may be framed only by its own origin and the origins config.json's `embedOrigins`
// allows to drive it (frame-ancestors): the served config.json decides both.
//
// Sources come from configuration, never from a request: a source with a space, `;`, `,`, a quote
// or a control character would add a source or a directive of its own, so it is refused.
function isSource(text: string): boolean {
  return (
    text !== '' &&
    !/[\s;,'"\\]/.test(text) &&
    [...text].every((char) => char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
  )
}

export function contentSecurityPolicy(
  connectSources: readonly string[] = [],
  frameAncestors: readonly string[] = [],
): string {
  for (const source of connectSources) {
    if (!isSource(source)) throw new Error(`'${source}' is not a CSP source.`)
  }
  for (const origin of frameAncestors) {
    if (!isOrigin(origin)) throw new Error(`'${origin}' is not an http(s) origin.`)
  }
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${connectSources.join(' ')}`.trim(),
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    frameAncestorsDirective(frameAncestors),
  ].join('; ')
}

/** `frame-ancestors 'self' <origins>`: who may show the panel in a frame. */
export function frameAncestorsDirective(origins: readonly string[] = []): string {
  for (const origin of origins) {
    if (!isOrigin(origin)) throw new Error(`'${origin}' is not an http(s) origin.`)
  }
  return `frame-ancestors 'self' ${origins.join(' ')}`.trim()
}

/** An origin as a browser reports it: http(s), host and optional port, nothing after, no `*`. */
export function isOrigin(text: string): boolean {
  if (!isSource(text) || text.includes('*')) return false
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === text
  } catch {
    return false
  }
}

/** At most this many embedOrigins (the panel refuses a longer list, and so does this). */
const MAX_EMBED_ORIGINS = 20

/**
 * The frame ancestors config.json allows: its `embedOrigins` when the panel would accept them (a
 * list of at most 20 http(s) origins), else none: the panel then ignores the key, and a frame
 * allowed by the policy but not by the panel would be a frame nobody can drive.
 */
export function embedOriginsOf(config: unknown): string[] {
  if (typeof config !== 'object' || config === null || Array.isArray(config)) return []
  const origins = (config as { embedOrigins?: unknown }).embedOrigins
  if (
    !Array.isArray(origins) ||
    origins.length > MAX_EMBED_ORIGINS ||
    !origins.every((origin) => typeof origin === 'string' && isOrigin(origin))
  )
    return []
  return [...new Set(origins as string[])]
}

/** embedOriginsOf the text of a config.json (none when it is not JSON). */
export function embedOriginsOfText(text: string | undefined): string[] {
  if (text === undefined) return []
  try {
    return embedOriginsOf(JSON.parse(text))
  } catch {
    return []
  }
}

/**
 * The sign-in service config.json's `auth.authority` names, as a connect-src source (its origin):
 * the panel fetches its discovery document and keys and asks it for tokens. None without `auth`.
 */
export function authoritySourcesOf(config: unknown): string[] {
  const authority = (config as { auth?: { authority?: unknown } } | null)?.auth?.authority
  if (typeof authority !== 'string') return []
  try {
    const { origin } = new URL(authority)
    return isOrigin(origin) ? [origin] : []
  } catch {
    return []
  }
}

/** authoritySourcesOf the text of a config.json (none when it is not JSON). */
export function authoritySourcesOfText(text: string | undefined): string[] {
  try {
    return text === undefined ? [] : authoritySourcesOf(JSON.parse(text))
  } catch {
    return []
  }
}

/** WebSockets to the given hosts (`name:port`, as the server is configured to be reached): 'self'
 *  covers them in current browsers, listed for older ones. */
export function webSocketSources(hosts: readonly string[]): string[] {
  return hosts.flatMap((host) => [`ws://${host}`, `wss://${host}`])
}
