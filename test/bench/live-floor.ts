import http from 'node:http';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../../src-hub/features/auth/password';
import { BENCH_PASSWORD, benchToken } from './hub-seed';

/** A floor of plain-HTTP workstations: who they are, what they hold, and what their event streams heard. */
export interface FloorUser {
  id: string;
  login: string;
  role: 'agent' | 'supervisor';
}

export interface Floor {
  agents: FloorUser[];
  supervisors: FloorUser[];
  /** The agent whose app runs in Chromium (a real replica): its leads, for the incremental notes. */
  replicaAgent: FloorUser;
  replicaLeadIds: string[];
  /** Unclaimed leads, claimed one by one during the run. */
  poolLeadIds: string[];
  /** The leads each agent holds (one each at first), for reassignments: kept up to date by the bench. */
  held: Map<string, string[]>;
}

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Seeds `agents` agents and `supervisors` supervisors with sessions (bearer `benchToken(login)`), one held
 * lead per agent, `pool` unclaimed leads and a replica agent (password BENCH_PASSWORD) holding `replicaLeads`.
 */
export async function seedFloor(url: string, counts: { agents: number; supervisors: number; pool: number; replicaLeads: number }): Promise<Floor> {
  const passwordHash = await hashPassword(BENCH_PASSWORD, { N: 1024, r: 8, p: 1 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`insert into stages (id, name, sequence, is_won, is_lost, folded) values
      (1, 'New', 10, false, false, false), (2, 'Qualified', 20, false, false, false), (3, 'Won', 40, true, false, false), (4, 'Lost', 50, false, true, true)`);
    await client.query(`select setval('stages_id_seq', 4)`);
    await client.query(`insert into dealerships (code, name, brands) values ('MTY', 'Metro Toyota', '{Toyota}')`);
    await client.query(
      `insert into users (login, name, email, role, password_hash)
       select 'floor' || g, 'Floor agent ' || g, null, 'agent', $1 from generate_series(1, ${counts.agents}) g
       union all select 'floorsup' || g, 'Floor supervisor ' || g, null, 'supervisor', $1 from generate_series(1, ${counts.supervisors}) g
       union all select 'replicaagent', 'Replica agent', null, 'agent', $1`,
      [passwordHash],
    );
    await client.query(
      `insert into sessions (token_hash, user_id, expires_at) select encode(sha256(convert_to('bench-token-' || login, 'UTF8')), 'hex'), id, now() + interval '1 day' from users`,
    );
    const users = (await client.query<{ id: string; login: string; role: 'agent' | 'supervisor' }>('select id::text, login, role from users order by id')).rows;
    const check = users[0];
    if (check) {
      const [row] = (await client.query<{ token_hash: string }>('select token_hash from sessions where user_id = $1', [check.id])).rows;
      if (row?.token_hash !== tokenHash(benchToken(check.login))) throw new Error('session token hashes differ from the hub’s');
    }
    const agents = users.filter((user) => user.login.startsWith('floor') && user.role === 'agent');
    const supervisors = users.filter((user) => user.role === 'supervisor');
    const replicaAgent = users.find((user) => user.login === 'replicaagent');
    if (!replicaAgent) throw new Error('no replica agent');
    // One lead per agent, then the pool, then the replica agent's: lead g belongs to the g-th agent.
    const held = agents.length;
    const total = held + counts.pool + counts.replicaLeads;
    await client.query(
      `insert into leads (ref, ref_year, ref_number, customer_name, customer_phone, customer_email, phone_key, email_key, brand, vehicle_model,
         dealership_id, source, stage_id, closed, user_id, created_at, updated_at, claimed_at)
       select 'LEAD/2026/' || lpad(g::text, 7, '0'), 2026, g, 'Customer ' || g, '+63 917 ' || lpad(g::text, 7, '0'), 'c' || g || '@mail.example',
         '63917' || lpad(g::text, 7, '0'), 'c' || g || '@mail.example', 'Toyota', 'Vios', 1, 'Website', 1, false,
         case when g <= ${held} then (array[${agents.map((agent) => agent.id).join(',')}]::bigint[])[g]
              when g <= ${held + counts.pool} then null else ${replicaAgent.id} end,
         now() - interval '1 hour', now() - interval '1 hour', case when g <= ${held + counts.pool} and g > ${held} then null else now() - interval '1 hour' end
       from generate_series(1, ${total}) g`,
    );
    await client.query(`insert into lead_counters (year, last_value) values (2026, ${total})`);
    await client.query('analyze');
    const leads = (await client.query<{ id: string; user_id: string | null }>('select id::text, user_id::text from leads order by id')).rows;
    return {
      agents,
      supervisors,
      replicaAgent,
      replicaLeadIds: leads.filter((lead) => lead.user_id === replicaAgent.id).map((lead) => lead.id),
      poolLeadIds: leads.filter((lead) => lead.user_id === null).map((lead) => lead.id),
      held: new Map(leads.filter((lead) => lead.user_id !== null && lead.user_id !== replicaAgent.id).map((lead) => [lead.user_id!, [lead.id]])),
    };
  } finally {
    await client.end();
  }
}

/** One workstation's event stream as a plain HTTP client: the times (performance.now()) of the `change` events it heard. */
export interface FloorStream {
  user: FloorUser;
  heard: number[];
  close(): void;
}

/** Opens `GET /events` for a user and resolves once the hub said `: connected`. */
export function openStream(apiUrl: string, user: FloorUser): Promise<FloorStream> {
  const url = new URL(`${apiUrl}/events`);
  return new Promise((resolve, reject) => {
    const heard: number[] = [];
    const request = http.get(
      { host: url.hostname, port: url.port, path: url.pathname, agent: false, headers: { accept: 'text/event-stream', authorization: `Bearer ${benchToken(user.login)}` } },
      (response) => {
        if (response.statusCode !== 200) {
          reject(new Error(`events answered ${response.statusCode} for ${user.login}`));
          response.resume();
          return;
        }
        response.setEncoding('utf8');
        let connected = false;
        response.on('data', (chunk: string) => {
          const at = performance.now();
          // Each event is written in one piece; a chunk holds whole events.
          for (let index = chunk.indexOf('event: change'); index >= 0; index = chunk.indexOf('event: change', index + 1)) heard.push(at);
          if (!connected && chunk.includes(': connected')) {
            connected = true;
            resolve({ user, heard, close: () => request.destroy() });
          }
        });
        response.on('error', () => undefined);
      },
    );
    request.on('socket', (socket) => socket.setNoDelay(true));
    request.on('error', reject);
    request.setTimeout(60_000, () => request.destroy(new Error(`no answer from events for ${user.login}`)));
  });
}

/** Opens streams for these users, `concurrency` at a time. */
export async function openStreams(apiUrl: (index: number) => string, users: FloorUser[], concurrency = 50): Promise<FloorStream[]> {
  const streams: FloorStream[] = new Array(users.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < users.length) {
        const index = next++;
        streams[index] = await openStream(apiUrl(index), users[index]!);
      }
    }),
  );
  for (const stream of streams) stream.heard.length = 0;
  return streams;
}

/** A process's resident memory in MB (Linux /proc). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match?.[1] ? Number(match[1]) / 1024 : Number.NaN;
}
