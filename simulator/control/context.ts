import * as v from 'valibot'
import type { Faults } from '../faults.ts'
import type { Hub } from '../hub/hub.ts'
import type { OidcProvider } from '../oidc/provider.ts'
import { message } from '../http.ts'
import type { Reply } from '../http.ts'
import type { Random } from '../random.ts'
import type { LoadStatus } from '../scenarios.ts'
import type { Settings } from '../settings.ts'
import type { Store } from '../store.ts'
import type { ControlAccess } from './guard.ts'

/** Who the audit log names for a change made through the control API, unless the request says. */
export const CONTROL_REQUESTER = 'control-api'

export interface ControlContext {
  /** Who may use the control API at all. */
  access: ControlAccess
  store: Store
  settings: Settings
  faults: Faults
  hub: Hub
  random: Random
  scenario: string
  startedAt: number
  /** Default data, faults and audit cleared, settings back to the start options; a running scenario restarts. */
  reset(): void
  /** The load scenario's numbers, shown by /__sim/health. */
  load?: () => LoadStatus
  /** The OpenID Provider, with --oidc. */
  oidc?: OidcProvider
}

export type Params = Record<string, string>

export interface ControlRequest {
  params: Params
  body: unknown
  query: URLSearchParams
}

export type ControlHandler = (
  context: ControlContext,
  request: ControlRequest,
) => Reply | Promise<Reply>

/** A handler whose body is checked against schema first ({} when the body is empty); 400 with the issues if not. */
export function withBody<S extends v.GenericSchema>(
  schema: S,
  handle: (
    context: ControlContext,
    params: Params,
    input: v.InferOutput<S>,
  ) => Reply | Promise<Reply>,
): ControlHandler {
  return (context, request) => {
    const result = v.safeParse(schema, request.body ?? {})
    return result.success
      ? handle(context, request.params, result.output)
      : message(400, v.summarize(result.issues))
  }
}

/** A name, id or SIP URI: a non-empty string, trimmed. */
export const name = v.pipe(v.string(), v.trim(), v.nonEmpty())
