import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { percentile, round } from './bench-stats';
import { CLAIM_LEADS_SQL, claimLeadsParams } from '../../src-hub/features/leads/claim-batch';
import { cpuSince, type CpuSplit } from './cpu-accounting';
import { BENCH_AGENTS, benchToken, seedBurstAgents } from './hub-seed';

/**
 * Claims against the database's own floor, in the same run: `bareUpdatePerSec` is the bare conditional
 * `UPDATE leads SET user_id = $2 WHERE id = $1 AND user_id IS NULL` on the same table, through a pg pool of the
 * hub's size (open-database.ts: 20) with the same number of concurrent clients, on distinct pool leads; the
 * claims go over HTTP to the hub. The rounds alternate (bare, claims, bare, claims, …) so a neighbour's load on
 * this shared machine falls on both. The hub writes the claims of a moment as one statement (claim-batch.ts);
 * `claimsPerStatement` is how many it put in each, read back from the change log (one transaction id per
 * statement). `claimStatementPerSec` is the claim's own statement (CLAIM_LEADS_SQL: the update, its tracking
 * message and two change rows) one claim per statement, prepared as the hub prepares it, through that pool in the
 * same rounds: what claims would cost the database one request at a time, writing four rows where the bare UPDATE
 * writes one. `clientFloorPerSec` is what the load generator itself can do: the same
 * clients and keep-alive agent against `/healthz` (no database). `authNoopPerSec` is an authenticated request
 * that does nothing (`GET /me`, the same clients and agents' tokens) in the same rounds: HTTP, the session and
 * the request log on these shared cores. Where the cores are the limit, costs per request add up, so
 * `claimFloorPerSec` = 1 / (1 / authNoopPerSec + 1 / claimStatementPerSec) is what claims over HTTP reach if
 * each request ran its own statement and the hub did nothing else (claims sharing statements may pass it);
 * `bareOverHttpFloorPerSec` = 1 / (1 / authNoopPerSec + 1 / bareUpdatePerSec) is the bare UPDATE itself behind
 * an authenticated request: the price of HTTP on these cores, whatever the claim writes.
 * `claimBatchesInTurnPerSec` is the hub's claim design without the hub: the claim statement with SERIAL_BATCH claims
 * each (about what the hub puts in one on this load), one statement after another on one connection, each in a
 * transaction rolled back (the round's claim leads, before they are claimed over HTTP): the hub writes one claim
 * statement at a time (claim-batch.ts), so this is as fast as its claims can go, whatever HTTP costs.
 * Every path runs untimed on its own leads first (WARM), so none is timed while its code is being compiled.
 * `cpuPerOperationUs` splits each operation's CPU between this process (the load generator), the hub process
 * and the PostgreSQL processes of the bench's database (Linux /proc): where a claim's cost goes.
 *
 * Then the morning burst: 1,000 agents, each already connected (a keep-alive connection of its own, as the
 * signed-in app holds), claim 1,000 distinct leads at once (p99 from the common start), and 100 shared leads
 * each claimed by 10 of them at once (exactly one winner each).
 */
const HUB_POOL_SIZE = 20;
const CLIENTS = 32;
const ROUNDS = 3;
const CLAIMS = Number(process.env['BENCH_CLAIMS'] ?? 2_400);
const BURST = 1_000;
const SHARED_LEADS = 100;
const CLAIMERS_PER_SHARED = 10;
/** Claims a statement in the serial ceiling (claimBatchesInTurnPerSec): about the hub's own on this load. */
const SERIAL_BATCH = 15;
/** Leads per path claimed before the timed rounds, untimed. */
const WARM = 100;

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** A bodiless request over a keep-alive connection: the load generator must cost less than the hub it measures. */
function send(url: string, method: 'GET' | 'POST', token: string | null, via: Agent = agent): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-length': 0 };
    if (token) headers['authorization'] = `Bearer ${token}`;
    const req = request(url, { method, agent: via, headers }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
    });
    req.once('error', reject);
    req.end();
  });
}

/** CPU per operation (µs) of the load generator, the hub and PostgreSQL, summed over the rounds; null without /proc. */
type CpuPerOperation = Record<'loadGenerator' | 'hub' | 'postgres', number> | null;

