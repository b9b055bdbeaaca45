import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The checkout: the browser shell and the tests run from its root. */
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

/** Whether out/renderer is newer than every source of main, preload and renderer. */
export function isRendererBuilt(): boolean {
  const index = join(RENDERER_OUT, 'index.html');
  const sources = Math.max(newest(join(ROOT, 'src-renderer')), newest(join(ROOT, 'src-shared')), newest(join(ROOT, 'src-main')));
  return existsSync(index) && statSync(index).mtimeMs > sources;
}

/** Builds main, preload and renderer with electron-vite and the app's own config. */
export function buildRenderer(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: ROOT, stdio: 'inherit', env: { ...process.env } });
}

/** Builds unless the build is newer than every source. */
export function ensureRendererBuilt(): void {
  if (!isRendererBuilt()) buildRenderer();
}
