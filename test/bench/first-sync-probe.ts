import pg from 'pg';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';

/** What a complete board shows for one user, read from the hub's database before they sign in. */
export interface BoardExpectation {
  /** Open Leads: unclaimed open leads per brand column. */
  poolByBrand: Record<string, number>;
  /** My Pipeline: the user's own leads in the replica window. */
  ownLeads: number;
  ownMessages: number;
  /** Every lead in the user's replica window (open leads they see). */
  visible: number;
}

/**
 * Makes the sync bench's world: every lead not held by the sync agent goes back to the pool, so the agent
 * (10,000 own + 10,000 pool) and a supervisor (all open) each see 20,000 leads; 400 pool leads get 3 notes
 * each, whose chatter the agent's replica does not hold until the lead is opened.
 */
export async function shapeSyncWorld(url: string, agentLogin: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const agent = (await client.query<{ id: string }>('select id from users where login = $1', [agentLogin])).rows[0]?.id;
    await client.query(
      `update leads set user_id = null, closed = false, stage_id = 1, claimed_at = null, closed_at = null, lost_reason = null
        where user_id is distinct from $1`,
      [agent],
    );
    await client.query(`insert into messages (lead_id, kind, body, author_id, created_at)
      select l.id, 'note', 'Intake note ' || k || ' on ' || l.ref, null, l.created_at + k * interval '1 minute'
        from (select id, ref, created_at from leads where user_id is null order by created_at limit 200) l cross join generate_series(1, 3) k`);
    await client.query(`insert into messages (lead_id, kind, body, author_id, created_at)
      select l.id, 'note', 'Intake note ' || k || ' on ' || l.ref, null, l.created_at + k * interval '1 minute'
        from (select id, ref, created_at from leads where user_id is null order by created_at desc limit 200) l cross join generate_series(1, 3) k`);
    await client.query('analyze');
  } finally {
    await client.end();
  }
}

export async function boardExpectation(url: string, login: string): Promise<BoardExpectation> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const pool = await client.query<{ brand: string; n: string }>('select brand, count(*)::text as n from leads where user_id is null and not closed group by brand');
    const user = (await client.query<{ id: string }>('select id from users where login = $1', [login])).rows[0]?.id;
    const own = await client.query<{ n: string }>('select count(*)::text as n from leads where user_id = $1 and not closed', [user]);
    const messages = await client.query<{ n: string }>('select count(*)::text as n from messages m join leads l on l.id = m.lead_id where l.user_id = $1', [user]);
    const visible = await client.query<{ n: string }>(
      `select count(*)::text as n from leads l join users u on u.id = $1 where not l.closed and (u.role <> 'agent' or l.user_id is null or l.user_id = u.id)`,
      [user],
    );
    return {
      poolByBrand: Object.fromEntries(pool.rows.map((row) => [row.brand, Number(row.n)])),
      ownLeads: Number(own.rows[0]?.n ?? 0),
      ownMessages: Number(messages.rows[0]?.n ?? 0),
      visible: Number(visible.rows[0]?.n ?? 0),
    };
  } finally {
    await client.end();
  }
}

