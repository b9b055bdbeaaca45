import { chmodSync, mkdirSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePrivateFolder } from './private-folder';

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private folders', () => {
  it('creates a missing folder (and its parents) for the owner only', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'private-')), 'a', 'BPO CRM Desktop');
    expect(makePrivateFolder(path)).toBe(path);
    expect(mode(path)).toBe(0o700);
  });

  it('closes a folder that exists with the default mode (what Electron or an older version left)', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'private-')), 'userData');
    mkdirSync(path, { mode: 0o755 });
    chmodSync(path, 0o755);
    makePrivateFolder(path);
    expect(mode(path)).toBe(0o700);
  });
});
