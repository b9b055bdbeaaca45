import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureRendererBuilt } from '../harness/build-renderer';

/** What CI can check of Electron without its binary: the build output the app would load. */
describe('electron-vite build output', () => {
  beforeAll(() => ensureRendererBuilt(), 120_000);

  it('the preload is one CommonJS bundle that requires only electron (a sandboxed preload can load nothing else)', () => {
    const preload = readFileSync(join(process.cwd(), 'out/preload/index.cjs'), 'utf8');
    const requires = [...preload.matchAll(/require\(["']([^"']+)["']\)/g)].map((match) => match[1]);
    expect(new Set(requires)).toEqual(new Set(['electron']));
    expect(preload).not.toMatch(/^\s*import\s/m);
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toContain('exposeInMainWorld("ipcRenderer"');
  });

  it('the main bundle loads the sandboxed preload and the built renderer', () => {
    const main = readFileSync(join(process.cwd(), 'out/main/index.js'), 'utf8');
    expect(main).toContain('../preload/index.cjs');
    expect(main).toContain('sandbox: true');
    expect(main).toContain('contextIsolation: true');
  });
});
