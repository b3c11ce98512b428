import { playwright } from '@vitest/browser-playwright';
import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import { seedIndexPlugin } from './lib/tools/seed-index-plugin';

// Two projects: everything that runs in Node (engine, CLI, DOM adapters over
// linkedom, React views, entrypoints against WXT's fake browser) runs in
// parallel; the end-to-end files each drive a real Chromium with the built
// extension and run one at a time, so two browsers never fight over 2 cores.
// A third, `dom`, runs React views that need real layout (the virtualized
// list measures its scroll box) in Debian's Chromium: Vitest browser mode.
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
          exclude: ['test/e2e/**', 'test/**/*.browser.test.tsx'],
        },
      },
      {
        // No `extends`: not the root's plugins, since WxtVitest's fake-browser setup is a Node module (views take the
        // extension API as props).
        test: {
          name: 'dom',
          include: ['test/**/*.browser.test.tsx'],
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
