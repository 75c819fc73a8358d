// The Content-Security-Policy for the built panel: no inline scripts, no eval, nothing from other
// origins. Applied by the simulator's static serving and by `npm run preview`; docs/deployment.md
// shows the same header for IIS and nginx. A deployment whose attendant service is on another
// origin (apiBaseUrl, hubUrl) adds that origin (https:// and wss://) to connect-src.
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

export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
  for (const source of connectSources) {
    if (!isSource(source)) throw new Error(`'${source}' is not a CSP source.`)
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
  ].join('; ')
}

/** WebSockets to the given hosts (`name:port`, as the server is configured to be reached): 'self'
 *  covers them in current browsers, listed for older ones. */
export function webSocketSources(hosts: readonly string[]): string[] {
  return hosts.flatMap((host) => [`ws://${host}`, `wss://${host}`])
}
