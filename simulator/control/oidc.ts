// The control API's hold on the OpenID Provider (--oidc): what it is, tokens minted for tests, a
// user's sign-ins revoked, an outage. Without --oidc every route answers 404.
import * as v from 'valibot'
import { json, message } from '../http.ts'
import type { Reply } from '../http.ts'
import { MAX_TOKEN_TTL_SECONDS, audienceProblem } from '../oidc/options.ts'
import type { OidcProvider } from '../oidc/provider.ts'
import { findUser } from '../oidc/users.ts'
import type { TestUser } from '../oidc/users.ts'
import { name, withBody } from './context.ts'
import type { ControlContext, ControlHandler } from './context.ts'

const ttlSeconds = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_TOKEN_TTL_SECONDS))
const uri = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(2000),
  v.check((value) => audienceProblem(value) === undefined, 'must be an absolute URI'),
)

const schemas = {
  token: v.object({
    user: name,
    audience: v.optional(uri),
    ttlSeconds: v.optional(ttlSeconds),
    issuer: v.optional(uri),
    scope: v.optional(v.pipe(v.string(), v.maxLength(1000))),
  }),
  revoke: v.object({ user: name }),
  outage: v.object({
    seconds: v.optional(v.pipe(v.number(), v.gtValue(0), v.maxValue(86_400))),
  }),
}

function notRunning(): Reply {
  return message(404, 'The simulator runs without an OpenID Provider: start it with --oidc.')
}

function unknownUser(user: string): Reply {
  return message(404, `No test user '${user}' (agent or supervisor, or their SIP URI).`)
}

/** Runs `handle` with the provider and the user the body names, or answers why not. */
function withUser(
  context: ControlContext,
  user: string,
  handle: (oidc: OidcProvider, found: TestUser) => Reply | Promise<Reply>,
): Reply | Promise<Reply> {
  if (!context.oidc) return notRunning()
  const found = findUser(user)
  return found ? handle(context.oidc, found) : unknownUser(user)
}

export const oidcNow: ControlHandler = (context) => {
  if (!context.oidc) return notRunning()
  return json(200, { ...context.oidc.info, outage: context.oidc.outage() ?? null })
}

export const mintToken = withBody(schemas.token, (context, _params, input) =>
  withUser(context, input.user, async (oidc, user) => {
    const { user: _name, ...changes } = input
    return json(200, await oidc.mint({ user, ...definedOnly(changes) }))
  }),
)

export const revokeUser = withBody(schemas.revoke, (context, _params, input) =>
  withUser(context, input.user, (oidc, user) =>
    json(200, { user: user.username, sub: user.sub, ...oidc.revoke(user) }),
  ),
)

export const startOutage = withBody(schemas.outage, (context, _params, input) => {
  if (!context.oidc) return notRunning()
  context.oidc.startOutage(input.seconds === undefined ? undefined : input.seconds * 1000)
  return json(200, { outage: context.oidc.outage() ?? null })
})

export const endOutage: ControlHandler = (context) => {
  if (!context.oidc) return notRunning()
  context.oidc.endOutage()
  return json(200, { outage: null })
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined),
  ) as Partial<T>
}
