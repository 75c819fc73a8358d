// Bundle budget: the agent view's initial JavaScript (gzip) against the dependency floor, i.e. the
// smallest app that uses react + react-dom + @tanstack/react-query + @microsoft/signalr the way the
// panel does, tree-shaken and built with the app's own Vite config (vite.config.ts: same plugins,
// target and minifier, an HTML entry like index.html), so that only the application code differs.
// Prints both figures and exits 1 over budget. Sizes are deterministic for a given lockfile.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { build, type Manifest } from 'vite'

export const BUDGET_RATIO = 1.15

const root = resolve(import.meta.dirname, '..')

/**
 * The floor app. Each library is used once, the minimal way an app uses it, and every result
 * reaches a side effect (the DOM, the network, the console), so the bundler can drop nothing the
 * app itself would need:
 * - react-dom/client: `createRoot` on a real element and `render` (the whole reconciler and the
 *   DOM host config); the JSX goes through the same automatic runtime (`react/jsx-runtime`) as
 *   the app's.
 * - @tanstack/react-query: a `QueryClient` (query cache, mutation cache, focus and online
 *   managers) given to a `QueryClientProvider`, one `useQuery` (QueryObserver, Query, retryer)
 *   whose data is rendered, and one `useMutation` (MutationObserver, Mutation) run on a click and
 *   whose state disables the button.
 * - @microsoft/signalr: `HubConnectionBuilder().withUrl(url)` (HttpConnection: negotiation and the
 *   WebSocket, server-sent events and long-polling transports; the default HTTP client; the JSON
 *   hub protocol), `.withAutomaticReconnect()` (DefaultReconnectPolicy), `.build()`, `.start()`
 *   (handshake) and one `.on(...)` handler (invocation dispatch) that writes to the page.
 * Nothing else: no StrictMode, no error boundary, no CSS, no dynamic import (the preload helper
 * is the app's choice), so what the app adds beyond this is the app's to justify.
 */
export const FLOOR_ENTRY = `
import { createRoot } from 'react-dom/client'
import { QueryClient, QueryClientProvider, useMutation, useQuery } from '@tanstack/react-query'
import { HubConnectionBuilder } from '@microsoft/signalr'

const connection = new HubConnectionBuilder()
  .withUrl('/hub')
  .withAutomaticReconnect()
  .build()
connection.on('changed', (value: unknown) => {
  document.title = String(value)
})
connection.start().catch((error: unknown) => console.error(error))

const queryClient = new QueryClient()

function Floor() {
  const query = useQuery({
    queryKey: ['floor'],
    queryFn: async () => (await fetch('/state')).text(),
  })
  const mutation = useMutation({
    mutationFn: (body: string) => fetch('/action', { method: 'POST', body }),
  })
  return (
    <button
      type="button"
      disabled={mutation.isPending}
      onClick={() => mutation.mutate(query.data ?? '')}
    >
      {query.data ?? 'loading'}
    </button>
  )
}

createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    <Floor />
  </QueryClientProvider>,
)
`

/** The floor's page: an HTML entry like the app's index.html (Vite adds the same module-preload polyfill to both). */
export const FLOOR_HTML = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>floor</title></head>
  <body>
    <div id="root"></div>
    <script type="module" src="./floor.tsx"></script>
  </body>
