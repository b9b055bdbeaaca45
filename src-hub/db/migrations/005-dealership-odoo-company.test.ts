import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../database';
import { migrate } from '../migrate';
import { openPgliteDatabase } from '../pglite-database';
import { emptyPgliteSnapshot } from '../../testing/empty-pglite-snapshot';

/** Migration 5 over a database of version 4 holding a dealership with a connection. */

let db: Database | null = null;
afterEach(async () => {
  await db?.close();
  db = null;
});

describe('migration 5: the dealership Odoo company', () => {
  it('keeps existing dealerships and their connection, with no company (the default company, as before)', async () => {
    db = await openPgliteDatabase(null, emptyPgliteSnapshot());
    expect(await migrate(db, 4)).toEqual([1, 2, 3, 4]);
    await db.query(
      `insert into dealerships (code, name, brands, manager_email, models, odoo_url, odoo_database, odoo_login, odoo_api_key_enc)
       values ('OLD', 'Old Motors', '{}', null, '[]', 'https://odoo.old.example', 'old', 'bot', 'v1.sealed')`,
    );
    expect(await migrate(db, 5)).toEqual([5]);
    const [row] = await db.query<Record<string, unknown>>('select code, odoo_url, odoo_api_key_enc, odoo_company_id, odoo_company_name from dealerships');
    expect(row).toEqual({ code: 'OLD', odoo_url: 'https://odoo.old.example', odoo_api_key_enc: 'v1.sealed', odoo_company_id: null, odoo_company_name: null });
    await expect(db.query("update dealerships set odoo_company_id = 2 where code = 'OLD'")).rejects.toThrow();
    await db.query("update dealerships set odoo_company_id = 2, odoo_company_name = 'Old North' where code = 'OLD'");
    expect(await migrate(db, 5)).toEqual([]);
  });
});
