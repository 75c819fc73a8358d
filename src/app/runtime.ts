import { QueryClient } from '@tanstack/react-query'
import { createRecordingApi, resolveAgainstBase, type RecordingApi } from '../api/recording-api.ts'
import { LiveConnection } from '../live/live-connection.ts'
import { exposeEmbeddingApi, getAccessToken } from './access-token.ts'
import type { PanelConfig } from './config.ts'

/** The app-level singletons: one API client, one live connection, one query cache. */
export interface Runtime {
  api: RecordingApi
  live: LiveConnection
  queryClient: QueryClient
}

export function createRuntime(config: PanelConfig): Runtime {
  exposeEmbeddingApi()
  const api = createRecordingApi({
    apiBaseUrl: config.apiBaseUrl,
    apiVersion: config.apiVersion,
    requestTimeoutMs: config.requestTimeoutMs,
    getAccessToken,
  })
  const live = new LiveConnection({
    hubUrl: resolveAgainstBase(config.apiBaseUrl || window.location.origin, config.hubUrl),
    accessTokenFactory: getAccessToken,
  })
  const queryClient = new QueryClient({
    defaultOptions: { queries: { refetchOnWindowFocus: true }, mutations: { retry: false } },
  })
  return { api, live, queryClient }
}
