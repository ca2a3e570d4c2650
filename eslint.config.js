// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'schema/', 'atlas/'] },
  { files: ['bin/**/*.js'], languageOptions: { globals: { process: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      // Lower layers never import higher ones (DESIGN's sketch): model ← atlas ← names ← cli.
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // With noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the honest idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/model/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['../atlas/*', '../names/*', '../cli/*', '../store/*'] }],
    },
  },
  {
    files: ['src/atlas/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../names/*', '../cli/*', '../store/*'] }] },
  },
);
