import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import tailwindcss from '@tailwindcss/vite'
import {
  authoritySourcesOfText,
  contentSecurityPolicy,
  embedOriginsOfText,
  frameAncestorsDirective,
} from './deploy/content-security-policy.ts'
import { quietProxyLogger } from './scripts/quiet-logger.ts'

// The simulator `npm start` runs beside the dev server; API and hub requests are proxied to it,
// so the panel talks to its own origin exactly as it does when deployed behind one host.
const simulatorUrl = process.env.SIMULATOR_URL ?? 'http://127.0.0.1:5100'

/** The text of config.json in `dir`, or undefined. */
function configText(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, 'config.json'), 'utf8')
  } catch {
    return undefined
  }
}

/**
 * The Content-Security-Policy, its frame-ancestors from the config.json served (read on every
 * request: it may change without a restart): `npm run preview` sends the whole policy of the
 * built panel; the dev server only frame-ancestors (its module scripts and React refresh need
 * more), so that framing works in development as it does when deployed.
 */
function contentSecurityPolicyHeader(): Plugin {
  return {
    name: 'content-security-policy',
    configureServer(server) {
      const publicDir = server.config.publicDir
      server.middlewares.use((_req, res, next) => {
        res.setHeader(
          'Content-Security-Policy',
          frameAncestorsDirective(publicDir ? embedOriginsOfText(configText(publicDir)) : []),
        )
        next()
      })
    },
    configurePreviewServer(server) {
      const outDir = resolve(server.config.root, server.config.build.outDir)
      server.middlewares.use((_req, res, next) => {
        const config = configText(outDir)
        res.setHeader(
          'Content-Security-Policy',
          // connect-src: the sign-in service (config.json's auth.authority), when there is one.
          contentSecurityPolicy(authoritySourcesOfText(config), embedOriginsOfText(config)),
        )
        res.setHeader('X-Content-Type-Options', 'nosniff')
        next()
      })
    },
  }
}

export default defineConfig({
  base: './',
  plugins: [react(), tailwindcss(), contentSecurityPolicyHeader()],
  // A tab that closes ends its hub WebSocket: not an error worth a stack trace on `npm start`.
  customLogger: quietProxyLogger(),
  server: {
    proxy: {
      '/attendantservice': { target: simulatorUrl, ws: true, changeOrigin: false },
      '/__sim': { target: simulatorUrl },
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
