import { createContext, use, type ReactNode } from 'react'
import type { RecordingApi } from './recording-api.ts'

const ApiContext = createContext<RecordingApi | null>(null)

export function ApiProvider({ api, children }: { api: RecordingApi; children: ReactNode }) {
  return <ApiContext value={api}>{children}</ApiContext>
}

export function useRecordingApi(): RecordingApi {
  const api = use(ApiContext)
  if (!api) throw new Error('useRecordingApi needs an <ApiProvider>')
  return api
}
