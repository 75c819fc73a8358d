import type { ErrorStatusMode } from './errors.ts'

export const EventCasing = { Pascal: 'pascal', Camel: 'camel' } as const
export type EventCasing = (typeof EventCasing)[keyof typeof EventCasing]

/** What the control API can switch while the simulator runs. */
export interface Settings {
  eventCasing: EventCasing
  errorStatus: ErrorStatusMode
}
