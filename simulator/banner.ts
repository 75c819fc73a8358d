import { recordingApiRoot } from '../protocol/wire.ts'
import { isWildcard } from './addresses.ts'
import { DEFAULT_CALL_ID, DEFAULT_UCC } from './default-data.ts'
import type { Simulator } from './server.ts'

function exposureWarning(simulator: Simulator): string[] {
  if (!simulator.exposed) return []
  const where = isWildcard(simulator.host)
    ? `on every interface (${simulator.host})`
    : `on ${simulator.host}`
  const rest = simulator.restNeedsToken
    ? 'with the --auth-token'
    : 'with no token at all (no --auth-token)'
  return [
    `  WARNING: listening ${where}, beyond this machine. Anyone who can reach it can use`,
    `           the REST API and the hub ${rest}; the control API needs the control token.`,
    `  listening on: ${simulator.addresses.join(', ')}`,
  ]
}

/** With --oidc: the provider, what the panel's sign-in needs, the test users, and how to get a token. */
function oidcLines(simulator: Simulator): string[] {
  const { oidc } = simulator
  if (!oidc) return []
  const users = oidc.users.map((user) => `${user.username}/${user.password}`).join(', ')
  return [
    `  OpenID Provider: ${oidc.issuer}  (client ${oidc.clientId}, Authorization Code + PKCE)`,
    `    audience ${oidc.audience}, scope 'openid profile ${oidc.scope}'; access tokens ${oidc.accessTokenTtlSeconds} s, refresh ${oidc.refreshTokenTtlSeconds} s`,
    `    redirects to: ${oidc.redirectUris.join(', ')}`,
    `    test users (user/password): ${users}`,
    '    REST and the hub need its access tokens; for a quick one:',
    `    curl -X POST -H 'Content-Type: application/json' -d '{"user":"agent"}' ${simulator.controlUrl}/oidc/token`,
  ]
}

/** What the CLI prints on start: the URLs, and when it listens beyond this machine a warning and
 *  every address it listens on. */
export function banner(simulator: Simulator): string {
  const control = simulator.controlNeedsToken
    ? '  (needs Authorization: Bearer <control token>; simulator/README.md)'
    : '  (simulator/README.md)'
  return [
    `Attendant service simulator (scenario: ${simulator.scenario})`,
    ...exposureWarning(simulator),
    `  base URL:    ${simulator.url}`,
    `  REST API:    ${simulator.restUrl}  (and ${recordingApiRoot('v2')})`,
    `  hub URL:     ${simulator.hubUrl}`,
    `  control API: ${simulator.controlUrl}/${control}`,
    `  try:         curl ${simulator.oidc ? '-H "Authorization: Bearer <access token>" ' : ''}${simulator.restUrl}/${DEFAULT_UCC}/${DEFAULT_CALL_ID}`,
    ...oidcLines(simulator),
    '',
  ].join('\n')
}
