import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { benchDatabase } from './bench-postgres';
import { percentile, round, writeResults } from './bench-stats';
import { benchToken, seedMillion } from './hub-seed';
import { measureClaims, printClaims } from './claims-bench';
import { startHubProcess } from './hub-process';
import { REPORT_PATHS } from '../../src-shared/contract/reports.schema';
import { byFilterRows, timeExport, timeReportByFilter, timeReportFloors, timeReports } from './reports-timing';

/**
 * `npm run bench:hub`: the hub on PostgreSQL with 1,000,000 leads (`BENCH_LEADS` for fewer). All Leads pages
 * (five filter/sort combinations), the floor reports (p95 each and overall), the CSV export of one brand,
 * claims per second against the database's own rate for the bare conditional UPDATE (claims-bench.ts), a
 * burst of 1,000 agents claiming at once, and a first sync of 20,000 visible leads.
 * Writes test/bench/results/hub.json.
 */
const LEADS = Number(process.env['BENCH_LEADS'] ?? 1_000_000);
const SAMPLES = 50;

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
    const speedToLeadByFilter = await timeReportByFilter(hub.url, supervisor, REPORT_PATHS.speedToLead);
    const callsByFilter = await timeReportByFilter(hub.url, supervisor, REPORT_PATHS.calls);
    const reportFloors = await timeReportFloors(db.url);
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

    const claims = await measureClaims(hub.url, db.url, hub.child.pid);
    console.log(`\nAll Leads over ${LEADS.toLocaleString('en')} leads (page of 50, ${SAMPLES} samples, over HTTP):`);
    console.table(allLeads);
    console.log(`\nFloor reports over ${LEADS.toLocaleString('en')} leads (${reports.samples} samples each, varied filters, over HTTP):`);
    console.table(reports.byReport);
    console.log(`reports p95: ${reports.p95} ms overall, ${reports.rangedP95} ms with a date range`);
    console.log('speed to lead per filter set (ms):');
    console.table(byFilterRows(speedToLeadByFilter));
    console.log('calls per filter set (ms):');
    console.table(byFilterRows(callsByFilter));
    console.log(
      `whole-history floors (straight SQL): one exact median over all leads ${reportFloors.oneMedianOverAllLeadsMs} ms (speed-to-lead needs 8 such sorts); ` +
        `calls grouped per agent, day and result ${reportFloors.callsGroupedMs} ms (${reportFloors.callsReportRows.toLocaleString('en')} rows)`,
    );
    console.log(`CSV export (${csvExport.query}): ${csvExport.rows.toLocaleString('en')} rows, ${csvExport.megabytes} MB in ${csvExport.ms} ms`);
    printClaims(claims);
    console.log(`first sync: ${syncedLeads} leads in ${syncMs} ms`);
    writeResults('test/bench/results/hub.json', {
      leads: LEADS,
      allLeads,
      allLeadsP95Ms: Math.max(...Object.values(allLeads).map((entry) => entry.p95)),
      reports: reports.byReport,
      reportP95Ms: reports.p95,
      reportRangedP95Ms: reports.rangedP95,
      speedToLeadByFilter,
      callsByFilter,
      reportFloors,
      csvExport,
      ...claims,
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
