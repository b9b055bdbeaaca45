import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Chromium-family browsers by their usual commands, in the order tried. */
const BROWSERS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge'];

/** The first installed Chromium-family browser on PATH, or null. */
export function findChromium(path = process.env['PATH'] ?? ''): string | null {
  for (const dir of path.split(process.platform === 'win32' ? ';' : ':').filter(Boolean)) {
    for (const name of BROWSERS) {
      const candidate = join(dir, process.platform === 'win32' ? `${name}.exe` : name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return null;
}

/**
 * The arguments the shell opens Chromium with: an app window on the forwarding file (the token stays in that
 * private file, off every command line), its own profile in the shell's folder, and no sandbox when running
 * as root (Chromium refuses to start otherwise).
 */
export function chromiumArgs(openFile: string, profileDir: string, isRoot: boolean): string[] {
  return [`--app=${pathToFileURL(openFile).href}`, `--user-data-dir=${profileDir}`, '--no-first-run', '--no-default-browser-check', ...(isRoot ? ['--no-sandbox'] : [])];
}

/** Opens the app in Chromium when one is installed; says where to point a browser when none is (or it fails). */
export function openInChromium(openFile: string, profileDir: string, say: (line: string) => void): void {
  const browser = findChromium();
  const fallback = `Open ${pathToFileURL(openFile).href} in Chromium or Chrome to use the app.`;
  if (!browser) return say(`No Chromium found. ${fallback}`);
  const child = spawn(browser, chromiumArgs(openFile, profileDir, process.getuid?.() === 0), { stdio: 'ignore', detached: false });
  child.on('error', () => say(`Could not start ${browser}. ${fallback}`));
  child.on('exit', (code) => {
    if (code) say(`${browser} stopped (exit ${code}). ${fallback}`);
  });
}