/** `work` over `items` with `clients` concurrent workers; answers items per second, the failures and the CPU spent. */
async function perSecond<T>(
  items: readonly T[],
  clients: number,
  work: (item: T, worker: number) => Promise<boolean>,
  cpu?: { hubPid: number | undefined; database: string },
): Promise<{ perSec: number; failures: number; ms: number; cpu: CpuSplit | null }> {
  let next = 0;
  let failures = 0;
  const counting = cpu ? cpuSince(cpu.hubPid, cpu.database) : null;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_unused, worker) => {
      for (;;) {
        const item = items[next++];
        if (item === undefined) return;
        if (!(await work(item, worker))) failures++;
      }
    }),
  );
  const ms = performance.now() - start;
  return { perSec: items.length / (ms / 1000), failures, ms, cpu: counting?.stop() ?? null };
}

function addCpu(total: CpuSplit | null, more: CpuSplit | null): CpuSplit | null {
  if (!more) return total;
  if (!total) return more;
  return {
    loadGeneratorMs: total.loadGeneratorMs + more.loadGeneratorMs,
    hubMs: total.hubMs + more.hubMs,
    postgresMs: total.postgresMs + more.postgresMs,
    hubSyscalls: total.hubSyscalls + more.hubSyscalls,
  };
}

function perOperation(cpu: CpuSplit | null, operations: number): CpuPerOperation {
  if (!cpu) return null;
  const us = (ms: number) => Math.round((ms / operations) * 1000);
  return { loadGenerator: us(cpu.loadGeneratorMs), hub: us(cpu.hubMs), postgres: us(cpu.postgresMs) };
}

export interface ClaimFigures {
  claims: number;
  claimClients: number;
  hubPoolSize: number;
  claimsPerSec: number;
  bareUpdatePerSec: number;
  claimsToBareUpdate: number;
  clientFloorPerSec: number;
  authNoopPerSec: number;
  claimFloorPerSec: number;
  claimFloorToBareUpdate: number;
  claimsToFloor: number;
  bareOverHttpFloorPerSec: number;
  bareOverHttpFloorToBareUpdate: number;
  /** Claims per claim statement in the timed rounds (the hub writes the claims of a moment together). */
  claimsPerStatement: number;
  claimFailures: number;
  claimStatementPerSec: number;
  claimStatementToBareUpdate: number;
  claimStatementBurstP99Ms: number;
  /** The claim statement SERIAL_BATCH claims at a time, one statement after another on one connection: the design's ceiling. */
  claimBatchesInTurnPerSec: number;
  claimBatchesInTurnToBareUpdate: number;
  claimsToBatchesInTurn: number;
  claimRounds: Array<{ bareUpdatePerSec: number; claimsPerSec: number; claimStatementPerSec: number; authNoopPerSec: number; claimBatchesInTurnPerSec: number }>;
  /** Where each operation's CPU went (µs per operation, summed over the rounds): the load generator, the hub, PostgreSQL. */
  cpuPerOperationUs: Record<'bareUpdate' | 'claim' | 'claimStatement' | 'authNoop', CpuPerOperation>;
  claimBurstAgents: number;
  claimBurstP50Ms: number;
  claimBurstP99Ms: number;
  claimBurstMaxMs: number;
  claimBurstFailures: number;
  sharedLeads: number;
  sharedLeadsWithOneWinner: number;
  /** Shared leads the database shows held after the burst (each must be, by exactly its one winner). */
  sharedLeadsHeld: number;
  sharedClaimP99Ms: number;
}

