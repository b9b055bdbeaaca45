import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPgliteDatabase } from '../db/pglite-database';
import { pgliteSnapshotFile } from './migrated-databases';

describe('the migrated PGlite snapshot', () => {
  it('keeps the test cluster settings its empty cluster was given (they are set once, in the empty one)', async () => {
    const db = await openPgliteDatabase(null, new Blob([readFileSync(await pgliteSnapshotFile())]));
    try {
      expect(await db.query<{ shared_buffers: string }>('show shared_buffers')).toEqual([{ shared_buffers: '16MB' }]);
    } finally {
      await db.close();
    }
  });
});
