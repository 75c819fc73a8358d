import { QueryClient } from '@tanstack/react-query'
import { createRecordingApi, resolveAgainstBase, type RecordingApi } from '../api/recording-api.ts'
import { callCacheSink } from '../features/call-recording/call-cache-sink.ts'
import { LiveConnection, type LiveConnectionOptions } from '../live/live-connection.ts'
import { exposeEmbeddingApi, getAccessToken, onAccessTokenChange } from './access-token.ts'
import type { PanelConfig } from './config.ts'

/** The app-level singletons: one API client, one live connection, one query cache. */
export interface Runtime {
  api: RecordingApi
  live: LiveConnection
  queryClient: QueryClient
}

/**
 * What tests put in place of the network (an API and a hub connection of their own), and the fetch
 * REST goes through (the sign-in's, which hears of every 401: src/auth/).
 */
export interface RuntimeOverrides {
  api?: RecordingApi
  fetch?: typeof fetch
  createConnection?: LiveConnectionOptions['createConnection']
}

export function createRuntime(config: PanelConfig, overrides: RuntimeOverrides = {}): Runtime {
  exposeEmbeddingApi()
  const api =
    overrides.api ??
    createRecordingApi({
      apiBaseUrl: config.apiBaseUrl,
      apiVersion: config.apiVersion,
      requestTimeoutMs: config.requestTimeoutMs,
      getAccessToken,
      fetch: overrides.fetch,
    })
  const live = new LiveConnection({
    hubUrl: resolveAgainstBase(config.apiBaseUrl || window.location.origin, config.hubUrl),
    accessTokenFactory: getAccessToken,
    createConnection: overrides.createConnection,
  })
  const queryClient = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: true }, mutations: { retry: false } },
  })
  // One subscriber for the agent view's calls, at app level: never one per mounted panel.
  live.attach(callCacheSink(queryClient))
  // A new token: every read and check is asked again, so an alert about a 401 goes at once.
  onAccessTokenChange(() => void queryClient.invalidateQueries())
  return { api, live, queryClient }
}
