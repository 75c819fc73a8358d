// What the agent view's initial JavaScript is made of: reads the source maps of the initial chunks
// (the entry and the chunks it imports statically, as scripts/check-bundle.ts counts them) and
// attributes every byte of minified output to the source module it came from. Bytes with no
// source are "(unmapped)": the bundler's CommonJS interop runtime, Vite's preload helper and
// module-preload polyfill, and the imports and exports between chunks.
// Three figures per module:
// - raw: minified bytes;
// - gzip: the chunk's gzip size shared out in proportion to each module's own gzip size (sums to
//   the chunk's gzip size);
// - removal: how much the chunk's gzip size drops when the module's bytes are cut out of it, the
//   saving to expect from lazy-loading or deleting it (these do not sum to the total).
// The same is done for the dependency floor (built as check-bundle.ts builds it), so library code
// the app ships beyond the floor is listed.
// Usage: npx vite build && npx tsx scripts/bundle-report.ts [--top 25] [--dist dist] [--no-floor]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { gzipSync } from 'node:zlib'
import { SourceMapConsumer, type RawSourceMap } from 'source-map-js'
import { buildFloor, initialJsFiles } from './check-bundle.ts'

const root = resolve(import.meta.dirname, '..')
const UNMAPPED = '(unmapped)'

export interface ModuleSize {
  /** The source file relative to the project root (node_modules/… or src/…), or UNMAPPED. */
  source: string
  raw: number
  gzip: number
  removal: number
}

export interface ChunkReport {
  file: string
  raw: number
  gzip: number
  modules: ModuleSize[]
}

const gzipSize = (text: string) => gzipSync(text, { level: 9 }).length

/** Splits generated code into runs, each attributed to one source (UNMAPPED when none). */
export function attribute(
  code: string,
  map: RawSourceMap,
  resolveSource: (source: string) => string,
) {
  const consumer = new SourceMapConsumer(map)
  const lines = code.split('\n')
  // per line: [column, source] starts, in order
  const starts: Array<Array<[number, string]>> = lines.map(() => [])
  consumer.eachMapping(
    (mapping) => {
      const line = starts[mapping.generatedLine - 1]
      if (!line) return
      line.push([
        mapping.generatedColumn,
        mapping.source ? resolveSource(mapping.source) : UNMAPPED,
      ])
    },
    undefined,
    SourceMapConsumer.GENERATED_ORDER,
  )
  const runs: Array<{ source: string; text: string }> = []
  const push = (source: string, text: string) => {
    if (text === '') return
    const last = runs.at(-1)
    if (last?.source === source) last.text += text
    else runs.push({ source, text })
  }
  lines.forEach((line, index) => {
    const lineStarts = starts[index] ?? []
    push(UNMAPPED, line.slice(0, lineStarts[0]?.[0] ?? line.length))
    lineStarts.forEach(([column, source], i) => {
      push(source, line.slice(column, lineStarts[i + 1]?.[0] ?? line.length))
    })
    if (index < lines.length - 1) push(UNMAPPED, '\n')
  })
  return runs
}

export function reportChunk(
  file: string,
  code: string,
  map: RawSourceMap,
  resolveSource: (source: string) => string,
): ChunkReport {
  const runs = attribute(code, map, resolveSource)
  const gzip = gzipSize(code)
  const bySource = new Map<string, string[]>()
  for (const run of runs) {
    const pieces = bySource.get(run.source) ?? []
    pieces.push(run.text)
    bySource.set(run.source, pieces)
  }
  const own = new Map<string, number>()
  for (const [source, pieces] of bySource) own.set(source, gzipSize(pieces.join('')))
  const ownTotal = [...own.values()].reduce((a, b) => a + b, 0)
  const modules: ModuleSize[] = [...bySource].map(([source, pieces]) => ({
    source,
    raw: Buffer.byteLength(pieces.join('')),
    gzip: ((own.get(source) ?? 0) * gzip) / ownTotal,
    removal:
      gzip -
      gzipSize(
        runs
          .filter((run) => run.source !== source)
          .map((run) => run.text)
          .join(''),
      ),
  }))
  return { file, raw: Buffer.byteLength(code), gzip, modules }
}

/** Reports on the initial JS of an entry of a build made with source maps. */
export function reportBuild(outDir: string, entryKey: string): ChunkReport[] {
  return initialJsFiles(outDir, entryKey).map((file) => {
    const path = join(outDir, file)
    const map = JSON.parse(readFileSync(`${path}.map`, 'utf8')) as RawSourceMap
    const base = resolve(dirname(path), map.sourceRoot ?? '')
    return reportChunk(file, readFileSync(path, 'utf8'), map, (source) =>
      normalise(relative(root, resolve(base, source))),
    )
  })
}

/** node_modules/… or src/… relative to the project root; a floor built under node_modules/.tmp-… keeps its entry apart. */
function normalise(path: string): string {
  const at = path.lastIndexOf('node_modules/')
  if (at >= 0 && !path.includes('/.tmp-floor-')) return path.slice(at)
  if (path.includes('/.tmp-floor-')) return `(floor) ${path.slice(path.lastIndexOf('/') + 1)}`
  return path
}

/** Whether a source is the project's own code (src/, protocol/ …), not a package or glue. */
export function isAppCode(source: string): boolean {
  return source !== UNMAPPED && !source.startsWith('node_modules/') && !source.startsWith('(floor)')
}

