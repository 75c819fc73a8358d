// No secrets in the bundle: scans every file of dist/ for what a leaked credential looks like
// (private keys, JWTs, bearer tokens, key/secret/password assignments). Exits 1 on a finding.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'

export const SECRET_PATTERNS: { name: string; pattern: RegExp }[] = [
  { name: 'private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  {
    name: 'JSON Web Token',
    pattern: /eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/,
  },
  { name: 'bearer token', pattern: /Bearer [A-Za-z0-9._~+/-]{20,}=*/ },
  {
    name: 'credential assignment',
    pattern:
      /["']?(api[_-]?key|client[_-]?secret|secret|password|access[_-]?token)["']?\s*[:=]\s*["'][^"'\s]{8,}["']/i,
  },
]

export function findSecrets(text: string): string[] {
  return SECRET_PATTERNS.filter(({ pattern }) => pattern.test(text)).map(({ name }) => name)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const dist = resolve(import.meta.dirname, '../dist')
  const findings = filesUnder(dist).flatMap((file) =>
    findSecrets(readFileSync(file, 'utf8')).map((name) => `${relative(dist, file)}: ${name}`),
  )
  if (findings.length > 0) {
    console.error(`secrets: found in the bundle:\n${findings.join('\n')}`)
    process.exit(1)
  }
  console.log(`secrets: none found in dist/ (${SECRET_PATTERNS.length} patterns)`)
}
