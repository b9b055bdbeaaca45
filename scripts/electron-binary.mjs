import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The Electron binary's path, or null where only the package installed (its download is blocked on some
 * networks and here): the package's path.txt names the binary under dist/.
 */
export function electronBinary(electronDir = dirname(require.resolve('electron/package.json'))) {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
