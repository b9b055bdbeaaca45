import type { TestProject } from 'vitest/node';
import { pgliteSnapshotFile } from '../../src-hub/testing/migrated-databases';
import { launchChromiumServer } from '../harness/chromium';
import { prebuildRendererDeps } from '../harness/dev-server';
import { unpackMigratedFolder } from '../harness/pglite-folder';
import { clearAbandonedLocks } from '../harness/file-lock';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's one Chromium (browser-lane.setup.ts hands it to launchChromium); each file opens its own contexts. */
    chromiumEndpoint: string;
  }
}

/**
 * The e2e hubs start from the migrated PGlite snapshot too (the same file as the node project's, made once), unpacked
 * once into a data folder that each hub copies (test/harness/pglite-folder.ts), and
 * the files share one Chromium, started here and stopped after the last file.
 * Vite's dependency cache for the dev server (first-launch's `npm start` page) is filled here too (prebuildRendererDeps).
 * Locks a killed earlier run left (the browser lane, the renderer build) are cleared before any worker starts.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  clearAbandonedLocks();
  const [snapshotPath, chromium] = await Promise.all([pgliteSnapshotFile(), launchChromiumServer(), prebuildRendererDeps()]);
  project.provide('pgliteSnapshotPath', snapshotPath);
  project.provide('pgliteFolderPath', await unpackMigratedFolder(snapshotPath));
  project.provide('chromiumEndpoint', chromium.wsEndpoint());
  return () => chromium.close();
}
