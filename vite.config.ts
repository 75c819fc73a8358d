import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import { contentSecurityPolicy } from './deploy/content-security-policy.ts'
import { quietProxyLogger } from './scripts/quiet-logger.ts'

// The simulator `npm start` runs beside the dev server; API and hub requests are proxied to it,
// so the panel talks to its own origin exactly as it does when deployed behind one host.
const simulatorUrl = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:5100'

export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss()],
  // A tab that closes ends its hub WebSocket: not an error worth a stack trace on `npm start`.
  customLogger: quietProxyLogger(),
  server: {
    proxy: {
      '/attendantservice': { target: simulatorUrl, ws: true, changeOrigin: false },
      '/__sim': { target: simulatorUrl },
    },
  },
  preview: {
    headers: {
      'Content-Security-Policy': contentSecurityPolicy(),
      'X-Content-Type-Options': 'nosniff',
    },
  },
  build: {
    target: 'es2022',
    // Source maps are written for separate upload, with no comment pointing at them
    // (docs/decisions/0009-source-maps.md).
    sourcemap: 'hidden',
    manifest: true,
  },
  test: {
    reporters: process.env.UNIT_JSON_REPORT
      ? ['default', ['json', { outputFile: process.env.UNIT_JSON_REPORT }]]
      : ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'panel',
          environment: 'jsdom',
          include: ['src/**/*.test.{ts,tsx}'],
          setupFiles: ['src/test-setup.ts'],
        },
      },
      {
        // The host SDK and the demo host page: plain DOM, no React.
        test: {
          name: 'sdk',
          environment: 'jsdom',
          include: ['sdk/**/*.test.ts', 'demo-host/**/*.test.ts'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'simulator',
          environment: 'node',
          include: [
            'simulator/**/*.test.ts',
            'protocol/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
            'test-support/**/*.test.ts',
            '.ci/**/*.test.mjs',
          ],
          testTimeout: 20_000,
        },
      },
    ],
  },
})