/** The hub process's id gives the CPU split (cpu-accounting.ts). */
export async function measureClaims(hubUrl: string, databaseUrl: string, hubPid?: number): Promise<ClaimFigures> {
  const burstUsers = await seedBurstAgents(databaseUrl, BURST);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: HUB_POOL_SIZE });
  try {
    const agentIds = (await pool.query<{ id: string }>(`select id from users where login like 'agent%' order by id limit ${CLIENTS}`)).rows.map((row) => row.id);
    const needed = 3 * CLAIMS + 2 * BURST + SHARED_LEADS + 3 * WARM;
    const leads = (await pool.query<{ id: string }>(`select id from leads where user_id is null and not closed order by id limit ${needed}`)).rows.map((row) => row.id);
    if (leads.length < needed) throw new Error(`the seed has ${leads.length} pool leads; the claims bench needs ${needed} (BENCH_CLAIMS=${CLAIMS})`);
    const perRound = Math.floor(CLAIMS / ROUNDS);
    const bareLeads = leads.slice(0, CLAIMS);
    const claimLeads = leads.slice(CLAIMS, 2 * CLAIMS);
    const statementLeads = leads.slice(2 * CLAIMS, 3 * CLAIMS);
    const burstLeads = leads.slice(3 * CLAIMS, 3 * CLAIMS + BURST);
    const statementBurstLeads = leads.slice(3 * CLAIMS + BURST, 3 * CLAIMS + 2 * BURST);
    const sharedLeads = leads.slice(3 * CLAIMS + 2 * BURST, 3 * CLAIMS + 2 * BURST + SHARED_LEADS);
    const warmLeads = leads.slice(3 * CLAIMS + 2 * BURST + SHARED_LEADS);
    const cpu = { hubPid, database: new URL(databaseUrl).pathname.slice(1) };
    const claimRequest = (id: string, userId: string | undefined) => ({ leadId: id, userId: userId ?? '', at: new Date(), body: 'Assigned Agent: None → Bench', tracking: '[]' });
    const claimStatement = (id: string, userId: string | undefined) =>
      pool.query({ name: 'claim_leads', text: CLAIM_LEADS_SQL, values: claimLeadsParams([claimRequest(id, userId)]) });
    /** These leads claimed SERIAL_BATCH to a statement, in turn on one connection, each statement rolled back: claims a second. */
    const batchesInTurn = async (ids: readonly string[]): Promise<number> => {
      const client = await pool.connect();
      try {
        const start = performance.now();
        for (let from = 0; from < ids.length; from += SERIAL_BATCH) {
          const requests = ids.slice(from, from + SERIAL_BATCH).map((id, index) => claimRequest(id, agentIds[(from + index) % agentIds.length]));
          await client.query('begin');
          await client.query({ name: 'claim_leads', text: CLAIM_LEADS_SQL, values: claimLeadsParams(requests) });
          await client.query('rollback');
        }
        return ids.length / ((performance.now() - start) / 1000);
      } finally {
        client.release();
      }
    };

    const health = `${hubUrl.replace(/\/api\/v1$/, '')}/healthz`;
    await perSecond(Array.from({ length: 500 }, (_unused, index) => index), CLIENTS, async () => (await send(health, 'GET', null)) === 200); // warm
    const clientFloor = await perSecond(Array.from({ length: perRound }, (_unused, index) => index), CLIENTS, async () => (await send(health, 'GET', null)) === 200);

    const bareUpdate = async (id: string, worker: number) =>
      (await pool.query('update leads set user_id = $2 where id = $1 and user_id is null', [id, agentIds[worker % agentIds.length]])).rowCount === 1;
    const claimOverHttp = async (id: string, worker: number) => (await send(`${hubUrl}/leads/${id}/claim`, 'POST', benchToken(`agent${1 + (worker % BENCH_AGENTS)}`))) === 200;
    const statementOnly = async (id: string, worker: number) => (await claimStatement(id, agentIds[worker % agentIds.length])).rowCount === 1;
    const authNoop = async (_id: string, worker: number) => (await send(`${hubUrl}/me`, 'GET', benchToken(`agent${1 + (worker % BENCH_AGENTS)}`))) === 200;
    // Untimed, so that no side is measured while its code is still being compiled (the hub's claim path is
    // otherwise first run in the first timed round).
    // first, while these leads are free (its statements are rolled back)
    await batchesInTurn(warmLeads.slice(0, WARM));
    await perSecond(warmLeads.slice(0, WARM), CLIENTS, bareUpdate);
    await perSecond(warmLeads.slice(WARM, 2 * WARM), CLIENTS, claimOverHttp);
    await perSecond(warmLeads.slice(2 * WARM), CLIENTS, statementOnly);
    await perSecond(warmLeads.slice(0, WARM), CLIENTS, authNoop);

    // the change log's last entry before the timed claims: only theirs are counted per statement
    const seqBefore = (await pool.query<{ seq: string }>('select coalesce(max(seq), 0) as seq from changes')).rows[0]?.seq ?? '0';
    const rounds: ClaimFigures['claimRounds'] = [];
    let bareCpu: CpuSplit | null = null;
    let claimCpu: CpuSplit | null = null;
    let statementCpu: CpuSplit | null = null;
    let noopCpu: CpuSplit | null = null;
    let bareMs = 0;
    let claimMs = 0;
    let statementMs = 0;
    let noopMs = 0;
    let inTurnMs = 0;
    let failures = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const slice = (ids: string[]) => ids.slice(round * perRound, (round + 1) * perRound);
      const bare = await perSecond(slice(bareLeads), CLIENTS, bareUpdate, cpu);
      // before the claims over HTTP, on their leads: every statement is rolled back
      const inTurn = await batchesInTurn(slice(claimLeads));
      const claimed = await perSecond(slice(claimLeads), CLIENTS, claimOverHttp, cpu);
      const statement = await perSecond(slice(statementLeads), CLIENTS, statementOnly, cpu);
      const noop = await perSecond(slice(claimLeads), CLIENTS, authNoop, cpu);
      bareCpu = addCpu(bareCpu, bare.cpu);
      claimCpu = addCpu(claimCpu, claimed.cpu);
      statementCpu = addCpu(statementCpu, statement.cpu);
      noopCpu = addCpu(noopCpu, noop.cpu);
      bareMs += bare.ms;
      claimMs += claimed.ms;
      statementMs += statement.ms;
      noopMs += noop.ms;
      inTurnMs += (perRound / inTurn) * 1000;
      failures += bare.failures + claimed.failures + statement.failures + noop.failures;
      rounds.push({
        bareUpdatePerSec: Math.round(bare.perSec),
        claimsPerSec: Math.round(claimed.perSec),
        claimStatementPerSec: Math.round(statement.perSec),
        authNoopPerSec: Math.round(noop.perSec),
        claimBatchesInTurnPerSec: Math.round(inTurn),
      });
    }
    const total = perRound * ROUNDS;
    const bareUpdatePerSec = total / (bareMs / 1000);
    const claimsPerSec = total / (claimMs / 1000);
    const claimStatementPerSec = total / (statementMs / 1000);
    const authNoopPerSec = total / (noopMs / 1000);
    const claimBatchesInTurnPerSec = total / (inTurnMs / 1000);
    const claimFloorPerSec = 1 / (1 / authNoopPerSec + 1 / claimStatementPerSec);
    const bareOverHttpFloorPerSec = 1 / (1 / authNoopPerSec + 1 / bareUpdatePerSec);
    const timedClaims = claimLeads.slice(0, total);
    const statements = (
      await pool.query<{ claims: string; statements: string }>(
        `select count(*) as claims, count(distinct xid) as statements from changes where entity = 'lead' and lead_id = any($1::bigint[]) and seq > $2`,
        [timedClaims, seqBefore],
      )
    ).rows[0];

    // The burst's database floor: the same 1,000 claim statements at once through the pool, no HTTP.
    const statementBurstStart = performance.now();
    const statementBurstMs = await Promise.all(
      statementBurstLeads.map(async (id, index) => {
        await claimStatement(id, agentIds[index % agentIds.length]);
        return performance.now() - statementBurstStart;
      }),
    );

    // The morning: every agent's app already holds its connection to the hub.
    const connections = burstUsers.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
    await Promise.all(connections.map((connection) => send(health, 'GET', null, connection)));
    const burstStart = performance.now();
    const burst = await Promise.all(
      burstLeads.map(async (id, index) => {
        const status = await send(`${hubUrl}/leads/${id}/claim`, 'POST', benchToken(burstUsers[index] ?? ''), connections[index]);
        return { status, ms: performance.now() - burstStart };
      }),
    );
    const sharedStart = performance.now();
    const shared = await Promise.all(
      sharedLeads.flatMap((id, lead) =>
        Array.from({ length: CLAIMERS_PER_SHARED }, async (_unused, claimer) => {
          const index = (lead * CLAIMERS_PER_SHARED + claimer) % burstUsers.length;
          const status = await send(`${hubUrl}/leads/${id}/claim`, 'POST', benchToken(burstUsers[index] ?? ''), connections[index]);
          return { id, status, ms: performance.now() - sharedStart };
        }),
      ),
    );
    for (const connection of connections) connection.destroy();
    const winners = new Map<string, number>();
    for (const answer of shared) if (answer.status === 200) winners.set(answer.id, (winners.get(answer.id) ?? 0) + 1);
    const holders = (await pool.query<{ id: string }>('select id from leads where id = any($1::bigint[]) and user_id is not null', [sharedLeads])).rows.length;
    const burstMs = burst.map((answer) => answer.ms);
    return {
      claims: total,
      claimClients: CLIENTS,
      hubPoolSize: HUB_POOL_SIZE,
      claimsPerSec: Math.round(claimsPerSec),
      bareUpdatePerSec: Math.round(bareUpdatePerSec),
      claimsToBareUpdate: round(claimsPerSec / bareUpdatePerSec, 2),
      claimStatementPerSec: Math.round(claimStatementPerSec),
      claimStatementToBareUpdate: round(claimStatementPerSec / bareUpdatePerSec, 2),
      claimStatementBurstP99Ms: round(percentile(statementBurstMs, 99)),
      claimBatchesInTurnPerSec: Math.round(claimBatchesInTurnPerSec),
      claimBatchesInTurnToBareUpdate: round(claimBatchesInTurnPerSec / bareUpdatePerSec, 2),
      claimsToBatchesInTurn: round(claimsPerSec / claimBatchesInTurnPerSec, 2),
      clientFloorPerSec: Math.round(clientFloor.perSec),
      authNoopPerSec: Math.round(authNoopPerSec),
      claimFloorPerSec: Math.round(claimFloorPerSec),
      claimFloorToBareUpdate: round(claimFloorPerSec / bareUpdatePerSec, 2),
      claimsToFloor: round(claimsPerSec / claimFloorPerSec, 2),
      bareOverHttpFloorPerSec: Math.round(bareOverHttpFloorPerSec),
      bareOverHttpFloorToBareUpdate: round(bareOverHttpFloorPerSec / bareUpdatePerSec, 2),
      claimsPerStatement: round(Number(statements?.claims) / Math.max(1, Number(statements?.statements)), 1),
      claimFailures: failures,
      claimRounds: rounds,
      cpuPerOperationUs: {
        bareUpdate: perOperation(bareCpu, total),
        claim: perOperation(claimCpu, total),
        claimStatement: perOperation(statementCpu, total),
        authNoop: perOperation(noopCpu, total),
      },
      claimBurstAgents: burst.length,
      claimBurstP50Ms: round(percentile(burstMs, 50)),
      claimBurstP99Ms: round(percentile(burstMs, 99)),
      claimBurstMaxMs: round(Math.max(...burstMs)),
      claimBurstFailures: burst.filter((answer) => answer.status !== 200).length,
      sharedLeads: sharedLeads.length,
      sharedLeadsWithOneWinner: sharedLeads.filter((id) => winners.get(id) === 1).length,
      sharedLeadsHeld: holders,
      sharedClaimP99Ms: round(percentile(shared.map((answer) => answer.ms), 99)),
    };
  } finally {
    await pool.end();
  }
}

