import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

/**
 * One Vitest run holds every test so the closing line counts them all:
 * - unit: WXT's fake browser, fake-indexeddb, happy-dom for DOM fixtures;
 * - e2e: the built extension in Debian's Chromium (playwright-core), one file at a time.
 */
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}'],
          // A hang guard, not a speed target (benchmarks measure speed): on a loaded 2-core CI machine
          // a first import can take seconds.
          testTimeout: 30_000,
          environment: 'happy-dom',
          // Saved pages reference stylesheets, scripts and frames on their desks: never load or run
          // them (no test reaches the network, and a fixture's scripts are not ours to execute).
          environmentOptions: {
            happyDOM: {
              settings: {
                disableJavaScriptEvaluation: true,
                disableJavaScriptFileLoading: true,
                disableCSSFileLoading: true,
                disableIframePageLoading: true,
                handleDisabledFileLoadingAsSuccess: true,
              },
            },
          },
          setupFiles: ['fake-indexeddb/auto', 'test/unit/setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
