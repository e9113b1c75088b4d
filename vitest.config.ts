import { defineConfig } from 'vitest/config';

/**
 * One test command for the whole workspace. Unit tests live beside the code they protect;
 * cross-package tests (real relay processes, stock clients, browsers) live in tests/.
 */
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', root: 'shared', include: ['src/**/*.test.ts'] } },
      { test: { name: 'fixtures', root: 'fixtures', include: ['**/*.test.ts'] } },
      { test: { name: 'server', root: 'server', include: ['src/**/*.test.ts'] } },
      { test: { name: 'client', root: 'client', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'tests',
          root: 'tests',
          include: ['**/*.test.ts'],
          setupFiles: ['helpers/setup.ts'],
          testTimeout: 240_000,
          hookTimeout: 120_000,
          // The churn test measures the relay's heap after forced collections.
          execArgv: ['--expose-gc'],
        },
      },
    ],
  },
});
