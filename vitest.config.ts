import { defineConfig } from 'vitest/config';

// One project per environment: Node for shared, hub, main and cross-boundary tests; jsdom for the renderer.
export default defineConfig({
  test: {
    // The usual output, then the ten slowest files (where the next minute of the suite is to be found).
    reporters: ['default', './test/setup/slowest-files.reporter.ts'],
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          globalSetup: ['test/setup/hub-databases.global-setup.ts'],
          include: ['src-shared/**/*.test.ts', 'src-hub/**/*.test.ts', 'src-main/**/*.test.ts', 'test/integration/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // Real Chromium through the harness: one file at a time, every browser run under a time limit.
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.e2e.test.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'jsdom',
          setupFiles: ['test/setup/renderer.setup.ts'],
          include: ['src-renderer/**/*.test.ts', 'src-renderer/**/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
