// "AnywhereNow Authentication": the bearer token lives in memory only (never in storage), set by
// the page that embeds the panel: window.recordingPanel.setAccessToken(token).
import type { RecordingPanelMethods } from '../embed/embed-bridge.ts'
let accessToken: string | undefined

export function getAccessToken(): string | undefined {
  return accessToken
}

const listeners = new Set<() => void>()

export function setAccessToken(token: string | undefined): void {
  accessToken = token || undefined
  for (const listener of listeners) listener()
}

/** Called whenever a token is handed over: what failed for want of one is asked again. */
export function onAccessTokenChange(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
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
