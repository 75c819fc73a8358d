import { queryOptions } from '@tanstack/react-query'
import { isApiError } from './api-error.ts'
import type { RecordingApi } from './recording-api.ts'

// What agents may do in a UCC: one query per UCC, shared by the agent view and the board.

export function capabilitiesKey(uccName: string) {
  return ['capabilities', uccName.toLowerCase()] as const
}

export function capabilitiesQuery(api: RecordingApi, uccName: string) {
  return queryOptions({
    queryKey: capabilitiesKey(uccName),
    queryFn: ({ signal }) => api.getCapabilities(uccName, signal),
    staleTime: 5 * 60_000,
    retry: (failureCount, error) => isApiError(error) && error.isTransient && failureCount < 2,
  })
}
