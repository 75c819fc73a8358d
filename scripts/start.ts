// `npm start`: the simulator with the demo scenario, and the panel's dev server in front of it
// (API and hub proxied, so the panel talks to its own origin as it does when deployed).
import { Command, InvalidArgumentError } from 'commander'
import { createServer } from 'vite'
import { startSimulator } from '../simulator/server.ts'

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
  .option('--host <host>', 'interface both listen on', '127.0.0.1')
  .parse()
  .opts<{ simulatorPort: number; port: number; host: string }>()

const simulator = await startSimulator({
  port: options.simulatorPort,
  host: options.host,
  scenario: 'demo',
  // Needed when --host reaches beyond this machine (simulator/README.md).
  controlToken: process.env.SIMULATOR_CONTROL_TOKEN || undefined,
})
process.env.SIMULATOR_URL = simulator.url
const vite = await createServer({
  server: { port: options.port, host: options.host, strictPort: true },
})
await vite.listen()
const panel = (vite.resolvedUrls?.local[0] ?? `http://${options.host}:${options.port}/`).replace(
  /\/$/,
  '',
)

console.log(`
Call recording panel with its simulator

  Agent panel (demo call):  ${panel}/?ucc=ucc-demo-name&correlationId=1d6c6a58-6739-4f0c-98ff-0968292c8c30&agent=sip:agent@domain.com
  Start page:               ${panel}/
  Supervisor board:         ${panel}/?view=board&ucc=ucc-demo-name,ucc-sales,ucc-support

  Simulator REST:           ${simulator.restUrl}
  Simulator hub:            ${simulator.hubUrl}
  Simulator control API:    ${simulator.controlUrl}   (see simulator/README.md)

Press Ctrl+C to stop.
`)

async function shutdown() {
  await Promise.allSettled([vite.close(), simulator.close()])
  process.exit(0)
}
process.on('SIGINT', () => void shutdown())
process.on('SIGTERM', () => void shutdown())
