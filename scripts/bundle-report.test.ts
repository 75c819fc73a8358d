import { SourceMapGenerator, type RawSourceMap } from 'source-map-js'
import { expect, test } from 'vitest'
import { attribute, merge, packageOf, reportChunk } from './bundle-report.ts'

// `aaa;bbbbb` from a.js then b.js, a newline, then `ccc` from a.js after 2 unmapped characters.
const code = 'aaa;bbbbb\n//ccc'
function sampleMap(): RawSourceMap {
  const generator = new SourceMapGenerator({ file: 'out.js' })
  const add = (line: number, column: number, source: string) =>
    generator.addMapping({
      generated: { line, column },
      original: { line: 1, column: 0 },
      source,
    })
  add(1, 0, 'a.js')
  add(1, 4, 'b.js')
  add(2, 2, 'a.js')
  return JSON.parse(generator.toString()) as RawSourceMap
}

test('attributes every character to its source, the rest to (unmapped)', () => {
  const runs = attribute(code, sampleMap(), (source) => `src/${source}`)
  expect(runs).toEqual([
    { source: 'src/a.js', text: 'aaa;' },
    { source: 'src/b.js', text: 'bbbbb' },
    { source: '(unmapped)', text: '\n//' },
    { source: 'src/a.js', text: 'ccc' },
  ])
  expect(runs.map((run) => run.text).join('')).toBe(code)
})

test('sums raw bytes per source; the gzip shares add up to the chunk', () => {
  const chunk = reportChunk('out.js', code, sampleMap(), (source) => `src/${source}`)
  const bySource = Object.fromEntries(chunk.modules.map((module) => [module.source, module]))
  expect(bySource['src/a.js']?.raw).toBe(7)
  expect(bySource['src/b.js']?.raw).toBe(5)
  expect(bySource['(unmapped)']?.raw).toBe(3)
  const shares = chunk.modules.reduce((sum, module) => sum + module.gzip, 0)
  expect(shares).toBeCloseTo(chunk.gzip, 6)
  expect(merge([chunk, chunk]).find((module) => module.source === 'src/a.js')?.raw).toBe(14)
})

test('names the package of a source', () => {
  expect(packageOf('node_modules/react-dom/cjs/react-dom-client.production.js')).toBe('react-dom')
  expect(packageOf('node_modules/@tanstack/query-core/build/modern/query.js')).toBe(
    '@tanstack/query-core',
  )
  expect(packageOf('src/api/schemas.ts')).toBe('app: src/api')
  expect(packageOf('src/main.tsx')).toBe('app: src')
  expect(packageOf('protocol/wire.ts')).toBe('app: protocol')
  expect(packageOf('(unmapped)')).toBe('(unmapped)')
})
