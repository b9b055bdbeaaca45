import http from 'node:http';
import { performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import pg from 'pg';
import { withTimeLimit } from '../harness/chromium';
import { CHANGES_CHANNEL } from '../../src-hub/features/changes/change-log';
import { percentile, round } from './bench-stats';

/**
 * The path of one remote change to a workstation, stage by stage, so a regression names its stage:
 * commit (the writer's answer) → NOTIFY heard (a LISTEN of the bench's own, as the hub's) → `change` event read
 * from main's stream → main's GET /sync sent → its answer read → replica applied (main's `sync:changed`) →
 * visible in the renderer (the record read back from the page's IndexedDB).
 *
 * Every mark is a wall-clock time on this machine (`performance.timeOrigin + performance.now()`, in this
 * process and in the page alike), taken as an offset from the moment the writer sent its request.
 */
export const STAGES = ['notified', 'eventRead', 'pullSent', 'pullAnswered', 'applied', 'visible'] as const;
export type Stage = (typeof STAGES)[number];

const now = (): number => performance.timeOrigin + performance.now();

/**
 * Run in the page (a string: the Node project has no DOM types): polls every IndexedDB replica of the page
 * for the message until it is there; answers the wall-clock time it was first read, or null.
 */
const POLL_REPLICA_IN_PAGE = `async (leadId, id, limit) => {
  const names = (await indexedDB.databases()).map((db) => db.name || '').filter((name) => name && name !== 'raw-baseline');
  const open = (name) => new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
  const dbs = (await Promise.all(names.map(open))).filter((db) => db.objectStoreNames.contains('chatterChunks'));
  // Messages live in chunks of per-lead lists (history-store.ts): the heads name the chunk that holds the lead's
  // list, and only that chunk is read (as the lead form does), only when its version changed: each poll reads the
  // small heads, so the probe itself does not load the renderer while it waits.
  const seen = new Map();
  const has = (db) => new Promise((resolve) => {
    const tx = db.transaction(['chatterHeads', 'chatterChunks'], 'readonly');
    const heads = tx.objectStore('chatterHeads').getAll();
    heads.onsuccess = () => {
      const head = heads.result.find((candidate) => candidate.ids.includes(leadId));
      if (!head || seen.get(db) === head.version) return resolve(false);
      seen.set(db, head.version);
      const chunk = tx.objectStore('chatterChunks').get(head.id);
      chunk.onsuccess = () => resolve(Boolean(chunk.result?.leads.some((list) => list.id === leadId && list.items.some((message) => message.id === id))));
      chunk.onerror = () => resolve(false);
    };
    heads.onerror = () => resolve(false);
  });
  const until = performance.now() + limit;
  try {
    while (performance.now() < until) {
      for (const db of dbs) if (await has(db)) return performance.timeOrigin + performance.now();
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    return null;
  } finally {
    for (const db of dbs) db.close();
  }
}`;

export interface StageSample {
  committedMs: number;
  at: Record<Stage, number>;
}

/** One sample in the making: the first mark of each stage after `start` counts. */
class Probe {
  readonly start = now();
  committed = Number.NaN;
  readonly at: Partial<Record<Stage, number>> = {};

  mark(stage: Stage, time = now()): void {
    if (this.at[stage] === undefined && time >= this.start) this.at[stage] = time - this.start;
  }
}

/**
 * Watches main (in this process: the harness) and a hub: patches global fetch (main's event stream) and
 * node:http (main's hub client) to see the stream's events and the /sync calls, and LISTENs on the change
 * channel. `uninstall()` puts them back.
 */
export class StageClock {
  private probe: Probe | null = null;
  private readonly restore: Array<() => void> = [];
  private tap: pg.Client | null = null;

  static async install(databaseUrl: string): Promise<StageClock> {
    const clock = new StageClock();
    clock.patchFetch();
    clock.patchHttp();
    clock.tap = new pg.Client({ connectionString: databaseUrl });
    await clock.tap.connect();
    clock.tap.on('error', (error) => console.warn(`stage tap: ${error.message}`));
    clock.tap.on('notification', () => clock.probe?.mark('notified'));
    await clock.tap.query(`listen ${CHANGES_CHANNEL}`);
    return clock;
  }

  /** Starts a sample: call just before the writer's request. */
  begin(): void {
    this.probe = new Probe();
  }

  committed(): void {
    if (this.probe) this.probe.committed = now() - this.probe.start;
  }

  /** Main said `sync:changed` (its pull, with the apply, is done). */
  applied(): void {
    this.probe?.mark('applied');
  }

  /** Waits until the page's replica holds `messageId` in the lead's chatter, polling IndexedDB in the page, and marks `visible`. */
  async visible(page: Page, leadId: string, messageId: string, timeoutMs = 10_000): Promise<void> {
    const seenAt = (await page.evaluate(`(${POLL_REPLICA_IN_PAGE})(${JSON.stringify(leadId)}, ${JSON.stringify(messageId)}, ${timeoutMs})`)) as number | null;
    if (seenAt === null) throw new Error(`message ${messageId} never reached the replica`);
    this.probe?.mark('visible', seenAt);
  }

  /** The stages the current sample has reached so far. */
  seen(): string[] {
    const probe = this.probe;
    return probe ? STAGES.filter((stage) => probe.at[stage] !== undefined).map((stage) => `${stage} +${Math.round(probe.at[stage]!)} ms`) : [];
  }

  /** Ends the sample; null (with the stages never seen) when one is missing. */
  end(): StageSample | null {
    const probe = this.probe;
    this.probe = null;
    if (!probe) return null;
    const missing = STAGES.filter((stage) => probe.at[stage] === undefined);
    if (missing.length > 0) {
      console.warn(`stage sample dropped: never saw ${missing.join(', ')}`);
      return null;
    }
    const at = probe.at as Record<Stage, number>;
    return { committedMs: probe.committed, at };
  }

  async uninstall(): Promise<void> {
    for (const undo of this.restore.splice(0)) undo();
    await this.tap?.end();
  }

  private patchFetch(): void {
    const original = globalThis.fetch;
    const onChunk = (text: string) => {
      if (text.includes('event: change')) this.probe?.mark('eventRead');
    };
    globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]) => {
      const response = await original(input, init);
      if (!String(input instanceof Request ? input.url : input).endsWith('/events') || !response.body) return response;
      const decoder = new TextDecoder();
      const watched = response.body.pipeThrough(
        new TransformStream<Uint8Array, Uint8Array>({
          transform(chunk, controller) {
            onChunk(decoder.decode(chunk, { stream: true }));
            controller.enqueue(chunk);
          },
        }),
      );
      return new Response(watched, { status: response.status, statusText: response.statusText, headers: response.headers });
    }) as typeof fetch;
    this.restore.push(() => {
      globalThis.fetch = original;
    });
  }

  private patchHttp(): void {
    const original = http.request;
    const mark = (stage: Stage) => this.probe?.mark(stage);
    const patched = function (this: unknown, ...args: unknown[]): http.ClientRequest {
      const request = (original as (...a: unknown[]) => http.ClientRequest).apply(this, args);
      const first = args[0];
      const path = typeof first === 'object' && first !== null && 'path' in first ? String((first as { path: unknown }).path) : String(first);
      if (/\/api\/v1\/sync(\?|$)/.test(path)) {
        mark('pullSent');
        request.on('response', (response: http.IncomingMessage) => response.on('end', () => mark('pullAnswered')));
      }
      return request;
    };
    http.request = patched as typeof http.request;
    this.restore.push(() => {
      http.request = original;
    });
  }
}

