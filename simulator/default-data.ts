import { RecordingState } from '../protocol/wire.ts'

/** The data every scenario starts from (and reset returns to), so the documentation's examples work as written. */
export const DEFAULT_UCC = 'ucc-demo-name'
export const DEFAULT_CALL_ID = '1d6c6a58-6739-4f0c-98ff-0968292c8c30'
export const DEFAULT_AGENT = 'sip:agent@domain.com'
export const LOCKED_UCC = 'ucc-locked'
export const LOCKED_CALL_ID = '6f1c2b8e-0c1a-4a57-9d43-2f7a51f0b3a1'

export interface SeedUcc {
  name: string
  agentCanEditRecordings: boolean
  agents: string[]
  calls: { correlationId: string; recordingState: number }[]
}

export const defaultData: readonly SeedUcc[] = [
  {
    name: DEFAULT_UCC,
    agentCanEditRecordings: true,
    agents: [
      DEFAULT_AGENT,
      'sip:alice@domain.com',
      'sip:bob@domain.com',
      'sip:supervisor@domain.com',
    ],
    calls: [{ correlationId: DEFAULT_CALL_ID, recordingState: RecordingState.Started }],
  },
  {
    name: LOCKED_UCC,
    agentCanEditRecordings: false,
    agents: [DEFAULT_AGENT],
    calls: [{ correlationId: LOCKED_CALL_ID, recordingState: RecordingState.Started }],
  },
]
