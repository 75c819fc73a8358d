import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { buildFloor, initialJsFiles, initialJsGzip } from './check-bundle.ts'

describe('initialJsGzip', () => {
  let dir: string
  const files: Record<string, string> = {
    'assets/index.js': 'import "./shared.js"; console.log("entry".repeat(40))',
    'assets/shared.js': 'export const shared = "shared".repeat(40)',
    'assets/lazy.js': 'export const lazy = "lazy".repeat(400)',
    'assets/index.css': 'body { color: red }',
  }

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'check-bundle-'))
    mkdirSync(join(dir, 'assets'))
    mkdirSync(join(dir, '.vite'))
    for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
    writeFileSync(
      join(dir, '.vite/manifest.json'),
      JSON.stringify({
        'index.html': {
          file: 'assets/index.js',
          isEntry: true,
          imports: ['_shared.js'],
          dynamicImports: ['lazy.tsx'],
          css: ['assets/index.css'],
        },
        '_shared.js': { file: 'assets/shared.js', imports: ['index.html'] },
        'lazy.tsx': { file: 'assets/lazy.js', isDynamicEntry: true, imports: ['_shared.js'] },
      }),
    )
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  test('counts the entry and its static imports, once each, not lazy chunks or CSS', () => {
    expect(initialJsFiles(dir, 'index.html').sort()).toEqual([
      'assets/index.js',
      'assets/shared.js',
    ])
    const gzip = (file: string) => gzipSync(readFileSync(join(dir, file)), { level: 9 }).length
    expect(initialJsGzip(dir, 'index.html')).toBe(
      gzip('assets/index.js') + gzip('assets/shared.js'),
    )
  })

  test('fails on an entry the manifest does not have, instead of counting 0 bytes', () => {
    expect(() => initialJsGzip(dir, 'main.html')).toThrow(/no entry main\.html/)
  })
})

describe('the dependency floor', () => {
  let outDir: string
  let sources: string[]

  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'check-bundle-floor-'))
    const entryKey = await buildFloor(outDir)
    const files = initialJsFiles(outDir, entryKey)
    expect(files).toHaveLength(1)
    const map = JSON.parse(readFileSync(join(outDir, `${files[0]}.map`), 'utf8')) as {
      sources: string[]
    }
    sources = map.sources
  })
  afterAll(() => rmSync(outDir, { recursive: true, force: true }))

  const has = (path: string) => sources.some((source) => source.endsWith(path))

  test('keeps its own entry and what each library needs for the use the panel makes of it', () => {
    expect(sources.some((source) => source.endsWith('/floor.tsx'))).toBe(true)
    for (const path of [
      'react-dom/cjs/react-dom-client.production.js',
      'react/cjs/react-jsx-runtime.production.js',
      '@tanstack/react-query/build/modern/QueryClientProvider.js',
      '@tanstack/react-query/build/modern/useQuery.js',
      '@tanstack/react-query/build/modern/useMutation.js',
      '@tanstack/query-core/build/modern/queryClient.js',
      '@tanstack/query-core/build/modern/queryObserver.js',
      '@tanstack/query-core/build/modern/mutationObserver.js',
      '@microsoft/signalr/dist/esm/HubConnectionBuilder.js',
      '@microsoft/signalr/dist/esm/HubConnection.js',
      '@microsoft/signalr/dist/esm/HttpConnection.js',
      '@microsoft/signalr/dist/esm/WebSocketTransport.js',
      '@microsoft/signalr/dist/esm/LongPollingTransport.js',
      '@microsoft/signalr/dist/esm/DefaultReconnectPolicy.js',
      '@microsoft/signalr/dist/esm/JsonHubProtocol.js',
    ])
      expect(has(path), path).toBe(true)
  })

  test('is tree-shaken: no library code that neither the floor nor the panel uses', () => {
    for (const path of [
      '@tanstack/query-core/build/modern/queriesObserver.js',
      '@tanstack/query-core/build/modern/infiniteQueryObserver.js',
      '@tanstack/query-core/build/modern/hydration.js',
      '@tanstack/react-query/build/modern/useSuspenseQuery.js',
      '@tanstack/react-query/build/modern/HydrationBoundary.js',
    ])
      expect(has(path), path).toBe(false)
  })
})

test('--dist names a folder without a build: a plain error and exit 1, nothing measured', () => {
  const empty = mkdtempSync(join(tmpdir(), 'check-bundle-empty-'))
  try {
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'check-bundle.ts'), '--dist', empty],
      { encoding: 'utf8' },
    )
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(`bundle: ${empty} holds no Vite build with a manifest`)
    expect(run.stdout).not.toContain('ratio')
  } finally {
    rmSync(empty, { recursive: true, force: true })
  }
})
