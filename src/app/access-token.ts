// "AnywhereNow Authentication": the bearer token lives in memory only (never in storage), set by
// the page that embeds the panel: window.recordingPanel.setAccessToken(token).
let accessToken: string | undefined

export function getAccessToken(): string | undefined {
  return accessToken
}

export function setAccessToken(token: string | undefined): void {
  accessToken = token || undefined
}

declare global {
  interface Window {
    recordingPanel?: { setAccessToken: (token: string | undefined) => void }
  }
}

export function exposeEmbeddingApi(): void {
  window.recordingPanel = { setAccessToken }
}
