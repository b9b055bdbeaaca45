import type { ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { benchDatabase } from './bench-postgres';
import { percentile, round, writeResults } from './bench-stats';
import { BENCH_AGENTS, benchToken, seedMillion } from './hub-seed';
import { startHubProcess } from './hub-process';
import { timeExport, timeReports } from './reports-timing';

/**
 * `npm run bench:hub`: the hub on PostgreSQL with 1,000,000 leads (`BENCH_LEADS` for fewer). All Leads pages
 * (five filter/sort combinations), the six floor reports (p95 each and overall), the CSV export of one brand,
 * claims per second with 32 concurrent clients on distinct leads, and a first sync of 20,000 visible leads.
 * Writes test/bench/results/hub.json.
 */
const LEADS = Number(process.env['BENCH_LEADS'] ?? 1_000_000);
const SAMPLES = 50;
const CLAIMS = Number(process.env['BENCH_CLAIMS'] ?? 9_000);
const CLAIM_CLIENTS = 32;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** A bodiless POST over a keep-alive connection: the load generator must cost less than the hub it measures. */
function post(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', agent, headers: { authorization: `Bearer ${token}`, 'content-length': 0 } }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });
}

async function timed(url: string, token: string): Promise<{ ms: number; body: { items?: unknown[]; nextCursor?: string | null; hasMore?: boolean; cursor?: string; leads?: unknown[] } }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { items?: unknown[] };
  const ms = performance.now() - start;
  if (!response.ok) throw new Error(`${url} → ${response.status} ${JSON.stringify(body).slice(0, 200)}`);
  return { ms, body };
}

async function main(): Promise<void> {
  const db = await benchDatabase();
  let hub: { url: string; child: ChildProcess } | undefined;
  try {
    hub = await startHubProcess(db.url); // migrates the empty database
    await seedMillion(db.url, LEADS);
    const supervisor = benchToken('supervisor');
    const combos: Array<[string, string]> = [
      ['newest first', 'scope=all&sort=created_desc'],
      ['an absent agent\'s leads', 'scope=all&userId=7&sort=created_asc'],
      ['stage + brand, recently updated', 'scope=all&stageId=2&brand=Toyota&sort=updated_desc'],
      ['free text on customer', 'scope=all&q=Mendoza%2012&sort=created_asc'],
      ['unclaimed Honda, oldest first, page 2', 'scope=open&brand=Honda&sort=created_asc'],
    ];
    const allLeads: Record<string, { p50: number; p95: number }> = {};
    for (const [name, query] of combos) {
      let url = `${hub.url}/leads?${query}&limit=50`;
      if (name.includes('page 2')) url += `&cursor=${(await timed(url, supervisor)).body.nextCursor}`;
      await timed(url, supervisor); // warm
      const samples: number[] = [];
      for (let index = 0; index < SAMPLES; index++) samples.push((await timed(url, supervisor)).ms);
      allLeads[name] = { p50: round(percentile(samples, 50)), p95: round(percentile(samples, 95)) };
    }

    const reports = await timeReports(hub.url, supervisor);
    const csvExport = await timeExport(hub.url, supervisor, 'scope=all&brand=Honda');

    let syncMs = Number.NaN;
    let syncedLeads = 0;
    const syncResponse = await fetch(`${hub.url}/sync?limit=1`, { headers: { authorization: `Bearer ${benchToken('syncagent')}` } });
    if (syncResponse.status !== 404) {
      const syncStart = performance.now();
      let cursor: string | undefined;
      for (;;) {
        const page = await timed(`${hub.url}/sync${cursor ? `?cursor=${cursor}` : ''}`, benchToken('syncagent'));
        syncedLeads += page.body.leads?.length ?? 0;
        cursor = page.body.cursor;
        if (!page.body.hasMore) break;
      }
      syncMs = round(performance.now() - syncStart, 0);
    }

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const pool = (await client.query<{ id: string }>(`select id from leads where user_id is null and not closed order by id limit ${CLAIMS}`)).rows.map((row) => row.id);
    await client.end();
    let next = 0;
    let failures = 0;
    const claimStart = performance.now();
    await Promise.all(
      Array.from({ length: CLAIM_CLIENTS }, async (_unused, worker) => {
        const token = benchToken(`agent${1 + (worker % BENCH_AGENTS)}`);
        for (;;) {
          const id = pool[next++];
          if (!id) return;
          const status = await post(`${hub?.url}/leads/${id}/claim`, token);
          if (status !== 200) failures++;
        }
      }),
    );
    const claimsPerSec = round(pool.length / ((performance.now() - claimStart) / 1000), 0);

    console.log(`\nAll Leads over ${LEADS.toLocaleString('en')} leads (page of 50, ${SAMPLES} samples, over HTTP):`);
    console.table(allLeads);
    console.log(`\nFloor reports over ${LEADS.toLocaleString('en')} leads (${reports.samples} samples each, varied filters, over HTTP):`);
    console.table(reports.byReport);
    console.log(`reports p95: ${reports.p95} ms overall, ${reports.rangedP95} ms with a date range`);
    console.log(`CSV export (${csvExport.query}): ${csvExport.rows.toLocaleString('en')} rows, ${csvExport.megabytes} MB in ${csvExport.ms} ms`);
    console.log(`claims: ${pool.length} distinct leads, ${CLAIM_CLIENTS} clients → ${claimsPerSec}/s (${failures} non-200)`);
    console.log(`first sync: ${syncedLeads} leads in ${syncMs} ms`);
    writeResults('test/bench/results/hub.json', {
      leads: LEADS,
      allLeads,
      allLeadsP95Ms: Math.max(...Object.values(allLeads).map((entry) => entry.p95)),
      reports: reports.byReport,
      reportP95Ms: reports.p95,
      reportRangedP95Ms: reports.rangedP95,
      csvExport,
      claims: pool.length,
      claimClients: CLAIM_CLIENTS,
      claimsPerSec,
      claimFailures: failures,
      syncBootstrapLeads: syncedLeads,
      syncBootstrap20kMs: syncMs,
      backend: process.env['DATABASE_URL'] ? 'postgres (DATABASE_URL)' : 'embedded postgres',
    });
  } finally {
    hub?.child.kill('SIGTERM');
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
