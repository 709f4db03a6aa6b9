import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist-bench/', 'node_modules/', 'test-results/', 'playwright-report/', '.cache/', '.stryker-tmp/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // The page draws what the engine means and never re-derives it: it may import the engine's view module
    // at run time (pure, zod-free), and any other engine file for its types only. Tests may use the engine
    // itself (and so may their helpers, in testing/ folders); the benchmark harness, loaded only in bench mode,
    // builds its generated topology.
    files: ['web/**/*.{ts,tsx}'],
    ignores: ['web/**/*.test.{ts,tsx}', 'web/**/testing/**', 'web/bench/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src-engine/(?!view/|worker\\.ts$)',
              allowTypeImports: true,
              message: 'The page imports engine code at run time only from src-engine/view/ (other engine files: `import type`).',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine is a library that happens to run in a worker: no DOM framework, no state library, no app code.
    files: ['src-engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'zustand', '@xyflow/react'].map((name) => ({
            name,
            message: 'src-engine must not depend on UI code; it runs in a worker and under Node.',
          })),
          patterns: [
            { group: ['**/web/**', '../web/*', '../../web/*'], message: 'src-engine must not import from web/.' },
            { group: ['react-dom/*', 'zustand/*', '@xyflow/*'], message: 'src-engine must not depend on UI code.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-engine/**/*.ts'],
    ignores: ['src-engine/worker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['react', 'react-dom', 'zustand', '@xyflow/react', 'comlink'].map((name) => ({
            name,
            message: 'Only src-engine/worker.ts may touch comlink; the engine must not depend on UI code.',
          })),
          patterns: [{ group: ['**/web/**', '../web/*', '../../web/*'], message: 'src-engine must not import from web/.' }],
        },
      ],
    },
  },
);
