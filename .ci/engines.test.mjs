// package.json's engines must promise only what every installed package accepts: each package's
// own `engines.node` (as package-lock.json records it) must allow every Node version ours allows.
import { readFileSync } from 'node:fs'
import semver from 'semver'
import { expect, test } from 'vitest'

const root = new URL('../', import.meta.url)
const ours = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')).engines.node
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8'))

test('every locked package accepts every Node version package.json engines allow', () => {
  const narrower = Object.entries(lock.packages)
    .filter(([path, entry]) => path !== '' && typeof entry.engines?.node === 'string')
    .filter(([, entry]) => !semver.subset(ours, entry.engines.node))
    .map(
      ([path, entry]) =>
        `${path.replace(/^.*node_modules\//, '')}@${entry.version}: ${entry.engines.node}`,
    )
  expect(narrower, `package.json engines.node is '${ours}'`).toEqual([])
})
