import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import type { Page } from 'playwright-core';
import { REPORT_PATHS } from '../../src-shared/contract/reports.schema';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { openApp } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { benchStacksUnmapped, launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';
import { benchDatabase } from './bench-postgres';
import { percentile, round, writeResults } from './bench-stats';
import { BENCH_PASSWORD, benchToken, rebuildSummary, seedMillion } from './hub-seed';
import { startHubProcess } from './hub-process';
import { startPageProfile } from './page-profile';
import { byFilterRows, timeReportByFilter, timeReportFloors, timeReports, type ReportTimings } from './reports-timing';

/**
 * `npm run bench:all-leads`: the hub on PostgreSQL with 1,000,000 leads (`BENCH_LEADS` for a trial run), a
 * supervisor signed in in real Chromium through the harness, and 50 filter and sort changes (and Next) in the
 * All Leads panel, each timed in the page from the change to the frame after the new page is in the DOM
 * (the panel's `data-query-key` names the query it shows). Then the same queries straight over HTTP (the
 * hub's share), a few searches (their 250 ms debounce included), and the floor reports' p95 over HTTP.
 * Writes test/bench/results/all-leads.json.
 *
 * `BENCH_DATABASE_URL=<url>`: a database seeded by an earlier run of this bench (the seed is skipped; BENCH_LEADS
 * must name its size). `ALL_LEADS_PROFILE=<path>`: a CPU profile of the page (and, with `ALL_LEADS_TRACE=1`, a Chromium trace beside
 * it) over the first `ALL_LEADS_PROFILE_MOVES` changes (5), where the slowest changes were.
 */
const LEADS = Number(process.env['BENCH_LEADS'] ?? 1_000_000);
const CHANGES = 50;
const SEARCHES = ['Mendoza 12', 'LEAD/2026/00001', '917 000', 'customer77@'];

/** One step in the panel, as a supervisor clicks it. */
type Move = { select: 'Assigned agent' | 'Stage' | 'Brand' | 'Source' | 'Age'; option: string } | { sort: 'Reference' | 'Customer' | 'Created' } | { next: true };

/** A tour that changes the query at every step and ends where it started, so it can be repeated. */
const TOUR: Move[] = [
  { select: 'Stage', option: 'Qualified' },
  { select: 'Brand', option: 'Honda' },
  { sort: 'Customer' },
  { next: true },
  { sort: 'Customer' },
  { select: 'Stage', option: 'All stages' },
  { select: 'Assigned agent', option: 'Agent 7' },
  { next: true },
  { sort: 'Reference' },
  { select: 'Age', option: 'Older than 7 days' },
  { select: 'Brand', option: 'All brands' },
  { next: true },
  { select: 'Assigned agent', option: 'Unassigned' },
  { sort: 'Created' },
  { select: 'Source', option: 'Facebook' },
  { select: 'Age', option: 'Any age' },
  { next: true },
  { select: 'Assigned agent', option: 'All agents' },
  { select: 'Stage', option: 'Won' },
  { select: 'Source', option: 'All sources' },
  { select: 'Stage', option: 'Lost' },
  { select: 'Brand', option: 'Nissan' },
  { next: true },
  { select: 'Brand', option: 'All brands' },
  { select: 'Stage', option: 'All stages' },
];

const describeMove = (move: Move) => ('select' in move ? `${move.select}: ${move.option}` : 'sort' in move ? `sort ${move.sort}` : 'Next');

/**
 * The history is closed: seedMillion leaves 60 % of the other agents' leads open, and a supervisor's replica
 * holds every open lead. A floor works a few thousand leads at a time; closing the rest leaves the pool and
 * the sync agent's 10,000 open (a 20,000-lead replica at 1,000,000, the sync budget's size).
 */
async function closeHistory(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // a bulk write without the per-row triggers; the report summary is recounted after it
  await client.query(`set session_replication_role = replica`);
  await client.query(`update leads set closed = true, stage_id = 4 + id % 2, lost_reason = case when id % 2 = 1 then coalesce(lost_reason, 'timing') end,
      closed_at = coalesce(closed_at, updated_at)
    where not closed and user_id is not null and user_id <> (select id from users where login = 'syncagent')`);
  await client.end();
  await rebuildSummary(url);
  // Vacuumed, not only analyzed: the update above leaves ~500,000 dead rows, and autovacuum's pass over the
  // 1.6 GB table (and the rebuilt summaries) otherwise runs during the tour — it finished ~80 s after a scratch
  // copy of this database was ready — competing for the two cores with the first changes timed.
  const vacuum = new pg.Client({ connectionString: url });
  await vacuum.connect();
  await vacuum.query('vacuum (analyze)');
  await vacuum.end();
}

/** The little of the DOM the page functions use (this tsconfig has no DOM lib). */
interface PageElement {
  textContent: string | null;
  value: string;
  disabled: boolean;
  getAttribute(name: string): string | null;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  click(): void;
  dispatchEvent(event: unknown): boolean;
}
interface PageGlobals {
  document: PageElement;
  requestAnimationFrame(callback: (time: number) => void): number;
  Event: new (type: string, init: { bubbles: boolean }) => unknown;
  HTMLInputElement: { prototype: object };
}

/**
 * Inside the page: make one change and wait until the panel shows the answer to a new query (its
 * data-query-key changed and it is not busy), then one more frame (the one that paints it). Null when the
 * move does not apply (Next on the last page).
 */
async function timeMove(page: Page, move: Move): Promise<{ ms: number; key: string } | null> {
  return page.evaluate(async (step) => {
    const w = globalThis as unknown as PageGlobals;
    const panel = w.document.querySelector('section[aria-label="All Leads"]');
    if (!panel) throw new Error('All Leads is not shown');
    const before = panel.getAttribute('data-query-key');
    let act: () => void;
    if ('select' in step) {
      const select = panel.querySelector(`[aria-label="Filters"] select[aria-label="${step.select}"]`);
      const option = [...(select?.querySelectorAll('option') ?? [])].find((item) => item.textContent?.trim() === step.option);
      if (!select || !option) throw new Error(`no option ${step.option} in ${step.select}`);
      act = () => {
        select.value = option.value;
        select.dispatchEvent(new w.Event('change', { bubbles: true }));
      };
    } else if ('sort' in step) {
      const button = [...panel.querySelectorAll('th button.th-sort')].find((item) => item.textContent?.replace(/[↑↓]/g, '').trim() === step.sort);
      if (!button) throw new Error(`no sortable column ${step.sort}`);
      act = () => button.click();
    } else {
      const button = [...panel.querySelectorAll('nav[aria-label="All Leads pages"] button')].find((item) => item.textContent?.includes('Next'));
      if (!button || button.disabled) return null;
      act = () => button.click();
    }
    const frame = () => new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
    const start = performance.now();
    act();
    for (;;) {
      await frame();
      const key = panel.getAttribute('data-query-key');
      if (key !== before && panel.getAttribute('aria-busy') === 'false') break;
      if (panel.querySelector('[role="alert"]')) throw new Error(`the panel shows an error: ${panel.querySelector('[role="alert"]')?.textContent}`);
      if (performance.now() - start > 20_000) throw new Error('no new page within 20 s');
    }
    await frame();
    return { ms: performance.now() - start, key: panel.getAttribute('data-query-key') ?? '' };
  }, move);
}

/** Inside the page: type a search (as one input event, like a paste), timed to the rendered answer, debounce included. */
async function timeSearch(page: Page, text: string): Promise<number> {
  return page.evaluate(async (search) => {
    const w = globalThis as unknown as PageGlobals;
    const panel = w.document.querySelector('section[aria-label="All Leads"]');
    const input = panel?.querySelector('input[aria-label="Search leads"]');
    if (!panel || !input) throw new Error('no search box');
    const before = panel.getAttribute('data-query-key');
    const setValue = Object.getOwnPropertyDescriptor(w.HTMLInputElement.prototype, 'value')?.set;
    const frame = () => new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
    const start = performance.now();
    setValue?.call(input, search);
    input.dispatchEvent(new w.Event('input', { bubbles: true }));
    for (;;) {
      await frame();
      if (panel.getAttribute('data-query-key') !== before && panel.getAttribute('aria-busy') === 'false') break;
      if (performance.now() - start > 20_000) throw new Error('no search answer within 20 s');
    }
    await frame();
    return performance.now() - start;
  }, text);
}

/** The query a rendered page came from (`<query JSON>#<cursor>`), asked again straight over HTTP. */
async function timeHubQuery(hubUrl: string, token: string, key: string): Promise<number> {
  const [json, cursor] = key.split('#');
  const query = new URLSearchParams({ ...(JSON.parse(json ?? '{}') as Record<string, string>), limit: '50', ...(cursor ? { cursor } : {}) });
  const start = performance.now();
  const response = await fetch(`${hubUrl}/leads?${query}`, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  if (!response.ok) throw new Error(`/leads?${query} → ${response.status}`);
  return performance.now() - start;
}

/** The same query through window.crm from the page (IPC to main, main to the hub, the answer parsed), without React. */
async function timeBridgeQuery(page: Page, key: string): Promise<number> {
  return page.evaluate(async (shownKey) => {
    const [json, cursor] = shownKey.split('#');
    const query = { ...(JSON.parse(json ?? '{}') as Record<string, string>), limit: 50, ...(cursor ? { cursor } : {}) };
    const crm = (globalThis as unknown as { crm: { listLeads(input: unknown): Promise<{ ok: boolean }> } }).crm;
    const start = performance.now();
    const answer = await crm.listLeads(query);
    if (!answer.ok) throw new Error(`listLeads refused ${shownKey}`);
    return performance.now() - start;
  }, key);
}

const PROFILE_PATH = process.env['ALL_LEADS_PROFILE'];
const PROFILE_MOVES = Number(process.env['ALL_LEADS_PROFILE_MOVES'] ?? 5);

/** With ALL_LEADS_PROFILE: a CPU profile (and with ALL_LEADS_TRACE a trace) of the page from now until stop(). */
async function startProfile(page: Page): Promise<{ stop(): Promise<void> } | null> {
  if (!PROFILE_PATH) return null;
  return startPageProfile(page, { profilePath: PROFILE_PATH, tracePath: process.env['ALL_LEADS_TRACE'] ? `${PROFILE_PATH}.trace.json` : undefined });
}

/** The floor reports over HTTP, when the hub has them (another part of the hub; absent routes answer 404). */
async function reportTimings(hubUrl: string, token: string): Promise<ReportTimings | null> {
  const probe = await fetch(`${hubUrl}${REPORT_PATHS.funnel}`, { headers: { authorization: `Bearer ${token}` } });
  await probe.arrayBuffer();
  if (probe.status === 404) return null;
  return timeReports(hubUrl, token);
}

async function main(): Promise<void> {
  benchStacksUnmapped();
  if (LEADS <= 20_000) throw new Error('BENCH_LEADS must be above 20,000 (the seed gives one agent 10,000 open leads)');
  await ensureRendererBuilt();
  // BENCH_DATABASE_URL: a database this bench seeded and closed before (kept, e.g. from a scratch run), for
  // repeated profiling runs without the seed; the tour and the reports only read.
  const seeded = process.env['BENCH_DATABASE_URL'];
  const db = seeded ? { url: seeded, stop: async () => undefined } : await benchDatabase();
  let hub: { url: string; child: ChildProcess } | undefined;
  const browser = await launchChromium();
  const renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
  try {
    hub = await startHubProcess(db.url);
    if (!seeded) {
      await seedMillion(db.url, LEADS);
      await closeHistory(db.url);
    }
    const hubUrl = hub.url;
    let synced = false;
    let signingIn = false;
    const app = await openApp({
      browser,
      rendererOrigin: renderer.origin,
      onEmit: (event, payload) => {
        if (event === 'sync:progress' && (payload as { done: boolean }).done && signingIn) synced = true;
      },
    });
    const page = app.page;
    const results = await withTimeLimit(600_000, 'All Leads benchmark', (async () => {
      await page.waitForSelector('form[aria-label="Sign in"]');
      // tsx (esbuild keepNames) wraps named functions in __name(); the page functions need it defined.
      await page.evaluate('globalThis.__name = (fn) => fn');
      await page.getByLabel('Hub address').fill(hubUrl.replace(/\/api\/v1$/, ''));
      await page.getByLabel('Login').fill('supervisor');
      await page.getByLabel('Password').fill(BENCH_PASSWORD);
      const syncStart = performance.now();
      signingIn = true;
      await page.getByRole('button', { name: 'Sign in' }).click();
      while (!synced) await new Promise((resolve) => setTimeout(resolve, 50));
      const firstSyncMs = performance.now() - syncStart;

      await page.getByRole('navigation', { name: 'Main menu' }).getByRole('button', { name: 'All Leads', exact: true }).click();
      await page.waitForSelector('section[aria-label="All Leads"][aria-busy="false"] table tbody tr', { timeout: 60_000 });
      // The agent and source lists come from the replica: wait for them before the tour picks from them.
      await page.waitForSelector('section[aria-label="All Leads"] select[aria-label="Assigned agent"] option:nth-child(10)', { state: 'attached', timeout: 30_000 });
      await page.waitForSelector('section[aria-label="All Leads"] select[aria-label="Source"] option:nth-child(4)', { state: 'attached', timeout: 30_000 });

      const changes: Array<{ move: string; ms: number; key: string }> = [];
      let skipped = 0;
      const profiler = await startProfile(page);
      for (let index = 0; changes.length < CHANGES; index++) {
        const move = TOUR[index % TOUR.length] as Move;
        if (index === PROFILE_MOVES) await profiler?.stop();
        const timed = await timeMove(page, move);
        if (timed) changes.push({ move: describeMove(move), ...timed });
        else skipped++;
        if (index > CHANGES * 3) throw new Error('the tour does not change the page');
      }
      await page.screenshot({ path: 'test/bench/results/all-leads.png' });
      const searches: number[] = [];
      for (const text of SEARCHES) searches.push(await timeSearch(page, text));

      const token = benchToken('supervisor');
      for (const change of changes.slice(0, 5)) await timeHubQuery(hubUrl, token, change.key); // warm
      const hubQueries: number[] = [];
      for (const change of changes) hubQueries.push(await timeHubQuery(hubUrl, token, change.key));
      const bridgeQueries: number[] = [];
      for (const change of changes) bridgeQueries.push(await timeBridgeQuery(page, change.key));
      return { firstSyncMs, changes, skipped, searches, hubQueries, bridgeQueries };
    })());

    const reports = await reportTimings(hubUrl, benchToken('supervisor'));
    const speedToLeadByFilter = reports ? await timeReportByFilter(hubUrl, benchToken('supervisor'), REPORT_PATHS.speedToLead) : null;
    const callsByFilter = reports ? await timeReportByFilter(hubUrl, benchToken('supervisor'), REPORT_PATHS.calls) : null;
    const reportFloors = reports ? await timeReportFloors(db.url) : null;
    const pageMs = results.changes.map((change) => change.ms);
    const slowest = [...results.changes].sort((a, b) => b.ms - a.ms).slice(0, 5);
    // Which queries cost the hub most: the filter and sort combinations an index does not serve well.
    const slowestHub = results.changes
      .map((change, index) => ({ move: change.move, query: change.key, ms: results.hubQueries[index] ?? 0 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 5);
    console.log(`\nAll Leads over ${LEADS.toLocaleString('en')} leads, ${results.changes.length} changes in the panel (${results.skipped} Next skipped on a last page):`);
    console.table({
      'change → rendered page (ms)': { p50: round(percentile(pageMs, 50)), p95: round(percentile(pageMs, 95)), max: round(Math.max(...pageMs)) },
      'same query over HTTP (ms)': { p50: round(percentile(results.hubQueries, 50)), p95: round(percentile(results.hubQueries, 95)), max: round(Math.max(...results.hubQueries)) },
      'same query through window.crm (ms)': { p50: round(percentile(results.bridgeQueries, 50)), p95: round(percentile(results.bridgeQueries, 95)), max: round(Math.max(...results.bridgeQueries)) },
      'search, 250 ms debounce included (ms)': { p50: round(percentile(results.searches, 50)), p95: round(percentile(results.searches, 95)), max: round(Math.max(...results.searches)) },
    });
    console.log('first changes:', results.changes.slice(0, 8).map((change) => `${change.move} ${round(change.ms)} ms`).join('; '));
    console.log('slowest changes:', slowest.map((change) => `${change.move} ${round(change.ms)} ms`).join('; '));
    console.log('slowest hub queries:', slowestHub.map((entry) => `${entry.query} ${round(entry.ms)} ms`).join('\n  '));
    if (reports) console.table(reports.byReport);
    if (speedToLeadByFilter) {
      console.log('speed to lead per filter set (ms):');
      console.table(byFilterRows(speedToLeadByFilter));
    }
    if (callsByFilter) {
      console.log('calls per filter set (ms):');
      console.table(byFilterRows(callsByFilter));
    }
    if (reportFloors) {
      console.log(
        `report floors (straight SQL, same run): one exact median over the last 30 days' leads ${reportFloors.oneMedianOver30DaysMs} ms, over all leads ${reportFloors.oneMedianOverAllLeadsMs} ms; ` +
          `the whole-history calls answer (${reportFloors.callsReportRows.toLocaleString('en')} rows) read from a table holding exactly it ${reportFloors.callsAnswerReadMs} ms`,
      );
    }
    else console.log('floor reports: the hub has no /reports/* routes yet — not timed');
    writeResults('test/bench/results/all-leads.json', {
      leads: LEADS,
      openLeadsInReplica: await countOpen(db.url),
      supervisorFirstSyncMs: round(results.firstSyncMs, 0),
      changes: results.changes.length,
      nextSkipped: results.skipped,
      pageChangeP50Ms: round(percentile(pageMs, 50)),
      pageChangeP95Ms: round(percentile(pageMs, 95)),
      pageChangeMaxMs: round(Math.max(...pageMs)),
      slowestChanges: slowest.map((change) => ({ move: change.move, ms: round(change.ms) })),
      slowestHubQueries: slowestHub.map((entry) => ({ move: entry.move, query: entry.query, ms: round(entry.ms) })),
      hubQueryP50Ms: round(percentile(results.hubQueries, 50)),
      hubQueryP95Ms: round(percentile(results.hubQueries, 95)),
      bridgeQueryP50Ms: round(percentile(results.bridgeQueries, 50)),
      bridgeQueryP95Ms: round(percentile(results.bridgeQueries, 95)),
      searchWithDebounceP95Ms: round(percentile(results.searches, 95)),
      reportP95Ms: reports ? reports.p95 : null,
      reportRangedP95Ms: reports ? reports.rangedP95 : null,
      reportFloors,
      reports: reports ? reports.byReport : 'the hub has no /reports/* routes yet',
      speedToLeadByFilter,
      callsByFilter,
      viewport: '1440x900',
      hubBudgetP95Ms: 50,
    });
    await app.close();
  } finally {
    await browser.close();
    await renderer.close();
    hub?.child.kill('SIGTERM');
    await db.stop();
  }
}

async function countOpen(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const [row] = (await client.query<{ count: string }>('select count(*) from leads where not closed')).rows;
  await client.end();
  return Number(row?.count ?? 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
