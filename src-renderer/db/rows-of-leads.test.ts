import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleCallLog } from '../../src-shared/contract/contract-examples.fixture';
import { ReplicaDb } from './replica-db';
import { rowsOfLeads, WHOLE_TABLE_ABOVE } from './rows-of-leads';

let n = 0;
const dbs: ReplicaDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

/** A replica whose call logs and cursor opens are counted (a DBCore middleware, registered before it opens). */
async function replicaWithCalls(calledLeads: number): Promise<{ db: ReplicaDb; cursors: { opened: number } }> {
  const db = new ReplicaDb(`rows-of-leads-${n++}`);
  dbs.push(db);
  const cursors = { opened: 0 };
  db.use({ stack: 'dbcore', name: 'count-cursors', create: (down) => ({ ...down, table: (name) => ({ ...down.table(name), openCursor: (request) => ((cursors.opened += 1), down.table(name).openCursor(request)) }) }) });
  await db.callLogs.bulkPut(Array.from({ length: calledLeads }, (_, i) => ({ ...exampleCallLog, id: `call-${i}`, leadId: `lead-${i}` })));
  cursors.opened = 0;
  return { db, cursors };
}

const ids = (count: number, from = 0) => Array.from({ length: count }, (_, i) => `lead-${from + i}`);

describe('rows of many leads', () => {
  it('answers the same for a few leads (index look-ups) and for many (one read of the table)', async () => {
    const { db } = await replicaWithCalls(400);
    // Half of the asked leads have calls, half lie past the stored ones.
    for (const asked of [ids(100, 300), ids(WHOLE_TABLE_ABOVE + 200, 300)]) {
      const rows = await rowsOfLeads(db.callLogs, asked);
      expect(rows.map((row) => row.leadId).sort()).toEqual(asked.filter((id) => Number(id.slice(5)) < 400).sort());
    }
    expect(await rowsOfLeads(db.callLogs, [])).toEqual([]);
  });

  it('reads many leads without a cursor step per lead', async () => {
    const { db, cursors } = await replicaWithCalls(WHOLE_TABLE_ABOVE + 50);
    await rowsOfLeads(db.callLogs, ids(WHOLE_TABLE_ABOVE + 50));
    expect(cursors.opened).toBe(0);
    // A few leads are read through the index (a cursor for anyOf).
    await rowsOfLeads(db.callLogs, ids(3));
    expect(cursors.opened).toBeGreaterThan(0);
  });
});
