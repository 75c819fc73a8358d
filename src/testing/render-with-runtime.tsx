import { render } from '@testing-library/react'
import type { ReactNode } from 'react'
import { expect, onTestFinished, vi } from 'vitest'
import type { RecordingApi, SetRecordingInput } from '../api/recording-api.ts'
import type { CallState, Capabilities } from '../api/schemas.ts'
import { RuntimeProviders } from '../app/app.tsx'
import { DEFAULT_CONFIG } from '../app/config.ts'
import { createRuntime } from '../app/runtime.ts'
import { deferred, type Deferred } from './deferred.ts'
import { FakeHubConnection } from './fake-hub-connection.ts'

// One render harness for component tests: the app's own runtime (API client, live connection with
// its sinks, query cache) with the network replaced by a fake API the test answers by hand and a
// fake hub connection it drives.

export type PendingGet = Deferred<CallState> & { uccName: string; correlationId: string }
export type PendingPost = Deferred<CallState | undefined> & { input: SetRecordingInput }

export interface FakeApi {
  api: RecordingApi & {
    getState: ReturnType<typeof vi.fn<RecordingApi['getState']>>
    getCapabilities: ReturnType<typeof vi.fn<RecordingApi['getCapabilities']>>
    setRecording: ReturnType<typeof vi.fn<RecordingApi['setRecording']>>
  }
  /** Every state read, in order, answered when the test decides. */
  gets: PendingGet[]
  /** Every action sent, in order, answered when the test decides. */
  posts: PendingPost[]
}

/** Capabilities answer at once (`agentCanEditRecordings: true` unless given); reads and actions wait. */
export function fakeRecordingApi(options: { capabilities?: Capabilities } = {}): FakeApi {
  const gets: PendingGet[] = []
  const posts: PendingPost[] = []
  const api = {
    getState: vi.fn<RecordingApi['getState']>((uccName, correlationId) => {
      const call = deferred<CallState>()
      gets.push({ ...call, uccName, correlationId })
      return call.promise
    }),
    getCapabilities: vi.fn<RecordingApi['getCapabilities']>((uccName) =>
      Promise.resolve(options.capabilities ?? { uccName, agentCanEditRecordings: true }),
    ),
    setRecording: vi.fn<RecordingApi['setRecording']>((input) => {
      const call = deferred<CallState | undefined>()
      posts.push({ ...call, input })
      return call.promise
    }),
  }
  return { api, gets, posts }
}

/** The nth pending request, or a clear failure when it was never made. */
export function nth<T>(requests: T[], index: number): T {
  const request = requests[index]
  if (!request) throw new Error(`request ${index + 1} was not made (${requests.length} made)`)
  return request
}

/** Renders `ui` inside the app's runtime, with the hub connected. */
export async function renderWithRuntime(ui: ReactNode, fake: FakeApi = fakeRecordingApi()) {
  const hub = new FakeHubConnection()
  const runtime = createRuntime(DEFAULT_CONFIG, {
    api: fake.api,
    createConnection: () => hub.asHubConnection(),
  })
  onTestFinished(() => runtime.queryClient.clear())
  runtime.live.start()
  await vi.waitFor(() => expect(runtime.live.getState()).toBe('Connected'))
  render(<RuntimeProviders runtime={runtime}>{ui}</RuntimeProviders>)
  return { ...fake, ...runtime, hub }
}
