// Short smoke runs of the benchmarks and the soak, for CI: each must run to its end and measure
// (the full runs stay out of CI). A run passes when it exits 0: the benchmarks exit 1 only when
// they cannot measure; the soak exits 1 on any invariant violation or page error.
import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'

// PANEL_DIST names another build to serve (as for the end-to-end tests); default dist/.
const dist = process.env.PANEL_DIST ? ['--dist', process.env.PANEL_DIST] : []

const RUNS = [
  { name: 'latency benchmark (--quick)', args: ['run', 'bench', '--', '--quick', ...dist] },
  {
    name: 'board benchmark (300 calls, 50 events/s, 5 s)',
    args: [
      'run',
      'bench:board',
      '--',
      '--calls',
      '300',
      '--events-per-second',
      '50',
      '--seconds',
      '5',
      ...dist,
    ],
  },
  { name: 'soak (30 s)', args: ['run', 'soak', '--', '--minutes', '0.5', ...dist] },
]

const results = RUNS.map(({ name, args }) => {
  console.log(`\nsmoke: ${name}`)
  const started = Date.now()
  const run = spawnSync('npm', args, { stdio: 'inherit', timeout: 300_000 })
  const passed = run.status === 0
  console.log(
    `smoke: ${name}: ${passed ? 'passed' : `failed (exit ${run.status ?? run.signal})`} in ${Math.round((Date.now() - started) / 1000)} s`,
  )
  return { name, passed }
})

const passed = results.filter((result) => result.passed).length
const failed = results.length - passed
if (process.env.SMOKE_JSON_REPORT)
  writeFileSync(process.env.SMOKE_JSON_REPORT, JSON.stringify({ passed, failed, results }))
console.log(`\nsmoke: ${passed} passed, ${failed} failed`)
process.exit(failed === 0 ? 0 : 1)
