import { performance } from 'node:perf_hooks';
import type { ChildProcess } from 'node:child_process';
import { CONTENT_SECURITY_POLICY } from '../../src-main/security/content-security-policy';
import { openApp } from '../harness/app-harness';
import { ensureRendererBuilt, RENDERER_OUT } from '../harness/build-renderer';
import { benchStacksUnmapped, launchChromium, withTimeLimit } from '../harness/chromium';
import { serveRenderer } from '../harness/static-server';
import { benchDatabase } from './bench-postgres';
import { percentile, round, writeResults } from './bench-stats';
import { startHubProcess } from './hub-process';
import { BENCH_PASSWORD, benchToken } from './hub-seed';
import { openStreams, rssMb, seedFloor, type Floor, type FloorStream, type FloorUser } from './live-floor';
import { measureIncremental, StageClock } from './live-stages';

/**
 * `npm run bench:live`: a live floor. 2,000 workstations hold `GET /events` open as plain HTTP clients (agents,
 * each seeing their own leads and the pool; a few supervisors seeing everything) on one hub process, then on two
 * hub processes sharing one PostgreSQL (1,000 each). Claims (every stream may see them) and reassignments (the two
 * agents and the supervisors may) are timed from the request to each stream that may see them; any agent stream
 * woken by a change it may not see counts as a wrong wakeup. Alongside, a real replica in Chromium times a
 * supervisor's notes to its agent stage by stage. Writes test/bench/results/live.json.
 */
const STREAMS = Number(process.env['LIVE_STREAMS'] ?? 2_000);
const SUPERVISORS = 5;
const CLAIMS = 10;
const REASSIGNMENTS = 20;
const NOTES = 30;
/** Longer than the hub's coalescing window: a late (coalesced) event still lands in its own action's window. */
const SETTLE_MS = 250;

interface Action {
  name: 'claim' | 'reassign';
  run: () => Promise<Response>;
  /** Logins of the streams that may see it. */
  audience: Set<string>;
}

interface RoundResult {
  latencies: number[];
  wrongWakeups: number;
  missed: number;
  byKind: Record<string, number[]>;
}

