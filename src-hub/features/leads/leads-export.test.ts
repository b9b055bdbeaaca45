import { get } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, api, createLead, createUser, stageIds, startTestHub, type TestHub } from '../../testing/hub-test-env';
import { EXPORT_BATCH_SIZE } from './leads-export.service';
import { LEADS_CSV_COLUMNS } from './leads-csv';

/** A strict RFC 4180 reader: CRLF between records, quotes doubled inside quoted fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"';
        index++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      index++;
    } else field += char;
  }
  expect(field + row.join(''), 'the last record ends with CRLF').toBe('');
  return rows;
}

interface Download {
  status: number;
  headers: Headers;
  text: string;
  /** Data records as column → value (the header row checked). */
  records: Array<Record<string, string>>;
}

describe.each(FEATURE_BACKENDS)('GET /leads/export.csv on %s', (backend) => {
  let env: TestHub;
  let agent: Awaited<ReturnType<typeof createUser>>;
  let supervisor: Awaited<ReturnType<typeof createUser>>;
  let manager: Awaited<ReturnType<typeof createUser>>;
  let stages: Record<string, string>;

  const download = async (query: string, token = supervisor.token): Promise<Download> => {
    const response = await fetch(`${env.url}/leads/export.csv${query ? `?${query}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    if (response.status !== 200) return { status: response.status, headers: response.headers, text, records: [] };
    expect(text.startsWith('\uFEFF'), 'UTF-8 byte-order mark').toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...LEADS_CSV_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(LEADS_CSV_COLUMNS.length);
    expect(text.split('\n').length - 2, 'one line per record').toBe(rows.length);
    return { status: 200, headers: response.headers, text, records: rows.map((row) => Object.fromEntries(LEADS_CSV_COLUMNS.map((column, index) => [column, row[index] ?? '']))) };
  };
  const refs = (records: Download['records']): string[] => records.map((record) => record['Reference'] ?? '');

  let quoted: { id: string; ref: string };
  let injected: { id: string; ref: string };
  let won: { id: string; ref: string };
  let honda: { id: string; ref: string };

  beforeAll(async () => {
    env = await startTestHub(backend);
    agent = await createUser(env.db, 'ana', 'agent', 'Ana Agent');
    supervisor = await createUser(env.db, 'sup', 'supervisor', 'Sue Pervisor');
    manager = await createUser(env.db, 'boss', 'manager', 'Manny Ger');
    stages = await stageIds(env.db);
    const [dealer] = await env.db.query<{ id: string }>(`insert into dealerships (code, name, brands) values ('MTY', 'Metro Toyota', '{Toyota}') returning id`);
    quoted = await createLead(env.db, {
      customer: { name: 'Juan "JJ" Cruz, Jr.', phone: '+63 917 555 0101', email: 'juan@mail.example' },
      dealershipId: dealer?.id ?? null,
      createdAt: new Date('2026-11-01T10:00:00Z'),
    });
    injected = await createLead(env.db, {
      customer: { name: '=HYPERLINK("http://evil.example","Click")', phone: null, email: '@evil.example' },
      vehicleModel: 'Vios\r\n1.3 XE',
      source: '-Walk-in',
      createdAt: new Date('2026-11-02T10:00:00Z'),
    });
    await env.db.query(`update leads set stage_id = $2, closed = true, user_id = $3, lost_reason = 'model_unavailable', lost_notes = 'x' where id = $1`, [injected.id, stages['lost'], agent.id]);
    won = await createLead(env.db, { customer: { name: 'Maria Santos', phone: '0917 555 0102', email: null }, createdAt: new Date('2026-11-03T10:00:00Z') });
    await env.db.query(`update leads set stage_id = $2, closed = true, user_id = $3, dealer_so_name = 'S00042' where id = $1`, [won.id, stages['won'], supervisor.id]);
    honda = await createLead(env.db, { brand: 'Honda', vehicleModel: 'City', customer: { name: 'Pedro Reyes', phone: null, email: 'pedro@mail.example' }, createdAt: new Date('2026-11-04T10:00:00Z') });
  });
  afterAll(() => env.close());

  it('streams every matching lead as an attachment named after the day, fields quoted and neutralised', async () => {
    const all = await download('scope=all');
    expect(all.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.headers.get('content-disposition')).toBe('attachment; filename="leads-2026-11-23.csv"');
    expect(refs(all.records)).toEqual([quoted.ref, injected.ref, won.ref, honda.ref]);
    expect(all.records[0]).toEqual({
      Reference: quoted.ref,
      Customer: 'Juan "JJ" Cruz, Jr.',
      Phone: "'+63 917 555 0101",
      Email: 'juan@mail.example',
      Brand: 'Toyota',
      'Vehicle model': 'Vios',
      Dealership: 'Metro Toyota',
      Source: 'Website',
      Stage: 'New',
      'Assigned agent': '',
      Created: '2026-11-01T10:00:00.000Z',
      Updated: '2026-11-01T10:00:00.000Z',
      'Lost reason': '',
      'Dealer SO': '',
    });
    expect(all.text).toContain('"Juan ""JJ"" Cruz, Jr."');
    expect(all.records[1]).toMatchObject({
      Customer: '\'=HYPERLINK("http://evil.example","Click")',
      Email: "'@evil.example",
      'Vehicle model': 'Vios 1.3 XE',
      Source: "'-Walk-in",
      Stage: 'Lost',
      'Assigned agent': 'Ana Agent',
      'Lost reason': 'Model Unavailable',
    });
    expect(all.records[2]).toMatchObject({ Customer: 'Maria Santos', Phone: '0917 555 0102', Email: '', Stage: 'Won', 'Assigned agent': 'Sue Pervisor', 'Dealer SO': 'S00042' });
  });

  it('applies the filters, scope and order of GET /leads', async () => {
    expect(refs((await download('')).records)).toEqual([quoted.ref, honda.ref]); // scope=open by default: unclaimed and not closed
    expect(refs((await download('scope=all&brand=Honda')).records)).toEqual([honda.ref]);
    expect(refs((await download(`scope=all&stageId=${stages['lost']}`)).records)).toEqual([injected.ref]);
    expect(refs((await download(`scope=all&userId=${agent.id}`)).records)).toEqual([injected.ref]);
    expect(refs((await download('scope=all&userId=none')).records)).toEqual([quoted.ref, honda.ref]);
    expect(refs((await download('scope=mine')).records)).toEqual([won.ref]);
    expect(refs((await download('scope=all&q=santos')).records)).toEqual([won.ref]);
    expect(refs((await download('scope=all&createdAfter=2026-11-02T10:00:00Z&createdBefore=2026-11-04T10:00:00Z')).records)).toEqual([injected.ref, won.ref]);
    expect(refs((await download('scope=all&sort=created_desc')).records)).toEqual([honda.ref, won.ref, injected.ref, quoted.ref]);
    expect((await download('scope=all&brand=Kia')).records).toEqual([]);
    expect((await download('scope=all', manager.token)).records).toHaveLength(4);
  });

  it('is for supervisors and managers: 403 forbidden for agents whatever the scope, 401 without a token', async () => {
    for (const query of ['', 'scope=open', 'scope=mine', 'scope=all']) {
      const refused = await download(query, agent.token);
      expect([query, refused.status, JSON.parse(refused.text).error.code]).toEqual([query, 403, 'forbidden']);
    }
    expect((await api(env.url).get('/leads/export.csv')).status).toBe(401);
  });

  it('answers 400 invalid_input naming the field for a bad filter', async () => {
    const bad: Array<[string, string]> = [
      ['stage=1', 'stage'],
      ['scope=everything', 'scope'],
      ['sort=random', 'sort'],
      ['limit=10', 'limit'],
      ['createdAfter=2026-11-05T00:00:00Z&createdBefore=2026-11-01T00:00:00Z', 'createdAfter'],
      ['createdBefore=tomorrow', 'createdBefore'],
    ];
    for (const [query, field] of bad) {
      const refused = await download(query);
      const body = JSON.parse(refused.text) as { error: { code: string; message: string } };
      expect([query, refused.status, body.error.code]).toEqual([query, 400, 'invalid_input']);
      expect(body.error.message).toContain(field);
    }
  });

  it('streams more leads than one batch, each exactly once and in order, ties on the time included', async () => {
    const count = EXPORT_BATCH_SIZE * 2 + 345;
    // 100 leads per minute: batches end in the middle of a run of equal creation times (keyset on (created_at, id))
    await env.db.query(
      `insert into leads (ref, ref_year, ref_number, customer_name, customer_email, brand, vehicle_model, source, stage_id, created_at, updated_at)
       select 'LEAD/2025/' || lpad(g::text, 5, '0'), 2025, g, 'Bulk customer ' || g, 'bulk' || g || '@mail.example', 'Bulk', 'Vios', 'Feed', $1,
              timestamptz '2026-01-01 00:00:00+00' + (g / 100) * interval '1 minute', timestamptz '2026-01-01 00:00:00+00'
         from generate_series(1, ${count}) g`,
      [stages['new']],
    );
    const expected = Array.from({ length: count }, (_unused, index) => `LEAD/2025/${String(index + 1).padStart(5, '0')}`);
    const bulk = await download('scope=all&brand=Bulk');
    expect(bulk.records).toHaveLength(count);
    expect(refs(bulk.records)).toEqual(expected);
    expect(refs((await download('scope=all&brand=Bulk&sort=ref_desc')).records)).toEqual([...expected].reverse());
  });

  it('survives a client that goes away mid-download', async () => {
    // One creation day per lead: 20,000 leads of one day in one statement would update the same report-summary
    // row 20,000 times in one transaction, each update walking the row's earlier versions (24 s alone, quiet)
    await env.db.query(
      `insert into leads (ref, ref_year, ref_number, customer_name, brand, vehicle_model, source, stage_id, created_at, updated_at)
       select 'LEAD/2024/' || lpad(g::text, 5, '0'), 2024, g, 'Long customer ' || g, 'Long', 'Vios', 'Feed', $1, now() - g * interval '1 day', now()
         from generate_series(1, 20000) g`,
      [stages['new']],
    );
    // node:http as the desktop's axios uses it (fetch's pool would leave a spare connection open until the hub closes)
    await new Promise<void>((resolve, reject) => {
      const request = get(`${env.url}/leads/export.csv?scope=all&brand=Long`, { headers: { authorization: `Bearer ${supervisor.token}` } }, (response) => {
        if (response.statusCode !== 200) reject(new Error(`status ${response.statusCode}`));
        response.once('data', () => {
          request.destroy();
          resolve();
        });
      });
      request.once('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    });
    expect(refs((await download('scope=all&brand=Honda')).records)).toEqual([honda.ref]);
  });
});
