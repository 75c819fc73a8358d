// `npm start`: the simulator with the demo scenario, and the panel's dev server in front of it
// (API and hub proxied, so the panel talks to its own origin as it does when deployed), and the
// demo host page (a mock agent desktop embedding the panel) on its own port, another origin.
// `npm start -- --oidc`: the simulator also runs its OpenID Provider and needs its tokens, and the
// dev server's config.json gains the `auth` that signs the panel in there.
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { Command, InvalidArgumentError } from 'commander'
import { createServer } from 'vite'
import type { Plugin } from 'vite'
import { DEFAULT_OIDC_PORT } from '../simulator/cli-options.ts'
import type { OidcInfo } from '../simulator/oidc/options.ts'
import { startSimulator } from '../simulator/server.ts'
import { embedOriginsOfText } from '../deploy/content-security-policy.ts'
import { demoHostPath } from '../demo-host/settings.ts'
import { AGENT, DEMO_CALL, DEMO_UCC } from '../test-support/sim-client.ts'

function port(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 65535)
    throw new InvalidArgumentError('not a port number')
  return parsed
}

const options = new Command()
  .name('npm start --')
  .description('Runs the attendant-service simulator (demo scenario) and the panel together.')
  .option('--simulator-port <port>', 'simulator port', port, 5100)
  .option('--port <port>', 'panel (dev server) port', port, 5173)
  .option('--demo-host-port <port>', "the demo host page's port (another origin)", port, 5174)
  .option('--host <host>', 'interface both listen on', '127.0.0.1')
  .option(
    '--oidc',
    "sign-in: the simulator's OpenID Provider (loopback only) and config.json's auth to use it",
  )
  .option('--oidc-port <port>', "the OpenID Provider's port", port, DEFAULT_OIDC_PORT)
  .option('--oidc-access-ttl <seconds>', 'access token lifetime (default 300)', seconds)
  .option('--oidc-refresh-ttl <seconds>', 'refresh token and session lifetime', seconds)
  .parse()
  .opts<{
    simulatorPort: number
    port: number
    demoHostPort: number
    host: string
    oidc?: boolean
    oidcPort: number
    oidcAccessTtl?: number
    oidcRefreshTtl?: number
  }>()

const panelOrigins = [`http://${options.host}:${options.port}`]
if (options.host === '127.0.0.1') panelOrigins.push(`http://localhost:${options.port}`)

const simulator = await startSimulator({
  port: options.simulatorPort,
  host: options.host,
  scenario: 'demo',
  // Needed when --host reaches beyond this machine (simulator/README.md).
  controlToken: process.env.SIMULATOR_CONTROL_TOKEN || undefined,
  ...(options.oidc
    ? {
        oidc: {
          port: options.oidcPort,
          // The panel signs in and out from its dev server's origin, any path there.
          redirectUris: panelOrigins,
          ...(options.oidcAccessTtl ? { accessTokenTtlSeconds: options.oidcAccessTtl } : {}),
          ...(options.oidcRefreshTtl ? { refreshTokenTtlSeconds: options.oidcRefreshTtl } : {}),
        },
      }
    : {}),
})
process.env.SIMULATOR_URL = simulator.url
const vite = await createServer({
  server: { port: options.port, host: options.host, strictPort: true },
  plugins: simulator.oidc ? [configWithAuth(simulator.oidc)] : [],
})
await vite.listen()
const panel = (vite.resolvedUrls?.local[0] ?? `http://${options.host}:${options.port}/`).replace(
  /\/$/,
  '',
)
// The demo host: its own dev server (demo-host/vite.config.ts), so it needs no build either.
const demoHostServer = await createServer({
  configFile: fileURLToPath(new URL('../demo-host/vite.config.ts', import.meta.url)),
  server: { port: options.demoHostPort, host: options.host, strictPort: true },
})
await demoHostServer.listen()
const demoHostOrigin = `http://${options.host}:${options.demoHostPort}`
const demoHost = `${demoHostOrigin}${demoHostPath({
  panel: `${panel}/`,
  ucc: DEMO_UCC,
  agent: AGENT,
  calls: [DEMO_CALL],
})}`
const allowed = embedOriginsOfText(
  await readFile(new URL('../public/config.json', import.meta.url), 'utf8').catch(() => undefined),
)
const notAllowed = allowed.includes(demoHostOrigin)
  ? ''
  : `                            (add "${demoHostOrigin}" to public/config.json's embedOrigins: the panel ignores it until then)\n`

console.log(`
Call recording panel with its simulator

  Agent panel (demo call):  ${panel}/?ucc=ucc-demo-name&correlationId=1d6c6a58-6739-4f0c-98ff-0968292c8c30&agent=sip:agent@domain.com
  Start page:               ${panel}/
  Supervisor board:         ${panel}/?view=board&ucc=ucc-demo-name,ucc-sales,ucc-support&supervisor=sip:supervisor@domain.com
  Demo host (card payment): ${demoHost}
${notAllowed}
  Simulator REST:           ${simulator.restUrl}
  Simulator hub:            ${simulator.hubUrl}
  Simulator control API:    ${simulator.controlUrl}   (see simulator/README.md)
${signInLines()}
Press Ctrl+C to stop.
`)

function seconds(value: string): number {
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 1)
    throw new InvalidArgumentError('not a whole number of seconds')
  return parsed
}

/** The `auth` config.json gives the panel to sign in at the simulator's provider. */
function authConfig(oidc: OidcInfo) {
  return {
    authority: oidc.issuer,
    clientId: oidc.clientId,
    scope: `openid profile ${oidc.scope}`,
    redirectPath: '/',
  }
}

/** The dev server answers /config.json with public/config.json plus `auth`, leaving the file as it is. */
function configWithAuth(oidc: OidcInfo): Plugin {
  return {
    name: 'config-json-with-auth',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (new URL(req.url ?? '/', 'http://panel').pathname !== '/config.json') return next()
        readFile(new URL('../public/config.json', import.meta.url), 'utf8')
          .then((text) => {
            const config = { ...(JSON.parse(text) as object), auth: authConfig(oidc) }
            res.setHeader('Content-Type', 'application/json')
            res.setHeader('Cache-Control', 'no-store')
            res.end(JSON.stringify(config, null, 2))
          })
          .catch(next)
      })
    },
  }
}

function signInLines(): string {
  const { oidc } = simulator
  if (!oidc) return ''
  const users = oidc.users.map((user) => `${user.username}/${user.password}`).join(', ')
  return `
  Sign-in (--oidc):         ${oidc.issuer}   client ${oidc.clientId}
  Test users:               ${users}
  config.json's auth:       ${JSON.stringify(authConfig(oidc))}
`
}

async function shutdown() {
  await Promise.allSettled([vite.close(), demoHostServer.close(), simulator.close()])
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
