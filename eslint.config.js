// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** For each layer, forbid imports from every layer after it. */
function layerRules(order) {
  return order.map((layer, i) => ({
    files: [`src/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', { patterns: order.slice(i + 1).map((above) => ({ group: [`../${above}/*`, `../../${above}/*`], message: `${layer} must not import ${above}: data flows one way` })) }],
    },
  }));
}

export default tseslint.config(
  { ignores: ['node_modules/', 'schema/', 'atlas/', 'web/dist/'] },
  { files: ['bin/**/*.js'], languageOptions: { globals: { process: 'readonly' } } },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // With noUncheckedIndexedAccess, `xs[i]!` after a bounds check is the honest idiom.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Data flows one way (DESIGN's sketch): a layer imports only the layers listed before it.
  ...layerRules(['model', 'atlas', 'documents', 'store', 'names', 'text', 'screen', 'watch', 'ingest', 'interop', 'drawing', 'brief', 'server', 'cli']),
);