/** The package a source belongs to (`react-dom`, `@tanstack/query-core`), or `app: <directory>`. */
export function packageOf(source: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)
  if (match?.[1]) return match[1]
  if (!isAppCode(source)) return source
  const parts = source.split('/')
  return `app: ${parts.slice(0, Math.max(1, Math.min(2, parts.length - 1))).join('/')}`
}

export function merge(chunks: ChunkReport[]): ModuleSize[] {
  const merged = new Map<string, ModuleSize>()
  for (const chunk of chunks)
    for (const module of chunk.modules) {
      const sum = merged.get(module.source) ?? {
        source: module.source,
        raw: 0,
        gzip: 0,
        removal: 0,
      }
      sum.raw += module.raw
      sum.gzip += module.gzip
      sum.removal += module.removal
      merged.set(module.source, sum)
    }
  return [...merged.values()].sort((a, b) => b.gzip - a.gzip)
}

const kb = (bytes: number) => (bytes / 1024).toFixed(2).padStart(7)

function table<T extends ModuleSize>(
  title: string,
  rows: T[],
  label: (row: T) => string = (row) => row.source,
) {
  console.log(
    `\n${title}\n${'raw KB'.padStart(7)} ${'gzip KB'.padStart(7)} ${'cut KB'.padStart(7)}`,
  )
  for (const row of rows)
    console.log(`${kb(row.raw)} ${kb(row.gzip)} ${kb(row.removal)}  ${label(row)}`)
}

function sumBy(rows: ModuleSize[], key: (row: ModuleSize) => string): ModuleSize[] {
  const sums = new Map<string, ModuleSize>()
  for (const row of rows) {
    const name = key(row)
    const sum = sums.get(name) ?? { source: name, raw: 0, gzip: 0, removal: 0 }
    sum.raw += row.raw
    sum.gzip += row.gzip
    sum.removal += row.removal
    sums.set(name, sum)
  }
  return [...sums.values()].sort((a, b) => b.gzip - a.gzip)
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values } = parseArgs({
    options: {
      top: { type: 'string', default: '25' },
      dist: { type: 'string', default: 'dist' },
      'no-floor': { type: 'boolean', default: false },
    },
  })
  const top = Number(values.top)
  const appChunks = reportBuild(resolve(root, values.dist), 'index.html')
  const app = merge(appChunks)
  const total = appChunks.reduce((sum, chunk) => sum + chunk.gzip, 0)
  console.log(`agent view initial JS: ${kb(total).trim()} KB gzip`)
  for (const chunk of appChunks)
    console.log(`  ${chunk.file}: ${kb(chunk.raw).trim()} KB raw, ${kb(chunk.gzip).trim()} KB gzip`)
  console.log(
    "(gzip: share of the chunk's gzip size; cut: what the chunk loses without the module)",
  )
  table(
    `top ${top} modules`,
    app.slice(0, top),
    (row) =>
      `${isAppCode(row.source) ? 'app ' : row.source === UNMAPPED ? 'glue' : 'lib '} ${row.source}`,
  )
  const isApp = (row: ModuleSize) => isAppCode(row.source)
  table(
    'app code by directory',
    sumBy(app.filter(isApp), (row) => packageOf(row.source)),
  )
  table(
    'library code by package',
    sumBy(
      app.filter((row) => !isApp(row)),
      (row) => packageOf(row.source),
    ),
  )
  table('app code by file', app.filter(isApp))

  if (!values['no-floor']) {
    const floorDir = mkdtempSync(join(root, 'node_modules/.tmp-floor-dist-'))
    try {
      const floorKey = await buildFloor(floorDir)
      const floorChunks = reportBuild(floorDir, floorKey)
      const floor = new Map(merge(floorChunks).map((row) => [row.source, row]))
      const floorTotal = floorChunks.reduce((sum, chunk) => sum + chunk.gzip, 0)
      console.log(
        `\ndependency floor: ${kb(floorTotal).trim()} KB gzip; ratio ${(total / floorTotal).toFixed(3)}`,
      )
      const extra = app
        .filter((row) => !isApp(row))
        .map((row) => {
          const inFloor = floor.get(row.source)
          return {
            ...row,
            raw: row.raw - (inFloor?.raw ?? 0),
            gzip: row.gzip - (inFloor?.gzip ?? 0),
            note: inFloor ? 'more than in the floor' : 'not in the floor',
          }
        })
        .filter((row) => row.raw > 32)
        .sort((a, b) => b.gzip - a.gzip)
      table(
        'library code and glue beyond the floor (raw and gzip: app − floor; cut: in the app)',
        extra,
        (row) => `${row.source} (${row.note})`,
      )
      const appCode = app.filter(isApp).reduce((sum, row) => sum + row.gzip, 0)
      const libraries = extra.reduce((sum, row) => sum + row.gzip, 0)
      console.log(
        `\nbeyond the floor: ${kb(total - floorTotal).trim()} KB gzip ≈ app code ${kb(appCode).trim()} + library code and glue ${kb(libraries).trim()} + the rest ${kb(total - floorTotal - appCode - libraries).trim()} (the same library code compressing differently in the two builds)`,
      )
      const missing = [...floor.values()].filter(
        (row) => !app.some((a) => a.source === row.source) && !row.source.startsWith('(floor)'),
      )
      if (missing.length > 0) table('in the floor, not in the app', missing)
    } finally {
      rmSync(floorDir, { recursive: true, force: true })
    }
  }
}
