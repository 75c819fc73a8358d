// The Content-Security-Policy for the built panel: no inline scripts, no eval, nothing from other
// origins. Applied by the simulator's static serving and by `npm run preview`; docs/deployment.md
// shows the same header for IIS and nginx. A deployment whose attendant service is on another
// origin (apiBaseUrl, hubUrl) adds that origin (https:// and wss://) to connect-src.
export function contentSecurityPolicy(connectSources: readonly string[] = []): string {
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

/** WebSockets to the page's own host: 'self' covers them in current browsers, listed for older ones. */
export function sameHostWebSockets(host: string | undefined): string[] {
  return host ? [`ws://${host}`, `wss://${host}`] : []
}
