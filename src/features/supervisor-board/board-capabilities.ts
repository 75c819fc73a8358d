import { useQueries, type UseQueryResult } from '@tanstack/react-query'
import { useCallback } from 'react'
import { useRecordingApi } from '../../api/api-context.tsx'
import type { ApiError } from '../../api/api-error.ts'
import { capabilitiesQuery } from '../../api/capabilities-query.ts'
import type { Capabilities } from '../../api/schemas.ts'
import { asApiError } from './board-call.ts'

export interface BoardCapabilities {
  /** AgentCanEditRecordings per watched UCC (lowercased); absent until the service answered. */
  readonly canEdit: ReadonlyMap<string, boolean>
  /** UCCs whose capabilities could not be read (after the query's retries). */
  readonly errors: readonly { readonly uccName: string; readonly error: ApiError }[]
}

/** What agents may do in each watched UCC: the agent view's capabilities query, once per UCC. */
export function useBoardCapabilities(uccNames: readonly string[]): BoardCapabilities {
  const api = useRecordingApi()
  // Stable while the UCCs are: the combined result then changes only when an answer does.
  const combine = useCallback(
    (results: UseQueryResult<Capabilities>[]): BoardCapabilities => {
      const canEdit = new Map<string, boolean>()
      const errors: { uccName: string; error: ApiError }[] = []
      results.forEach((result, index) => {
        const uccName = uccNames[index]
        if (uccName === undefined) return
        if (result.data) canEdit.set(uccName.toLowerCase(), result.data.agentCanEditRecordings)
        if (result.isError) errors.push({ uccName, error: asApiError(result.error) })
      })
      return { canEdit, errors }
    },
    [uccNames],
  )
  return useQueries({
    queries: uccNames.map((uccName) => capabilitiesQuery(api, uccName)),
    combine,
  })
}
