import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { hubCommand } from '../harness/built-hub';
import { benchDatabase } from './bench-postgres';
import { cpuSince, type CpuSplit } from './cpu-accounting';
import { BENCH_AGENTS, POOL_EVERY, SYNC_AGENT_LEADS, benchToken, seedMillion } from './hub-seed';

/**
 * Where a claim's time goes (a probe, not a bench of record): the hub on PostgreSQL with few leads, the bare
 * conditional UPDATE, the claim over HTTP, an authenticated no-op request (`GET /me`) and `/healthz`, each with
 * the CPU it cost per request in the load generator, the hub and PostgreSQL. `PROBE_PHASES=claim,me` runs only the
 * rows whose names hold one of those words. `HUB_NODE_ARGS` go to the hub's
 * node (`--cpu-prof --cpu-prof-dir=…` for a profile, written when the hub stops). PROBE_DATABASE_URL: a database
 * seeded before (its pool leads are returned to the pool first) instead of a new one.
 */
const LEADS = Number(process.env['BENCH_LEADS'] ?? 100_000);
const N = Number(process.env['PROBE_REQUESTS'] ?? 3_000);
const CLIENTS = 32;
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function send(url: string, method: 'GET' | 'POST', token: string | null): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-length': 0 };
    if (token) headers['authorization'] = `Bearer ${token}`;
    const req = request(url, { method, agent, headers }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });
}

async function run<T>(items: readonly T[], work: (item: T, worker: number) => Promise<boolean>): Promise<{ perSec: number; failures: number }> {
  let next = 0;
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_unused, worker) => {
      for (;;) {
        const item = items[next++];
        if (item === undefined) return;
        if (!(await work(item, worker))) failures++;
      }
    }),
  );
  return { perSec: items.length / ((performance.now() - start) / 1000), failures };
}

async function main(): Promise<void> {
  // PROBE_DATABASE_URL: a database seeded before (hub-seed.ts), its pool leads returned to the pool first.
  const given = process.env['PROBE_DATABASE_URL'];
  const db = given ? { url: given, stop: async () => undefined } : await benchDatabase();
  let child: ChildProcess | undefined;
  try {
    // PROBE_HUB_BUNDLE: another build of the hub (an older commit's), to compare on the same database.
    const bundle = process.env['PROBE_HUB_BUNDLE'];
    const { command, args } = bundle ? { command: process.execPath, args: [bundle, 'serve', '--port', '0'] } : hubCommand(['serve', '--port', '0']);
    const nodeArgs = (process.env['HUB_NODE_ARGS'] ?? '').split(' ').filter(Boolean);
    child = spawn(command, [...nodeArgs, ...args], { env: { ...process.env, DATABASE_URL: db.url, HUB_SECRET: 'bench secret for the claims probe' }, stdio: ['ignore', 'pipe', 'inherit'] });
    const base = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (chunk: Buffer) => {
        const match = /listening on (\S+)/.exec(chunk.toString());
        if (match?.[1]) resolve(match[1]);
      });
      child?.once('exit', (code) => reject(new Error(`hub exited with ${code}`)));
    });
    const api = `${base}/api/v1`;
    if (given) {
      const reset = new pg.Client({ connectionString: given });
      await reset.connect();
      await reset.query(`update leads set user_id = null, claimed_at = null where id % ${POOL_EVERY} = 0 and id <= (select max(id) from leads) - ${SYNC_AGENT_LEADS} and user_id is not null`);
      await reset.end();
    } else await seedMillion(db.url, LEADS);
    const database = new URL(db.url).pathname.slice(1);
    const pool = new pg.Pool({ connectionString: db.url, max: 20 });
    const agentIds = (await pool.query<{ id: string }>(`select id from users where login like 'agent%' order by id limit ${CLIENTS}`)).rows.map((row) => row.id);
    const leads = (await pool.query<{ id: string }>(`select id from leads where user_id is null and not closed order by id limit ${3 * N}`)).rows.map((row) => row.id);
    const token = (worker: number) => benchToken(`agent${1 + (worker % BENCH_AGENTS)}`);
    const indices = Array.from({ length: N }, (_unused, index) => index);
    await run(indices, async (_index, worker) => (await send(`${api}/me`, 'GET', token(worker))) === 200); // warm
    const phases: Array<[string, () => Promise<{ perSec: number; failures: number }>]> = [
      ['bare UPDATE (pg pool)', () => run(leads.slice(0, N), async (id, worker) => (await pool.query('update leads set user_id = $2 where id = $1 and user_id is null', [id, agentIds[worker % agentIds.length]])).rowCount === 1)],
      ['claim (HTTP)', () => run(leads.slice(N, 2 * N), async (id, worker) => (await send(`${api}/leads/${id}/claim`, 'POST', token(worker))) === 200)],
      ['GET /me (HTTP, authenticated)', () => run(indices, async (_index, worker) => (await send(`${api}/me`, 'GET', token(worker))) === 200)],
      ['GET /healthz (HTTP, no database)', () => run(indices, async () => (await send(`${base}/healthz`, 'GET', null)) === 200)],
    ];
    const table: Record<string, { perSec: number; failures: number } & Partial<Record<keyof CpuSplit, number>>> = {};
    const only = process.env['PROBE_PHASES']?.split(',');
    for (const [name, phase] of phases.filter(([name]) => !only || only.some((word) => name.includes(word)))) {
      console.log(`phase ${name} starts (hub pid ${child.pid})`);
      const cpu = cpuSince(child.pid, database);
      const result = await phase();
      const split = cpu.stop();
      const per = (ms: number | undefined) => (ms === undefined ? undefined : Math.round((ms / N) * 1000)); // µs per request
      table[name] = {
        perSec: Math.round(result.perSec),
        failures: result.failures,
        ...(split
          ? { loadGeneratorMs: per(split.loadGeneratorMs), hubMs: per(split.hubMs), postgresMs: per(split.postgresMs), hubSyscalls: Math.round((split.hubSyscalls / N) * 10) / 10 }
          : {}),
      };
    }
    console.log(`\n${N} requests per row, ${CLIENTS} clients; CPU columns are µs per request (load generator, hub, PostgreSQL), hubSyscalls per request:`);
    console.table(table);
    await pool.end();
  } finally {
    if (child) {
      const exited = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await db.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