export function printClaims(figures: ClaimFigures): void {
  console.log(
    `\nclaims: ${figures.claims} distinct leads, ${figures.claimClients} clients, ${ROUNDS} alternating rounds → ${figures.claimsPerSec}/s over HTTP ` +
      `against ${figures.bareUpdatePerSec}/s bare conditional UPDATEs through a pg pool of ${figures.hubPoolSize} (${Math.round(figures.claimsToBareUpdate * 100)} %, goal ≥ 80 %); ` +
      `the hub wrote ${figures.claimsPerStatement} claims per statement; ${figures.claimFailures} failures`,
  );
  console.log(
    `floors in the same rounds: the claim's statement one claim at a time through the pool ${figures.claimStatementPerSec}/s (${Math.round(figures.claimStatementToBareUpdate * 100)} % of the bare UPDATE); ` +
      `an authenticated no-op request (GET /me) ${figures.authNoopPerSec}/s; the load generator alone ${figures.clientFloorPerSec} requests/s to /healthz`,
  );
  console.log(
    `on these cores, one statement per request: no-op request + claim statement = ${figures.claimFloorPerSec}/s (${Math.round(figures.claimFloorToBareUpdate * 100)} % of the bare UPDATE; the claims reach ${Math.round(figures.claimsToFloor * 100)} % of it); ` +
      `no-op request + the bare UPDATE itself = ${figures.bareOverHttpFloorPerSec}/s (${Math.round(figures.bareOverHttpFloorToBareUpdate * 100)} %): what any per-request write over HTTP can reach here`,
  );
  console.log(
    `the hub's claim design without the hub: claim statements of ${SERIAL_BATCH} claims one after another on one connection (as the hub writes them: one at a time) ` +
      `${figures.claimBatchesInTurnPerSec}/s (${Math.round(figures.claimBatchesInTurnToBareUpdate * 100)} % of the bare UPDATE); the claims over HTTP reach ${Math.round(figures.claimsToBatchesInTurn * 100)} % of it`,
  );
  console.table(figures.claimRounds);
  if (figures.cpuPerOperationUs.claim) {
    console.log('CPU per operation, µs (this process as the load generator, the hub process, the PostgreSQL processes of the bench database):');
    console.table(figures.cpuPerOperationUs);
  }
  console.log(
    `burst: ${figures.claimBurstAgents} connected agents claim distinct leads at once → p50 ${figures.claimBurstP50Ms} ms, p99 ${figures.claimBurstP99Ms} ms ` +
      `(goal ≤ 1,000), max ${figures.claimBurstMaxMs} ms, ${figures.claimBurstFailures} non-200; the same 1,000 claim statements at once through the pool: p99 ${figures.claimStatementBurstP99Ms} ms; ` +
      `${figures.sharedLeads} shared leads × ${CLAIMERS_PER_SHARED} claimers: ${figures.sharedLeadsWithOneWinner} with exactly one 200, ${figures.sharedLeadsHeld} held, p99 ${figures.sharedClaimP99Ms} ms`,
  );
}
