import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it, vi } from 'vitest';
import { MIGRATIONS } from './migrate';
import { openDatabase } from './open-database';
import { PGLITE_TEMPLATE_ENV, pgliteTemplateOf } from './pglite-template';

const folders: string[] = [];
const newFolder = () => {
  const dir = mkdtempSync(join(tmpdir(), 'pglite-template-'));
  folders.push(dir);
  return dir;
};
afterEach(() => {
  vi.unstubAllEnvs();
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('HUB_PGLITE_TEMPLATE', () => {
  it('is nothing when unset, and an error naming the variable and the file when the file cannot be read', () => {
    expect(pgliteTemplateOf({})).toBeUndefined();
    expect(() => pgliteTemplateOf({ [PGLITE_TEMPLATE_ENV]: '/nowhere/template.tar' })).toThrow('HUB_PGLITE_TEMPLATE names /nowhere/template.tar, which cannot be read');
  });

  it('refuses a file that is not a dump of a data folder, naming it, and leaves the new folder without a cluster', async () => {
    const dir = newFolder();
    const file = join(newFolder(), 'not-a-cluster.tar');
    writeFileSync(file, randomBytes(4096));
    vi.stubEnv(PGLITE_TEMPLATE_ENV, file);
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`HUB_PGLITE_TEMPLATE names ${file}, which is not a dump of a PGlite data folder (a tar file, or a gzip-compressed one).`);
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(false);
  });

  it('says which file PGlite could not load when a dump is cut short, and the folder stays new', async () => {
    const file = join(newFolder(), 'cut-short.tar');
    writeFileSync(file, readFileSync(inject('pgliteSnapshotPath')).subarray(0, 100_000));
    vi.stubEnv(PGLITE_TEMPLATE_ENV, file);
    const dir = newFolder();
    await expect(openDatabase({ dataDir: dir })).rejects.toThrow(`HUB_PGLITE_TEMPLATE names ${file}, which PGlite cannot load as a data folder`);
    // Nothing that makes the folder look like it holds a cluster: the next start fills it anew.
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(false);
  });

  it('fills a new data folder with the migrated cluster it names; a folder holding a cluster is opened as it is, without reading the file', async () => {
    vi.stubEnv(PGLITE_TEMPLATE_ENV, inject('pgliteSnapshotPath'));
    const dir = newFolder();
    // No migration may run: whatever the schema holds came from the template.
    const db = await openDatabase({ dataDir: dir }, { migrations: 'none' });
    try {
      const versions = await db.query<{ version: number }>('select version from schema_migrations order by version');
      expect(versions.map((row) => Number(row.version))).toEqual(MIGRATIONS.map((migration) => migration.version));
      await db.query("insert into settings (key, value) values ('template-test', '1'::jsonb) on conflict do nothing");
    } finally {
      await db.close();
    }
    vi.stubEnv(PGLITE_TEMPLATE_ENV, '/nowhere/template.tar');
    const again = await openDatabase({ dataDir: dir }, { migrations: 'none' });
    try {
      expect(await again.query("select key from settings where key = 'template-test'")).toEqual([{ key: 'template-test' }]);
    } finally {
      await again.close();
    }
  });
});
