import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { openApp } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';
import { benchDatabase } from './bench-postgres';
import { percentile, round, writeResults } from './bench-stats';
import { startHubProcess } from './hub-process';
import { BENCH_PASSWORD, benchToken, seedMillion } from './hub-seed';
import { measureIncremental, StageClock } from './live-stages';

/**
 * `npm run bench:sync`: in real Chromium through the harness, the first sync of 20,000 visible leads (each
 * with 5 messages, 1 call log, 1 activity) beside a raw Dexie bulkPut of the same rows; incremental sync
 * (event to replica) over 50 changes; the renderer's JS heap. Writes test/bench/results/sync.json.
 */
const LEADS = 20_000;
const CHANGES = 50;

async function main(): Promise<void> {
  await ensureRendererBuilt();
  const db = await benchDatabase();
  let hub: { url: string; child: ChildProcess } | undefined;
  const browser = await launchChromium();
  const renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
  try {
    hub = await startHubProcess(db.url);
    await seedMillion(db.url, LEADS);
    const hubUrl = hub.url.replace(/\/api\/v1$/, '');
    let done = 0;
    let onChanged: (at: number) => void = () => undefined;
    const clock = await StageClock.install(db.url);
    let started = 0;
    const app = await openApp({
      browser,
      rendererOrigin: renderer.origin,
      bypassCsp: true,
      onEmit: (event, payload) => {
        const now = performance.now();
        if (event === 'sync:progress' && (payload as { done: boolean }).done && done === 0 && started > 0) done = now;
        if (event === 'sync:changed') onChanged(now);
      },
    });
    const page = app.page;
    await page.waitForSelector('form[aria-label="Sign in"]');

    await withTimeLimit(300_000, 'first sync', (async () => {
      await page.getByLabel('Hub address').fill(hubUrl);
      await page.getByLabel('Login').fill('syncagent');
      await page.getByLabel('Password').fill(BENCH_PASSWORD);
      started = performance.now();
      await page.getByRole('button', { name: 'Sign in' }).click();
      while (done === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    })());
    const firstSyncMs = round(done - started, 0);

    // Raw baseline: the same rows, fetched up front, bulkPut with Dexie into an empty database of the same schema.
    const pages: unknown[] = [];
    let cursor: string | undefined;
    for (;;) {
      const response = await fetch(`${hub.url}/sync?limit=500${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${benchToken('syncagent')}` } });
      const body = (await response.json()) as { cursor: string; hasMore: boolean };
      pages.push(body);
      cursor = body.cursor;
      if (!body.hasMore) break;
    }
    await page.addScriptTag({ content: readFileSync(join(process.cwd(), 'node_modules/dexie/dist/dexie.js'), 'utf8') });
    const rawBulkPutMs = await page.evaluate(async (allPages) => {
      const DexieCtor = (globalThis as unknown as { Dexie: new (name: string, options?: Record<string, unknown>) => { version(n: number): { stores(s: Record<string, string>): void }; table(n: string): { bulkPut(rows: unknown[]): Promise<unknown> }; transaction(mode: string, tables: string[], work: () => Promise<void>): Promise<void> } }).Dexie;
      const raw = new DexieCtor('raw-baseline', { chromeTransactionDurability: 'relaxed' });
      raw.version(1).stores({ leads: 'id, [stageId+userId], userId, brand, createdAt, ref', messages: 'id, leadId', callLogs: 'id, leadId', activities: 'id, leadId, dueAt, [userId+done]', meta: 'key' });
      const start = performance.now();
      for (const p of allPages as Array<Record<string, unknown[]>>) {
        await raw.transaction('rw', ['leads', 'messages', 'callLogs', 'activities', 'meta'], async () => {
          await raw.table('leads').bulkPut(p['leads'] ?? []);
          await raw.table('messages').bulkPut(p['messages'] ?? []);
          await raw.table('callLogs').bulkPut(p['callLogs'] ?? []);
          await raw.table('activities').bulkPut(p['activities'] ?? []);
        });
      }
      return performance.now() - start;
    }, pages);

    // Incremental: a note by a supervisor on one of the agent's leads, from the hub's answer to the replica,
    // stage by stage (live-stages.ts).
    const leadIds = ((await (await fetch(`${hub.url}/leads?scope=mine&limit=50`, { headers: { authorization: `Bearer ${benchToken('syncagent')}` } })).json()) as { items: Array<{ id: string }> }).items.map((lead) => lead.id);
    const incremental = await measureIncremental({ hubUrl: hub.url, clock, page, leadIds, changes: CHANGES, onChanged: (listener) => (onChanged = listener) });
    const samples = incremental.samples;

    const cdp = await app.context.newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const heapMb = round(heap.usedSize / 1024 / 1024, 1);

    const results = {
      leads: LEADS,
      perLead: { messages: 5, callLogs: 1, activities: 1 },
      firstSyncMs,
      rawBulkPutMs: round(rawBulkPutMs, 0),
      rawSpeedRatio: round(rawBulkPutMs / firstSyncMs, 2),
      incrementalP50Ms: round(percentile(samples, 50)),
      incrementalP95Ms: round(percentile(samples, 95)),
      incrementalStages: incremental.stages,
      incrementalMissed: incremental.missed,
      heapMb,
    };
    console.table(incremental.stages);
    console.table({ firstSyncMs: results.firstSyncMs, rawBulkPutMs: results.rawBulkPutMs, 'raw/first (≥0.5)': results.rawSpeedRatio, incrementalP95Ms: results.incrementalP95Ms, heapMb });
    writeResults('test/bench/results/sync.json', results);
    await app.close();
    await clock.uninstall();
  } finally {
    await browser.close();
    await renderer.close();
    hub?.child.kill('SIGTERM');
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