/** p50/p95 of each stage's own time (from the previous stage's mark) and of its mark from the writer's request. */
export function stageBreakdown(samples: StageSample[]): Record<string, { p50Ms: number; p95Ms: number; atP50Ms: number; atP95Ms: number }> {
  const rows: Record<string, { p50Ms: number; p95Ms: number; atP50Ms: number; atP95Ms: number }> = {};
  const committed = samples.map((sample) => sample.committedMs);
  rows['committed'] = { p50Ms: round(percentile(committed, 50)), p95Ms: round(percentile(committed, 95)), atP50Ms: round(percentile(committed, 50)), atP95Ms: round(percentile(committed, 95)) };
  STAGES.forEach((stage, index) => {
    const previous = index === 0 ? null : STAGES[index - 1]!;
    const own = samples.map((sample) => Math.max(0, sample.at[stage] - (previous ? sample.at[previous] : 0)));
    const at = samples.map((sample) => sample.at[stage]);
    rows[stage] = { p50Ms: round(percentile(own, 50)), p95Ms: round(percentile(own, 95)), atP50Ms: round(percentile(at, 50)), atP95Ms: round(percentile(at, 95)) };
  });
  return rows;
}

export interface IncrementalOptions {
  /** The hub's API root (…/api/v1). */
  hubUrl: string;
  /** Installed before the app signed in, so that it sees main's event stream open. */
  clock: StageClock;
  /** The agent's app page (its replica is polled there). */
  page: Page;
  /** Leads of the agent the supervisor writes notes on. */
  leadIds: string[];
  changes: number;
  /** Lets the bench route main's `sync:changed` here. */
  onChanged: (listener: () => void) => void;
  /** The supervisor's bearer token. */
  token?: string;
  /** Pause between changes, so each is its own event (the hub coalesces a burst). */
  gapMs?: number;
}

