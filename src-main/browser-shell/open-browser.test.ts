import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script of npm start, without types
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { shellDataFolder } from './cli-paths';
import { chromiumArgs, findChromium } from './open-browser';

describe('npm start: Electron or the browser shell', () => {
  const electronDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
    mkdirSync(join(dir, 'dist'));
    return dir;
  };

  it('takes the Electron app only when the binary named by path.txt is there', () => {
    const dir = electronDir();
    expect((electronBinary as (dir: string) => string | null)(dir)).toBeNull();
    writeFileSync(join(dir, 'path.txt'), 'electron');
    expect((electronBinary as (dir: string) => string | null)(dir)).toBeNull();
    writeFileSync(join(dir, 'dist', 'electron'), '');
    expect((electronBinary as (dir: string) => string | null)(dir)).toBe(join(dir, 'dist', 'electron'));
  });

  it("opens Chromium on the private forwarding file: the token never on its command line", () => {
    const args = chromiumArgs('/home/ana/.config/shell/open-app.html', '/home/ana/.config/shell/chromium-profile', false);
    expect(args[0]).toBe('--app=file:///home/ana/.config/shell/open-app.html');
    expect(args.join(' ')).not.toMatch(/token/);
    expect(args).not.toContain('--no-sandbox');
    expect(chromiumArgs('/root/x/open-app.html', '/root/x/p', true)).toContain('--no-sandbox');
  });

  it('finds an installed Chromium on PATH, or none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'path-'));
    expect(findChromium(dir)).toBeNull();
    writeFileSync(join(dir, 'google-chrome'), '');
    expect(findChromium(`/nonexistent:${dir}`)).toBe(join(dir, 'google-chrome'));
  });

  it("keeps the shell's data apart from the Electron app's, per platform", () => {
    expect(shellDataFolder('linux', {}, '/home/ana')).toBe('/home/ana/.config/bpo-crm-desktop-browser-shell');
    expect(shellDataFolder('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ana')).toBe('/x/bpo-crm-desktop-browser-shell');
    expect(shellDataFolder('darwin', {}, '/Users/ana')).toBe('/Users/ana/Library/Application Support/BPO CRM Desktop (browser shell)');
    expect(shellDataFolder('win32', { APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' }, 'C:\\Users\\ana')).toContain('BPO CRM Desktop (browser shell)');
  });
});
