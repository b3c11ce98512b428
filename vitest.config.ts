import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // e2e tests launch a real Chromium; they run one file at a time.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
