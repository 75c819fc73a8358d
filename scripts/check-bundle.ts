// Bundle budget: the agent view's initial JavaScript (gzip) against the dependency floor, i.e.
// react + react-dom + @tanstack/react-query + @microsoft/signalr alone, built with the same Vite
// config. Prints both figures and exits 1 over budget. Sizes are deterministic for a given lockfile.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import { build, type Manifest } from 'vite'

export const BUDGET_RATIO = 1.15

const root = resolve(import.meta.dirname, '..')

const FLOOR_ENTRY = `
import * as React from 'react'
import * as ReactDOM from 'react-dom/client'
import * as ReactQuery from '@tanstack/react-query'
import * as SignalR from '@microsoft/signalr'
Object.assign(globalThis, { React, ReactDOM, ReactQuery, SignalR })
`

export function initialJsGzip(outDir: string, entryKey: string): number {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const imported of manifest[key]?.imports ?? []) visit(imported)
  }
  visit(entryKey)
  let total = 0
  for (const key of seen) {
    const file = manifest[key]?.file
    if (file?.endsWith('.js'))
      total += gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length
  }
  return total
}

async function buildFloor(): Promise<number> {
  const dir = mkdtempSync(join(root, 'node_modules/.tmp-floor-'))
  try {
    writeFileSync(join(dir, 'floor.js'), FLOOR_ENTRY)
    const outDir = join(dir, 'dist')
    await build({
      root,
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: true,
        manifest: true,
        sourcemap: false,
        rollupOptions: { input: join(dir, 'floor.js') },
      },
    })
    const manifest = JSON.parse(
      readFileSync(join(outDir, '.vite/manifest.json'), 'utf8'),
    ) as Manifest
    const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry)
    if (!entryKey) throw new Error('floor build has no entry')
    return initialJsGzip(outDir, entryKey)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export async function measureBundle() {
  const app = initialJsGzip(join(root, 'dist'), 'index.html')
  const floor = await buildFloor()
  return { app, floor, ratio: app / floor }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { app, floor, ratio } = await measureBundle()
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  console.log(
    `bundle: agent view initial JS ${kb(app)} gzip; dependency floor ${kb(floor)} gzip; ratio ${ratio.toFixed(3)} (budget ${BUDGET_RATIO})`,
  )
  if (ratio > BUDGET_RATIO) {
    console.error(`bundle: over budget by ${kb(app - floor * BUDGET_RATIO)}`)
    process.exit(1)
  }
}