/**
 * Incremental sync: `changes` notes by a supervisor on the agent's leads, one at a time; each sample is the
 * time from the note's request to main's `sync:changed`, with every stage's mark. A note not in the replica
 * within 10 s is counted in `missed` (and said with the stages it reached); a note that arrived but one of whose
 * stages the clock did not see (its own LISTEN connection can miss a notice under load) only drops its sample.
 */
export async function measureIncremental(options: IncrementalOptions): Promise<{ samples: number[]; stages: ReturnType<typeof stageBreakdown>; missed: number; droppedSamples: number }> {
  const { clock } = options;
  let changed: (() => void) | null = null;
  options.onChanged(() => {
    clock.applied();
    changed?.();
  });
  const samples: number[] = [];
  const staged: StageSample[] = [];
  let missed = 0;
  let droppedSamples = 0;
  try {
    for (let index = 0; index < options.changes; index++) {
      const appliedSeen = new Promise<void>((resolve) => (changed = resolve));
      clock.begin();
      const leadId = options.leadIds[index % options.leadIds.length] ?? '';
      const response = await fetch(`${options.hubUrl}/leads/${leadId}/notes`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.token ?? 'bench-token-supervisor'}`, 'content-type': 'application/json' },
        body: JSON.stringify({ body: `Supervisor note ${index}` }),
      });
      const note = (await response.json()) as { id: string };
      clock.committed();
      let lost = false;
      try {
        await withTimeLimit(10_000, 'incremental sync', Promise.all([appliedSeen, clock.visible(options.page, leadId, note.id)]));
      } catch (error) {
        lost = true;
        missed++;
        // Said with the stages it got through, so a lost change names where it was lost; the run goes on.
        console.warn(`note ${index} (message ${note.id}): ${error instanceof Error ? error.message : String(error)}; stages seen: ${clock.seen().join(', ') || 'none'}`);
      }
      const sample = clock.end();
      if (sample) {
        staged.push(sample);
        samples.push(sample.at.applied);
      } else if (!lost) droppedSamples++;
      await new Promise((resolve) => setTimeout(resolve, options.gapMs ?? 60));
    }
  } finally {
    changed = null;
  }
  return { samples, stages: stageBreakdown(staged), missed, droppedSamples };
}
