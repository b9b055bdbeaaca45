import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, 'out/hub');
/** The hub as production runs it: `node out/hub/cli.js …` (`npm run build:hub`). */
export const HUB_BUNDLE = join(OUT, 'cli.js');

function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, name) => Math.max(latest, newest(join(path, name))), stat.mtimeMs);
}

/**
 * Builds the hub bundle unless it is newer than every source it is made of. The build goes to a folder of this
 * process first and its files are then renamed into out/hub one by one, so a test running the bundle in another
 * process never sees a half-written file.
 */
export function ensureHubBuilt(): string {
  const sources = Math.max(...['src-hub', 'src-shared', 'vite.hub.config.ts', 'package-lock.json'].map((path) => newest(join(ROOT, path))));
  if (existsSync(HUB_BUNDLE) && statSync(HUB_BUNDLE).mtimeMs > sources) return HUB_BUNDLE;
  const staging = join(ROOT, '.tmp', `hub-build-${process.pid}`);
  try {
    execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'vite.hub.config.ts', '--outDir', staging], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    mkdirSync(OUT, { recursive: true });
    // the map first: whoever sees the new cli.js also finds its map
    for (const name of ['cli.js.map', 'cli.js']) renameSync(join(staging, name), join(OUT, name));
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return HUB_BUNDLE;
}

/** The command that starts the built hub with these arguments (built first when needed). */
export function hubCommand(args: readonly string[]): { command: string; args: string[] } {
  return { command: process.execPath, args: [ensureHubBuilt(), ...args] };
}