</html>
`

/** The JS files of an entry and the chunks it imports statically (not its dynamic imports). */
export function initialJsFiles(outDir: string, entryKey: string): string[] {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
  // A missing entry would count as 0 bytes and pass any budget: fail instead.
  if (!manifest[entryKey]) throw new Error(`${outDir}: the manifest has no entry ${entryKey}`)
  const seen = new Set<string>()
  const visit = (key: string) => {
    if (seen.has(key)) return
    seen.add(key)
    for (const imported of manifest[key]?.imports ?? []) visit(imported)
  }
  visit(entryKey)
  const files: string[] = []
  for (const key of seen) {
    const file = manifest[key]?.file
    if (file?.endsWith('.js')) files.push(file)
  }
  return files
}

export function initialJsGzip(outDir: string, entryKey: string): number {
  let total = 0
  for (const file of initialJsFiles(outDir, entryKey))
    total += gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length
  return total
}

/** The manifest key of a build's (single) HTML or JS entry. */
export function entryKeyOf(outDir: string): string {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
  const entryKey = Object.keys(manifest).find((key) => manifest[key]?.isEntry)
  if (!entryKey) throw new Error(`${outDir}: the build has no entry`)
  return entryKey
}

/**
 * Builds the floor into `outDir` with the app's Vite config (only the input and output differ;
 * source maps as the app's config says, so both builds end their files alike). The sources are
 * written under node_modules, inside the project root, so that they resolve the same packages.
 * Returns the entry's manifest key.
 */
export async function buildFloor(outDir: string): Promise<string> {
  const dir = mkdtempSync(join(root, 'node_modules/.tmp-floor-'))
  // Vite builds for process.env.NODE_ENV when it is set (vitest sets "test": React's development
  // build); `npm run build` builds the app for production, so the floor is built for production too.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    writeFileSync(join(dir, 'floor.tsx'), FLOOR_ENTRY)
    writeFileSync(join(dir, 'index.html'), FLOOR_HTML)
    await build({
      root,
      logLevel: 'silent',
      build: {
        outDir,
        emptyOutDir: true,
        manifest: true,
        copyPublicDir: false,
        rolldownOptions: { input: join(dir, 'index.html') },
      },
    })
    return entryKeyOf(outDir)
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
    rmSync(dir, { recursive: true, force: true })
  }
}

async function measureFloor(): Promise<number> {
  const outDir = mkdtempSync(join(root, 'node_modules/.tmp-floor-dist-'))
  try {
    const entryKey = await buildFloor(outDir)
    return initialJsGzip(outDir, entryKey)
  } finally {
    rmSync(outDir, { recursive: true, force: true })
  }
}

/**
 * The English message catalog's chunk (gzip). It loads beside config.json before the first render
 * and is text, not code: like the CSS and config.json, the budget does not count it, but the check
 * prints it so that nobody mistakes what the ratio measures (docs/decisions/0008-messages.md).
 */
export function catalogGzip(outDir: string, key = 'src/i18n/en.ts'): number {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Manifest
  const file = manifest[key]?.file
  if (!file) throw new Error(`${outDir}: the manifest has no chunk for ${key}`)
  return gzipSync(readFileSync(join(outDir, file)), { level: 9 }).length
}

/** Measures the app built into `distDir` (the project's dist/ unless told otherwise). */
export async function measureBundle(distDir = join(root, 'dist')) {
  const app = initialJsGzip(distDir, 'index.html')
  const catalog = catalogGzip(distDir)
  const floor = await measureFloor()
  return { app, floor, ratio: app / floor, catalog }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  // `--dist <dir>`: measure a build made elsewhere (`vite build --outDir <dir>`), e.g. beside a
  // build that another job is using.
  const { values } = parseArgs({ options: { dist: { type: 'string' } } })
  const distDir = resolve(values.dist ?? join(root, 'dist'))
  if (!existsSync(join(distDir, '.vite/manifest.json'))) {
    console.error(
      `bundle: ${distDir} holds no Vite build with a manifest; build it first (npx vite build --outDir <dir>)`,
    )
    process.exit(1)
  }
  const { app, floor, ratio, catalog } = await measureBundle(distDir)
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  console.log(
    `bundle: agent view initial JS ${kb(app)} gzip; dependency floor ${kb(floor)} gzip; ratio ${ratio.toFixed(3)} (budget ${BUDGET_RATIO})`,
  )
  console.log(
    `bundle: message catalog (en) ${kb(catalog)} gzip, loaded beside config.json; text, not counted in the ratio`,
  )
  if (ratio > BUDGET_RATIO) {
    console.error(`bundle: over budget by ${kb(app - floor * BUDGET_RATIO)}`)
    process.exit(1)
  }
}
