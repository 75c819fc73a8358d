import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import pluginQuery from '@tanstack/eslint-plugin-query'
import testingLibrary from 'eslint-plugin-testing-library'
import playwright from 'eslint-plugin-playwright'
import globals from 'globals'

/**
 * One `no-restricted-imports` block per zone of src/. ESLint lets a later block replace a rule of
 * an earlier one, so each zone repeats what every file of src/ may never import (the simulator,
 * the benchmarks, the end-to-end tests).
 */
function srcZones(zones) {
  const everywhere = ['**/simulator/**', '**/bench/**', '**/e2e/**', '**/test-support/**']
  return Object.entries(zones).map(([files, forbidden]) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [...everywhere, ...forbidden],
              message:
                'Crosses a boundary of src/ (README, Layout): features never import each other or app/; api/, lib/, live/, components/ and recording-state/ sit below the features; src/ never imports the simulator, bench or e2e.',
            },
          ],
        },
      ],
    },
  }))
}

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  { files: ['src/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  ...pluginQuery.configs['flat/recommended'],
  { files: ['src/**/*.test.{ts,tsx}'], ...testingLibrary.configs['flat/react'] },
  { files: ['e2e/**/*.ts'], ...playwright.configs['flat/recommended'] },
  {
    files: ['e2e/**/*.ts'],
    rules: {
      'playwright/expect-expect': [
        'warn',
        { assertFunctionNames: ['expectCallUnknown', 'expectNoActionOffered'] },
      ],
    },
  },
  {
    files: [
      'deploy/**/*.ts',
      'simulator/**/*.ts',
      'scripts/**/*.ts',
      'e2e/**/*.ts',
      'bench/**/*.ts',
      'test-support/**/*.ts',
      '*.config.{ts,js}',
      '.ci/*.mjs',
    ],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Boundaries inside src/ (house style): data and rules flow down, never up or sideways.
  ...srcZones({
    'src/**/*.{ts,tsx}': [],
    'src/features/call-recording/**': ['**/supervisor-board/**', '**/app/**'],
    'src/features/supervisor-board/**': ['**/call-recording/**', '**/app/**'],
    'src/{live,lib,components,recording-state}/**': ['**/features/**', '**/app/**'],
    'src/ledger/**': ['**/features/**', '**/app/**', '**/live/**'],
    // Messages are a leaf: everything may use them, they use nothing.
    'src/i18n/**': [
      '**/features/**',
      '**/app/**',
      '**/live/**',
      '**/api/**',
      '**/lib/**',
      '**/components/**',
      '**/recording-state/**',
    ],
    'src/api/**': [
      '**/features/**',
      '**/app/**',
      '**/live/**',
      '**/components/**',
      '**/recording-state/**',
    ],
    // The call-state core is pure: no React, no network, no live connection.
    'src/recording-state/**': [
      '**/features/**',
      '**/app/**',
      '**/live/**',
      '**/components/**',
      'react',
      'react-dom',
      'react-dom/*',
      '@tanstack/*',
      '@microsoft/signalr',
    ],
  }),
  {
    files: ['src/recording-state/**'],
    rules: { 'no-restricted-globals': ['error', 'fetch', 'XMLHttpRequest', 'WebSocket'] },
  },
  {
    // The simulator is a separate service: it shares the wire contract (protocol/) and nothing of the panel.
    files: ['simulator/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src', '**/src/**'],
              message:
                'The simulator may not import the panel; shared wire values live in protocol/.',
            },
          ],
        },
      ],
    },
  },
  {
    // A production file of the panel or the simulator does one job and is read in one sitting:
    // 300 lines at most, blank lines and comments included (what `wc -l` counts).
    files: ['src/**/*.{ts,tsx}', 'simulator/**/*.ts'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: { 'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }] },
  },
  {
    // The message catalogs are data, one flat table per language, kept whole so that a translator
    // reads each beside the other; src/i18n/messages.test.ts checks that they hold the same keys.
    files: ['src/i18n/en.ts', 'src/i18n/nl.ts'],
    rules: { 'max-lines': 'off' },
  },
  {
    // The wire contract runs in the browser (the panel) and in Node (the simulator, bench): only what both have.
    files: ['protocol/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
  },
  {
    // protocol/ (the wire contract) and deploy/ (deployment settings) sit below everything else.
    files: ['protocol/**/*.ts', 'deploy/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/src',
                '**/src/**',
                '**/simulator',
                '**/simulator/**',
                '**/bench',
                '**/bench/**',
                '**/e2e',
                '**/e2e/**',
              ],
              message:
                'protocol/ and deploy/ import nothing from the panel, the simulator, bench or e2e.',
            },
          ],
        },
      ],
    },
  },
)
