import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { boundaryConfigs } from './scripts/architecture/boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.ci-out/**', 'data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    // Specs read JSON answers whose shape is what they assert.
    files: ['test/**/*.ts', 'src/**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['scripts/**/*.ts', 'bench/**/*.ts', 'src/**/cli/*.ts'],
    rules: { 'no-console': 'off' },
  },
  // Who may import whom (ARCHITECTURE.md): scripts/architecture/boundaries.mjs.
  ...boundaryConfigs(),
);
