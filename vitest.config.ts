import { playwright } from '@vitest/browser-playwright';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { seedIndexPlugin } from './lib/tools/seed-index-plugin';

// Two projects: everything that runs in Node (engine, CLI and its static DOM
// rules over linkedom, background entrypoints against WXT's fake browser) runs in
// parallel; the end-to-end files each drive a real Chromium with the built
// extension and run one at a time, so two browsers never fight over 2 cores.
// A third, `dom`, runs what needs a real document in Debian's Chromium (Vitest
// browser mode): React views that need layout (the virtualized list measures its
// scroll box), extraction's computed-style rules, real Ranges, highlights, the
// shadow-root gate over real closed roots, the content script's named parts, and
// the popup's and options' Apps against WXT's fake browser.
// WxtVitest's plugins for browser mode: its extension API mock points setupFiles
// at a virtual module that a browser cannot fetch, so the same setup comes from a
// file of ours and `wxt/browser` is aliased to WXT's mock here.
const wxtForBrowserMode = (await WxtVitest()).filter((p) => !(p && typeof p === 'object' && 'name' in p && p.name === 'wxt:extension-api-mock'));

export default defineConfig({
  // WxtVitest does not take wxt.config.ts's own Vite plugins: the seeds' index is added here too.
  plugins: [WxtVitest(), seedIndexPlugin()],
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
          exclude: ['test/e2e/**', 'test/**/*.browser.test.ts', 'test/**/*.browser.test.tsx'],
        },
      },
      {
        // No `extends`: the root's WxtVitest sets up its fake browser through a virtual module a browser cannot
        // fetch, so WxtVitest comes without that part (wxtForBrowserMode) and the setup from a file.
        plugins: [...wxtForBrowserMode, seedIndexPlugin()],
        resolve: { alias: [{ find: 'wxt/browser', replacement: fileURLToPath(new URL('node_modules/wxt/dist/virtual/mock-browser', import.meta.url)) }] },
        test: {
          name: 'dom',
          setupFiles: ['test/support/fake-browser-setup.ts'],
          include: ['test/**/*.browser.test.ts', 'test/**/*.browser.test.tsx'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: { executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] } }),
            instances: [{ browser: 'chromium' }],
          },
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
    ],
  },
});
