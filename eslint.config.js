// Lint rules. The engine under lib/engine/ must stay pure: no DOM, no extension
// API, no WXT, so the same code runs in the worker, the CLI, tests and the bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const domGlobals = ['document', 'window', 'browser', 'chrome', 'navigator', 'location', 'globalThis'].map((name) => ({
  name,
  message: 'lib/engine/ is pure: no DOM or extension globals.',
}));

export default tseslint.config(
  { ignores: ['.output/', '.wxt/', 'node_modules/', 'test/e2e/screenshots/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Never render HTML from strings: page text must not become markup.',
        },
        { selector: "CallExpression[callee.name='eval']", message: 'No eval.' },
        { selector: "NewExpression[callee.name='Function']", message: 'No new Function.' },
      ],
    },
  },
  {
    files: ['lib/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...domGlobals],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['wxt', 'wxt/*', '#imports', '#i18n', 'webextension-polyfill', '@wxt-dev/*'], message: 'lib/engine/ is pure: no WXT or extension API.' },
            { group: ['react', 'react-dom', '**/dom/**', '../dom', '../../entrypoints/**', '../../components/**'], message: 'lib/engine/ is pure: no DOM or UI code.' },
          ],
        },
      ],
    },
  },
);
