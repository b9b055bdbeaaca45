import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { acquireFileLock } from './file-lock';

const ROOT = process.cwd();
export const RENDERER_OUT = join(ROOT, 'out/renderer');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function isBuilt(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  const sources = Math.max(newest(join(ROOT, 'src-renderer')), newest(join(ROOT, 'src-shared')), newest(join(ROOT, 'src-main')));
  return existsSync(index) && statSync(index).mtimeMs > sources;
}

/**
 * Builds main, preload and renderer (electron-vite, the app's own config) unless the build is newer than every
 * source. Test files run in parallel, so one builds while the others wait for it (two builds would write the same
 * folder at once) and then find the build done.
 */
export async function ensureRendererBuilt(): Promise<void> {
  if (isBuilt()) return;
  const release = await acquireFileLock('renderer-build');
  try {
    if (!isBuilt()) execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env } });
  } finally {
    release();
  }
}
