import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The demo host page (a mock agent desktop), built on its own to dist/demo-host: plain TypeScript
// and DOM with the host SDK bundled in. `npm start` serves it from this folder on its own origin.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  build: {
    target: 'es2022',
    outDir: fileURLToPath(new URL('../dist/demo-host', import.meta.url)),
    emptyOutDir: true,
    sourcemap: 'hidden',
  },
})
