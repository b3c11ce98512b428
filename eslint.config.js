// Lint rules. The engine under lib/engine/ and the presentation layer under
// lib/present/ must stay pure: no DOM, no extension API, no WXT, so the same
// code runs in the worker, the content script, the views, the CLI, tests and
// the bench.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const domGlobals = ['document', 'window', 'browser', 'chrome', 'navigator', 'location', 'globalThis'].map((name) => ({
  name,
  message: 'lib/engine/ and lib/present/ are pure: no DOM or extension globals.',
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
          // '#' starts a comment in gitignore-style patterns: WXT's virtual modules are named as paths (test/present/lint.test.ts).
          paths: [
            { name: '#i18n', message: 'lib/engine/ is pure: no WXT i18n (the engine has no words for readers).' },
            { name: '#imports', message: 'lib/engine/ is pure: no WXT.' },
          ],
          patterns: [
            { group: ['wxt', 'wxt/*', 'webextension-polyfill', '@wxt-dev/*'], message: 'lib/engine/ is pure: no WXT or extension API.' },
            { group: ['react', 'react-dom', '**/dom/**', '../dom', '../../entrypoints/**', '../../components/**'], message: 'lib/engine/ is pure: no DOM or UI code.' },
          ],
        },
      ],
    },
  },
  {
    // The presentation layer may name the generated message keys (a type-only import), nothing else of WXT.
    files: ['lib/present/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...domGlobals],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          // '#' starts a comment in gitignore-style patterns, so WXT's virtual modules are named as paths.
          paths: [
            { name: '#i18n', allowTypeImports: true, message: 'lib/present/ is pure: the message keys as a type only; the caller passes `t`.' },
            { name: '#imports', message: 'lib/present/ is pure: no WXT.' },
          ],
          patterns: [
            { group: ['wxt', 'wxt/*', 'webextension-polyfill', '@wxt-dev/*'], message: 'lib/present/ is pure: no WXT or extension API.' },
            { group: ['react', 'react-dom', '**/dom/**', '../dom', '../../entrypoints/**', '../../components/**'], message: 'lib/present/ is pure: no DOM or UI code.' },
          ],
        },
      ],
    },
  },
);
