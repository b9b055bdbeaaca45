import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import BrowserLaneSequencer, { BROWSER_PROJECT } from './test/setup/browser-lane.sequencer.ts';

// One project per environment: Node for shared, hub, main and cross-boundary tests; jsdom for the renderer.
export default defineConfig({
  test: {
    // The usual output, then the ten slowest files (where the next minute of the suite is to be found).
    reporters: ['default', './test/setup/slowest-files.reporter.ts'],
    // One worker more than there are cores: most of a hub or browser test's time is spent waiting on other
    // processes (PostgreSQL, a spawned hub, Chromium), so cores-1 (vitest's default: one worker here) leaves them
    // idle. VITEST_MAX_WORKERS overrides it.
    maxWorkers: availableParallelism() + 1,
    // The browser files are spread through the queue; each waits for the browser lane (browser-lane.setup.ts).
    sequence: { sequencer: BrowserLaneSequencer },
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          // One worker runs file after file, keeping the modules it imported (the hub, fastify, zod, pg, PGlite): a
          // fresh process per file spent more CPU on starting and importing than most files spend on their tests
          // (716 CPU-s for this project alone, 340 without isolation). What a file changes must not outlive it:
          // vitest still runs the setup files and restores spies for every file, and the files stop their hubs and
          // unstub what they stub; vi.mock would leak into the next file (no file here uses it).
          isolate: false,
          globalSetup: ['test/setup/hub-databases.global-setup.ts'],
          // The contract check: each file's test hubs must answer as their OpenAPI document says.
          setupFiles: ['test/setup/contract-check.setup.ts', 'test/setup/pglite-template.setup.ts'],
          include: ['src-shared/**/*.test.ts', 'src-hub/**/*.test.ts', 'src-main/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/harness/**/*.test.ts', 'test/setup/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          // Real Chromium through the harness, every browser run under a time limit. One file at a time (the browser
          // lane, a lock between workers) but beside the other projects' files: a project with fileParallelism
          // false would run only after all of them.
          name: BROWSER_PROJECT,
          environment: 'node',
          // As the node project: a worker keeps what it imported (playwright, the hub, main's core) for the next browser
          // file it runs, instead of a new process importing them again (about 5 CPU-s a file). `npm run test:unit` runs
          // this project in a vitest process of its own with one worker, which so runs every browser file.
          isolate: false,
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/setup/e2e.global-setup.ts'],
          // The browser lane, and the contract check: what the floor rehearsal's workstations send and receive (through their proxies).
          setupFiles: ['test/setup/browser-lane.setup.ts', 'test/setup/contract-check.setup.ts', 'test/setup/pglite-template.setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
      {
        // Charts from recharts' ES build, as the app's Vite build takes them: its CommonJS build requires
        // @reduxjs/toolkit, which Node then resolves to an ES module a VM context cannot require.
        resolve: { alias: [{ find: /^recharts$/, replacement: 'recharts/es6/index.js' }] },
        test: {
          name: 'renderer',
          environment: 'jsdom',
          // Each file still gets fresh modules and globals (a VM context of its own), but jsdom is loaded once
          // per worker instead of once per file: 40-45 CPU-seconds for the renderer tests instead of 100.
          pool: 'vmThreads',
          server: { deps: { inline: [/recharts/] } },
          setupFiles: ['test/setup/renderer.setup.ts'],
          include: ['src-renderer/**/*.test.ts', 'src-renderer/**/*.test.tsx'],
          testTimeout: 30_000,
        },
      },
    ],
  },
});
