import { banner } from './banner.ts'
import { parseCliArgs } from './cli-options.ts'
import { startSimulator } from './server.ts'
import { describeStartFailure } from './start-failure.ts'
import type { Simulator } from './server.ts'

async function main(): Promise<void> {
  const parsed = parseCliArgs(process.argv.slice(2))
  if (!parsed.ok) {
    ;(parsed.exitCode === 0 ? process.stdout : process.stderr).write(parsed.output)
    process.exit(parsed.exitCode)
  }
  const log = parsed.quiet ? undefined : (line: string) => console.log(line)
  let simulator: Simulator
  try {
    simulator = await startSimulator({ ...parsed.options, ...(log ? { log } : {}) })
  } catch (error) {
    const reason = describeStartFailure(error, {
      port: parsed.options.port,
      oidcPort: parsed.options.oidc?.port,
    })
    process.stderr.write(`error: cannot start the simulator: ${reason}\n`)
    process.exit(1)
  }
  process.stdout.write(banner(simulator))
  const stop = () => {
    void simulator.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main()