function actions(floor: Floor, apiUrl: string, round: number): Action[] {
  const supervisors = floor.supervisors.map((user) => user.login);
  const claims: Action[] = [];
  const reassignments: Action[] = [];
  const post = (path: string, login: string, body: unknown) => () =>
    fetch(`${apiUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${benchToken(login)}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const everyone = new Set([...floor.agents, ...floor.supervisors].map((user) => user.login));
  for (let index = 0; index < CLAIMS; index++) {
    const claimer = floor.agents[(index * 197) % floor.agents.length]!;
    const leadId = floor.poolLeadIds.pop();
    if (!leadId) throw new Error('the pool ran dry');
    claims.push({ name: 'claim', run: post(`/leads/${leadId}/claim`, claimer.login, {}), audience: everyone });
  }
  for (let index = 0; index < REASSIGNMENTS; index++) {
    const from = floor.agents[(index * 389 + round * 131 + 7) % floor.agents.length]!;
    const to = floor.agents[(index * 389 + round * 131 + 11) % floor.agents.length]!;
    const leadId = floor.held.get(from.id)?.pop();
    if (!leadId || from.id === to.id) continue;
    floor.held.set(to.id, [...(floor.held.get(to.id) ?? []), leadId]);
    reassignments.push({ name: 'reassign', run: post(`/leads/${leadId}/assign`, supervisors[0]!, { userId: to.id }), audience: new Set([from.login, to.login, ...supervisors]) });
  }
  // Interleaved: a claim, then two reassignments, …
  return claims.flatMap((claim, index) => [claim, ...reassignments.slice(2 * index, 2 * index + 2)]);
}

/** Runs the actions one at a time: each until every stream that may see it heard it (or 5 s), then a settle. */
async function runActions(list: Action[], streams: FloorStream[]): Promise<RoundResult> {
  const result: RoundResult = { latencies: [], wrongWakeups: 0, missed: 0, byKind: {} };
  for (const action of list) {
    const marks = streams.map((stream) => stream.heard.length);
    const start = performance.now();
    const response = await action.run();
    if (!response.ok) throw new Error(`${action.name} answered ${response.status}: ${await response.text()}`);
    await response.arrayBuffer();
    const expected = streams.flatMap((stream, index) => (action.audience.has(stream.user.login) ? [index] : []));
    const deadline = performance.now() + 5_000;
    while (expected.some((index) => streams[index]!.heard.length <= marks[index]!) && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    streams.forEach((stream, index) => {
      const fresh = stream.heard.slice(marks[index]);
      if (action.audience.has(stream.user.login)) {
        const first = fresh[0];
        if (first === undefined) result.missed++;
        else {
          result.latencies.push(first - start);
          (result.byKind[action.name] ??= []).push(first - start);
        }
      } else if (fresh.length > 0) result.wrongWakeups++;
    });
  }
  return result;
}

/** Agent streams (not supervisors) that heard anything while `work` ran: it concerns none of them. */
async function wrongWhile(streams: FloorStream[], work: () => Promise<void>): Promise<number> {
  const marks = streams.map((stream) => stream.heard.length);
  await work();
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  return streams.filter((stream, index) => stream.user.role === 'agent' && stream.heard.length > marks[index]!).length;
}

async function main(): Promise<void> {
  benchStacksUnmapped();
  await ensureRendererBuilt();
  const db = await benchDatabase();
  const hubs: Array<{ url: string; child: ChildProcess }> = [];
  const browser = await launchChromium();
  const renderer = await serveRenderer(RENDERER_OUT, CONTENT_SECURITY_POLICY);
  let streams: FloorStream[] = [];
  try {
    hubs.push(await startHubProcess(db.url));
    const floor = await seedFloor(db.url, { agents: STREAMS - SUPERVISORS, supervisors: SUPERVISORS, pool: 2 * CLAIMS + 5, replicaLeads: 50 });
    const users: FloorUser[] = [...floor.supervisors, ...floor.agents];
    const hubA = hubs[0]!;
    console.log(`seeded ${users.length} workstations`);

    // One hub: the real replica first (its sign-in syncs), then the 2,000 streams.
    let onChanged: () => void = () => undefined;
    const clock = await StageClock.install(db.url);
    const app = await openApp({ browser, rendererOrigin: renderer.origin, onEmit: (event) => event === 'sync:changed' && onChanged() });
    await app.page.waitForSelector('form[aria-label="Sign in"]');
    await app.page.getByLabel('Hub address').fill(hubA.url.replace(/\/api\/v1$/, ''));
    await app.page.getByLabel('Login').fill(floor.replicaAgent.login);
    await app.page.getByLabel('Password').fill(BENCH_PASSWORD);
    await app.page.getByRole('button', { name: 'Sign in' }).click();
    await withTimeLimit(60_000, 'replica sign-in', app.page.getByRole('status', { name: /Hub connection: Online/ }).waitFor());

    const rssBefore = rssMb(hubA.child.pid!);
    const opening = performance.now();
    streams = await openStreams(() => hubA.url, users);
    const openMs = performance.now() - opening;
    const rssOpen = rssMb(hubA.child.pid!);
    console.log(`one hub: ${streams.length} streams open in ${round(openMs / 1000, 1)} s; hub RSS ${round(rssBefore)} → ${round(rssOpen)} MB`);

    const one = await runActions(actions(floor, hubA.url, 0), streams);
    let incremental: Awaited<ReturnType<typeof measureIncremental>> | undefined;
    const noteWrong = await wrongWhile(streams, async () => {
      incremental = await measureIncremental({
        hubUrl: hubA.url,
        clock,
        page: app.page,
        leadIds: floor.replicaLeadIds,
        changes: NOTES,
        token: benchToken(floor.supervisors[0]!.login),
        onChanged: (listener) => (onChanged = listener),
      });
    });
    const rssAfter = rssMb(hubA.child.pid!);
    await app.close();
    await clock.uninstall();
    for (const stream of streams) stream.close();
    streams = [];
    if (!incremental) throw new Error('no incremental figures');

    // Two hubs on one PostgreSQL, half the streams each; the writes go through the first.
    hubs.push(await startHubProcess(db.url));
    const hubB = hubs[1]!;
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the first hub's closed streams are gone
    const rssTwoBefore = [rssMb(hubA.child.pid!), rssMb(hubB.child.pid!)];
    streams = await openStreams((index) => (index % 2 === 0 ? hubA.url : hubB.url), users);
    const rssTwoOpen = [rssMb(hubA.child.pid!), rssMb(hubB.child.pid!)];
    const two = await runActions(actions(floor, hubA.url, 1), streams);
    for (const stream of streams) stream.close();
    streams = [];

    const figures = (result: RoundResult) => ({
      fanoutP50Ms: round(percentile(result.latencies, 50)),
      fanoutP95Ms: round(percentile(result.latencies, 95)),
      claimP95Ms: round(percentile(result.byKind['claim'] ?? [], 95)),
      reassignP95Ms: round(percentile(result.byKind['reassign'] ?? [], 95)),
      deliveries: result.latencies.length,
      missed: result.missed,
      wrongWakeups: result.wrongWakeups,
    });
    const perThousand = (before: number, open: number, count: number) => round(((open - before) / count) * 1000, 1);
    const oneHub = { hubs: 1, streams: users.length, ...figures(one), wrongWakeups: one.wrongWakeups + noteWrong, hubRssMb: round(rssAfter), hubRssMbPerThousandStreams: perThousand(rssBefore, rssOpen, users.length), streamsOpenS: round(openMs / 1000, 1) };
    const twoHubs = {
      hubs: 2,
      streams: users.length,
      ...figures(two),
      hubRssMb: rssTwoOpen.map((value) => round(value)),
      hubRssMbPerThousandStreams: perThousand(rssTwoBefore[0]! + rssTwoBefore[1]!, rssTwoOpen[0]! + rssTwoOpen[1]!, users.length),
    };
    const results = {
      streams: oneHub.streams,
      hubs: 1,
      fanoutP50Ms: oneHub.fanoutP50Ms,
      fanoutP95Ms: oneHub.fanoutP95Ms,
      wrongWakeups: oneHub.wrongWakeups + twoHubs.wrongWakeups,
      hubRssMbPerThousandStreams: oneHub.hubRssMbPerThousandStreams,
      incrementalP50Ms: round(percentile(incremental.samples, 50)),
      incrementalP95Ms: round(percentile(incremental.samples, 95)),
      incrementalStages: incremental.stages,
      incrementalMissed: incremental.missed,
      incrementalDroppedSamples: incremental.droppedSamples,
      oneHub,
      twoHubs,
    };
    console.table({ oneHub, twoHubs });
    console.table(incremental.stages);
    writeResults('test/bench/results/live.json', results);
  } finally {
    for (const stream of streams) stream.close();
    await browser.close();
    await renderer.close();
    for (const hub of hubs) hub.child.kill('SIGTERM');
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
