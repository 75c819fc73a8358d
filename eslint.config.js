import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import pluginQuery from '@tanstack/eslint-plugin-query'
import testingLibrary from 'eslint-plugin-testing-library'
import playwright from 'eslint-plugin-playwright'
import globals from 'globals'

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
  {
    // src/ never imports the simulator; features never import each other.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['**/simulator/**'] }],
    },
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
