// @ts-check
import { builtinModules } from 'node:module';
import eslint from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      '.tools/**',
      '**/generated/**',
      'web/.angular/**',
      '**/*.cjs',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries,
    // and activities are reached only through proxyActivities with their types.
    files: ['workflows/src/**/*.ts'],
    ignores: ['workflows/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node built-ins.' })),
          patterns: [
            {
              group: ['@temporalio/worker', '@temporalio/client', '@temporalio/activity'],
              message: 'Workflow code may only use @temporalio/workflow and @temporalio/common.',
            },
            {
              group: ['@reelrank/*', '!@reelrank/workflows'],
              message: 'Workflow code must not import server libraries (import types with `import type`).',
              allowTypeImports: true,
            },
            {
              group: ['pg', '@prisma/*', '@aws-sdk/*', 'ml-matrix', 'csv-parse', 'axios', 'undici'],
              message: 'Workflow code must not do I/O; call an activity.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setInterval', message: 'Use sleep() or condition() from @temporalio/workflow.' },
        { name: 'fetch', message: 'Workflow code must not do I/O; call an activity.' },
        { name: 'process', message: 'Workflow code must not read the process environment.' },
      ],
    },
  },
);
