// Builds the host SDK on its own: dist/sdk/recording-panel.js (an ES module, valibot bundled in,
// nothing else to install) and its types beside it (recording-panel.d.ts, and protocol/embed.d.ts
// which it refers to). `tsx sdk/build.ts [--out-dir <dir>]`; part of `npm run build`.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { build } from 'vite'

const root = resolve(import.meta.dirname, '..')
const entry = join(root, 'sdk/recording-panel.ts')
const outFlag = process.argv.indexOf('--out-dir')
const outDir = resolve(outFlag === -1 ? join(root, 'dist/sdk') : process.argv[outFlag + 1]!)

await build({
  configFile: false,
  root,
  logLevel: 'warn',
  publicDir: false,
  build: {
    target: 'es2022',
    outDir,
    emptyOutDir: true,
    // Readable as shipped (an integrator may read what runs in their page): no map needed.
    sourcemap: false,
    minify: false,
    lib: { entry, formats: ['es'], fileName: () => 'recording-panel.js' },
  },
})

/** The declarations of the SDK and what its types refer to, laid out beside the module. */
function emitDeclarations(): string[] {
  const program = ts.createProgram([entry], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    strict: true,
    skipLibCheck: true,
    allowImportingTsExtensions: true,
    declaration: true,
    emitDeclarationOnly: true,
  })
  const problems = ts.getPreEmitDiagnostics(program)
  if (problems.length > 0)
    throw new Error(
      ts.formatDiagnostics(problems, {
        getCanonicalFileName: (name) => name,
        getCurrentDirectory: () => root,
        getNewLine: () => '\n',
      }),
    )
  const written: string[] = []
  const wanted = new Map([
    [join(root, 'sdk/recording-panel.d.ts'), join(outDir, 'recording-panel.d.ts')],
    [join(root, 'protocol/embed.d.ts'), join(outDir, 'protocol/embed.d.ts')],
  ])
  program.emit(undefined, (fileName, text) => {
    const target = wanted.get(resolve(fileName))
    if (!target) return
    // The layout beside the module: ../protocol/x.ts → ./protocol/x.js, ./x.ts → ./x.js.
    const fixed = text
      .replaceAll("'../protocol/", "'./protocol/")
      .replace(/(from '\.{1,2}\/[^']+)\.ts'/g, "$1.js'")
    mkdirSync(dirname(target), { recursive: true })
    writeFileSync(target, fixed)
    written.push(relative(root, target))
  })
  if (written.length !== wanted.size) throw new Error(`sdk: declarations missing (${written})`)
  return written
}

const declarations = emitDeclarations()
console.log(
  `sdk: ${relative(root, join(outDir, 'recording-panel.js'))}, ${declarations.join(', ')}`,
)
