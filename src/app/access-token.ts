// "AnywhereNow Authentication": the bearer token lives in memory only (never in storage), set by
// the page that embeds the panel (window.recordingPanel.setAccessToken(token)) or, with `auth` in
// config.json, by the panel's own sign-in (src/auth/), which also hears of every token refused.
import type { RecordingPanelMethods } from '../embed/embed-bridge.ts'
let accessToken: string | undefined
/** What a new token sets off: the runtime's one listener (onAccessTokenChange). */
let changed = () => {}

export function getAccessToken(): string | undefined {
  return accessToken
}

export function setAccessToken(token: string | undefined): void {
  accessToken = token || undefined
  changed()
}

/**
 * Called whenever a token is handed over (by the host or the sign-in): what failed for want of one
 * is asked again. One listener, the runtime's (a later call replaces it).
 */
export function onAccessTokenChange(listener: () => void): void {
  changed = listener
}

declare global {
  interface Window {
    /** For same-origin hosts; the other methods come with the embedding bridge (src/embed/). */
    recordingPanel?: {
      setAccessToken: (token: string | undefined) => void
    } & Partial<RecordingPanelMethods>
  }
}

export function exposeEmbeddingApi(): void {
  window.recordingPanel = { setAccessToken }
}