export async function messageCountOfRef(url: string, ref: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const row = (await client.query<{ n: string }>('select count(*)::text as n from messages m join leads l on l.id = m.lead_id where l.ref = $1', [ref])).rows[0];
    return Number(row?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** The few DOM shapes the in-page functions use (the Node project has no DOM types). */
interface PageElement {
  textContent: string | null;
  scrollTop: number;
  scrollHeight: number;
  clientHeight: number;
  getAttribute(name: string): string | null;
  click(): void;
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
}

interface IdbRequest<T> {
  result: T;
  error: Error | null;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}

interface IdbDatabase {
  transaction(store: string, mode: 'readonly'): { objectStore(name: string): { count(): IdbRequest<number>; getAll(): IdbRequest<unknown[]> } };
  close(): void;
}

interface PageGlobals {
  document: PageElement;
  indexedDB: { databases(): Promise<Array<{ name?: string }>>; open(name: string): IdbRequest<IdbDatabase> };
  requestAnimationFrame(callback: () => void): number;
  __frameProbe?: { deltas: number[]; running: boolean };
}

/**
 * A floor's hub at shift start has been serving for a while: another workstation's first sync (agent1's lead
 * rows, as the app asks for them) runs before any timed sign-in, so the timings are a warm hub's, not the first
 * request's after the process started (V8 compiling the sync code, PostgreSQL planning its queries).
 */
export async function warmHub(apiUrl: string, token: string): Promise<void> {
  let cursor: string | undefined;
  for (let page = 0; page < 100; page++) {
    const limit = page === 0 ? 100 : 1000;
    const response = await fetch(`${apiUrl}/sync?limit=${limit}&history=own${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) throw new Error(`warming the hub: GET /sync answered ${response.status}`);
    const body = (await response.json()) as { cursor: string; hasMore: boolean };
    cursor = body.cursor;
    if (!body.hasMore) return;
  }
}

/** Clicks a main menu entry inside the page. */
async function openMenu(page: Page, label: string): Promise<void> {
  await page.evaluate((menu) => {
    const w = globalThis as unknown as PageGlobals;
    const button = [...w.document.querySelectorAll('nav[aria-label="Main menu"] button')].find((item) => item.textContent?.trim() === menu);
    if (!button) throw new Error(`menu entry ${menu} not found`);
    button.click();
  }, label);
}

/** Waits (checking every frame) until the board shows these column counts (or at least this total) and is scrollable when it has cards. */
async function waitForBoard(page: Page, board: string, want: { columns?: Record<string, number>; total?: number }): Promise<void> {
  await page.waitForFunction(
    ([name, wanted]) => {
      const w = globalThis as unknown as PageGlobals;
      const section = w.document.querySelector(`section.board[aria-label="${name}"]`);
      if (!section) return false;
      const heads = [...section.querySelectorAll('.board-column')].map((column) => ({
        title: column.getAttribute('aria-label') ?? '',
        count: Number((column.querySelector('.board-column-head .board-count')?.textContent ?? '0').replace(/[^0-9]/g, '')),
      }));
      if (wanted.columns) {
        for (const [title, count] of Object.entries(wanted.columns)) if (heads.find((head) => head.title === title)?.count !== count) return false;
      }
      const total = heads.reduce((sum, head) => sum + head.count, 0);
      if (wanted.total !== undefined && total < wanted.total) return false;
      if (total === 0) return true;
      const scrollers = [...section.querySelectorAll('.board-column-scroll')];
      return section.querySelectorAll('.card').length > 0 && scrollers.some((scroller) => scroller.scrollHeight > scroller.clientHeight);
    },
    [board, want] as const,
    { polling: 'raf', timeout: 280_000 },
  ).catch(async (error: unknown) => {
    const shown = await page.evaluate((name) => {
      const section = (globalThis as unknown as PageGlobals).document.querySelector(`section.board[aria-label="${name}"]`);
      return section ? [...section.querySelectorAll('.board-column-head')].map((head) => head.textContent).join(' | ') : 'no board';
    }, board);
    throw new Error(`${board} never showed ${JSON.stringify(want)}; it shows ${shown}`, { cause: error });
  });
}

/**
 * Sign in click → the landing board and then the other board complete: Open Leads with the right count in
 * every brand column, cards scrollable; My Pipeline with every own open lead. Returns Node's clock at the
 * click and when both were seen.
 */
export async function signInUntilUsable(page: Page, hubUrl: string, login: string, password: string, expected: BoardExpectation, role: 'agent' | 'supervisor', onClick: (at: number) => void = () => undefined): Promise<{ clickedAt: number; usableAt: number }> {
  await page.getByLabel('Hub address').fill(hubUrl);
  await page.getByLabel('Login').fill(login);
  await page.getByLabel('Password').fill(password);
  const clickedAt = performance.now();
  onClick(clickedAt);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const pool = { columns: expected.poolByBrand };
  const mine = { total: expected.ownLeads };
  // Agents land on My Pipeline, supervisors on Open Leads (landingView): check that one first, then the other.
  const order: Array<[string, string, { columns?: Record<string, number>; total?: number }]> =
    role === 'agent'
      ? [['My Pipeline', 'My Pipeline', mine], ['Open Leads', 'Open Leads', pool]]
      : [['Open Leads', 'Open Leads', pool], ['My Pipeline', 'My Pipeline', mine]];
  await page.waitForSelector('nav[aria-label="Main menu"]', { timeout: 60_000 });
  for (const [index, [menu, board, want]] of order.entries()) {
    if (index > 0) await openMenu(page, menu);
    await waitForBoard(page, board, want);
  }
  return { clickedAt, usableAt: performance.now() };
}

/** Starts recording frame deltas in the page, scrolling the board's longest column a step per frame. */
export async function startFrameProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    const probe = { deltas: [] as number[], running: true };
    w.__frameProbe = probe;
    let last = performance.now();
    const step = () => {
      if (!probe.running) return;
      const now = performance.now();
      probe.deltas.push(now - last);
      last = now;
      const scrollers = [...w.document.querySelectorAll('.board-column-scroll')].sort((a, b) => b.scrollHeight - a.scrollHeight);
      const column = scrollers[0];
      if (column) column.scrollTop = column.scrollTop + 40 >= column.scrollHeight - column.clientHeight ? 0 : column.scrollTop + 40;
      w.requestAnimationFrame(step);
    };
    w.requestAnimationFrame(step);
  });
}

export async function stopFrameProbe(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    const probe = w.__frameProbe;
    if (!probe) return [];
    probe.running = false;
    return probe.deltas;
  });
}

/**
 * Opens pool leads that have chatter from Open Leads, one after the other: the time from the card's click to
 * the chatter showing every message of the lead (`counts` by ref, from the hub's database), then back.
 */
export async function timePoolChatterOpens(page: Page, refsWithCounts: (refs: string[]) => Promise<Map<string, number>>, opens: number): Promise<number[]> {
  await openMenu(page, 'Open Leads');
  await page.waitForSelector('section.board[aria-label="Open Leads"] .card');
  const refs = await page.evaluate(() => [...(globalThis as unknown as PageGlobals).document.querySelectorAll('section.board[aria-label="Open Leads"] .card .card-ref')].map((element) => element.textContent ?? ''));
  const counts = await refsWithCounts(refs);
  const chosen = refs.filter((ref) => (counts.get(ref) ?? 0) > 0).slice(0, opens);
  if (chosen.length === 0) throw new Error('no pool lead with chatter on screen');
  const samples: number[] = [];
  for (const ref of chosen) {
    await page.waitForSelector('section.board[aria-label="Open Leads"] .card');
    const ms = await page.evaluate(
      async ([wantedRef, wantedCount]) => {
        const w = globalThis as unknown as PageGlobals;
        const card = [...w.document.querySelectorAll('section.board[aria-label="Open Leads"] .card')].find((element) => element.querySelector('.card-ref')?.textContent === wantedRef);
        if (!card) throw new Error(`card ${wantedRef} not on screen`);
        const start = performance.now();
        card.click();
        const frame = () => new Promise<void>((resolve) => w.requestAnimationFrame(() => resolve()));
        for (;;) {
          await frame();
          const count = w.document.querySelector('section.chatter h3 .count')?.textContent;
          if (count !== undefined && count !== null && Number(count) >= wantedCount) break;
          if (performance.now() - start > 20_000) throw new Error(`chatter of ${wantedRef} not shown within 20 s`);
        }
        return performance.now() - start;
      },
      [ref, counts.get(ref) ?? 0] as const,
    );
    samples.push(ms);
    await openMenu(page, 'Open Leads');
  }
  return samples;
}

/** Records the replica holds, counted with IndexedDB itself (the app's Dexie is not reachable from here). */
export async function replicaCounts(page: Page): Promise<{ leads: number; messages: number }> {
  return page.evaluate(async () => {
    const { indexedDB } = globalThis as unknown as PageGlobals;
    const names = (await indexedDB.databases()).map((info) => info.name ?? '').filter((name) => name.startsWith('crm-replica:'));
    let leads = 0;
    let messages = 0;
    for (const name of names) {
      const db = await new Promise<IdbDatabase>((resolve, reject) => {
        const request = indexedDB.open(name);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error ?? new Error('open failed'));
      });
      // Messages live in chunks of per-lead lists (history-store.ts): the lists' messages are counted.
      const chatterMessages = () =>
        new Promise<number>((resolve, reject) => {
          const request = db.transaction('chatterChunks', 'readonly').objectStore('chatterChunks').getAll();
          request.onsuccess = () => resolve((request.result as Array<{ leads: Array<{ items: unknown[] }> }>).reduce((sum, chunk) => sum + chunk.leads.reduce((inChunk, list) => inChunk + list.items.length, 0), 0));
          request.onerror = () => reject(request.error ?? new Error('getAll failed'));
        });
      // Leads live in chunk records (lead-store.ts): each head names its chunk's leads.
      const chunkedLeads = () =>
        new Promise<number>((resolve, reject) => {
          const request = db.transaction('leadHeads', 'readonly').objectStore('leadHeads').getAll();
          request.onsuccess = () => resolve((request.result as Array<{ ids: unknown[] }>).reduce((sum, head) => sum + head.ids.length, 0));
          request.onerror = () => reject(request.error ?? new Error('getAll failed'));
        });
      leads += await chunkedLeads();
      messages += await chatterMessages();
      db.close();
    }
    return { leads, messages };
  });
}
