import pg from 'pg';
import { createHash } from 'node:crypto';
import { hashPassword } from '../../src-hub/features/auth/password';
import { openPostgresDatabase } from '../../src-hub/db/postgres-database';
import { rebuildReportSummary } from '../../src-hub/features/reports/report-summary.admin';

export const BENCH_AGENTS = 64;
/** The sync agent holds these open leads; with the pool (1 % of the rest) they make 20,000 visible leads at 1,000,000. */
export const SYNC_AGENT_LEADS = 10_000;
export const POOL_EVERY = 100;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
export const benchToken = (login: string) => `bench-token-${login}`;

/**
 * A million leads in plain SQL (generate_series), spread over brands, stages, sources, agents and the last
 * year; 1 % sit unclaimed in the pool; one agent holds 10,000 open leads with 5 messages, a call log and an
 * activity each, so that agent sees 20,000 leads (the sync case). Claimed leads have a first claim (minutes to
 * hours after arrival) and every fourth a first call, so speed to lead has durations to rank.
 */
export const BENCH_PASSWORD = 'bench-password';

export async function seedMillion(url: string, leads: number): Promise<void> {
  const passwordHash = await hashPassword(BENCH_PASSWORD, { N: 1024, r: 8, p: 1 });
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const started = Date.now();
  // Bulk rows without the per-row triggers (the report summary): it is recounted once at the end, as
  // `hub admin rebuild-report-summary` does.
  await client.query(`set session_replication_role = replica`);
  await client.query(`insert into stages (id, name, sequence, is_won, is_lost, folded) values
    (1, 'New', 10, false, false, false), (2, 'Qualified', 20, false, false, false), (3, 'Negotiation', 30, false, false, false),
    (4, 'Won', 40, true, false, false), (5, 'Lost', 50, false, true, true)`);
  await client.query(`select setval('stages_id_seq', 5)`);
  await client.query(`insert into users (login, name, email, role, password_hash)
    select 'agent' || g, 'Agent ' || g, 'agent' || g || '@bpo.example', 'agent', $1 from generate_series(1, ${BENCH_AGENTS}) g`, [passwordHash]);
  await client.query(`insert into users (login, name, email, role, password_hash) values
    ('supervisor', 'Supervisor', 'sup@bpo.example', 'supervisor', $1), ('syncagent', 'Sync Agent', 'sync@bpo.example', 'agent', $1)`, [passwordHash]);
  const users = (await client.query<{ id: string; login: string }>('select id, login from users')).rows;
  for (const user of users) {
    await client.query(`insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '1 day')`, [tokenHash(benchToken(user.login)), user.id]);
  }
  await client.query(`insert into dealerships (code, name, brands) values ('MTY', 'Metro Toyota', '{Toyota}'), ('BHN', 'Bay Honda', '{Honda}'), ('NSN', 'North Nissan', '{Nissan}')`);
  const syncAgent = users.find((user) => user.login === 'syncagent')?.id;
  // A customer's name and a lead's source are drawn independently of its brand and its holder (multiplicative
  // hashes of g), as on a floor: with both taken from g's residues, a full name decided the brand and the source
  // (g mod 120), so a brand sorted by customer skipped 16,666 leads of other brands per page, and every pool lead
  // (g mod 100 = 0) came from the Website.
  const batch = 100_000;
  for (let from = 1; from <= leads; from += batch) {
    const to = Math.min(leads, from + batch - 1);
    await client.query(
      `insert into leads (ref, ref_year, ref_number, customer_name, customer_phone, customer_email, phone_key, email_key, brand, vehicle_model,
         dealership_id, source, stage_id, closed, user_id, created_at, updated_at, claimed_at, closed_at, lost_reason,
         first_claimed_by, first_claimed_at, first_call_at)
       select 'LEAD/2026/' || lpad(g::text, 7, '0'), 2026, g,
         (array['Juan','Maria','Jose','Ana','Carlo','Bea','Miguel','Sofia','Paolo','Nicole'])[1 + g % 10] || ' ' ||
         (array['Santos','Reyes','Cruz','Garcia','Mendoza','Torres','Ramos','Lim','Tan','Bautista','Aquino','Navarro'])[1 + (g::bigint * 40503 % 65537) % 12] || ' ' || g,
         '+63 917 ' || lpad((g % 10000000)::text, 7, '0'), 'customer' || g || '@mail.example',
         '63917' || lpad((g % 10000000)::text, 7, '0'), 'customer' || g || '@mail.example',
         (array['Toyota','Honda','Nissan'])[1 + g % 3], (array['Vios','City','Navara','Fortuner','Civic','Terra'])[1 + g % 6],
         1 + g % 3, (array['Website','Facebook','Walk-in','Referral','Distributor feed'])[1 + (g::bigint * 48271 % 2147483647) % 5],
         case when g > ${leads - SYNC_AGENT_LEADS} then 1 + g % 3 else 1 + g % 5 end,
         case when g > ${leads - SYNC_AGENT_LEADS} then false else g % 5 >= 3 end,
         h.holder,
         timestamptz '2026-11-23 00:00:00+00' - (g * interval '30 seconds'),
         timestamptz '2026-11-23 00:00:00+00' - (g * interval '20 seconds'),
         case when g % ${POOL_EVERY} = 0 then null else timestamptz '2026-11-23 00:00:00+00' - (g * interval '10 seconds') end,
         case when g % 5 >= 3 and g <= ${leads - SYNC_AGENT_LEADS} then timestamptz '2026-11-23 00:00:00+00' - (g * interval '10 seconds') end,
         case when g % 5 = 4 and g <= ${leads - SYNC_AGENT_LEADS} then (array['price','competitor','timing','model_unavailable','financing','other'])[1 + (g / 5) % 6] end,
         h.holder, t.claimed, t.claimed + t.call_after
       from generate_series(${from}, ${to}) g
       cross join lateral (select case when g > ${leads - SYNC_AGENT_LEADS} then ${syncAgent}
                                       when g % ${POOL_EVERY} = 0 then null else 1 + g % ${BENCH_AGENTS} end as holder,
                                  ((g::bigint * 2654435761) % 1000003) / 1000003.0 as r) h
       -- speed to lead: 70 % claimed within 10 minutes, 20 % within the hour, the rest within 14 hours (overnight);
       -- the first call 0 to 60 minutes after the claim on the leads that get one (the sync agent's all, the floor's every fourth)
       cross join lateral (select case when h.holder is null then null
                                       else timestamptz '2026-11-23 00:00:00+00' - (g * interval '30 seconds')
                                            + make_interval(secs => case when h.r < 0.7 then h.r / 0.7 * 600 when h.r < 0.9 then 600 + (h.r - 0.7) / 0.2 * 3000
                                                                         else 3600 + (h.r - 0.9) / 0.1 * 13 * 3600 end) end as claimed,
                                  case when g > ${leads - SYNC_AGENT_LEADS} then interval '5 minutes'
                                       when g % 4 = 0 then make_interval(secs => (g::bigint * 7919) % 3600) end as call_after) t`,
    );
    // unclaimed leads must be open: the pool never holds a closed lead
    await client.query(`update leads set closed = false, stage_id = 1 where id between ${from} and ${to} and user_id is null and closed`);
  }
  await client.query(`insert into lead_counters (year, last_value) values (2026, ${leads})`);
  await client.query(`insert into messages (lead_id, kind, body, author_id, created_at)
     select l.id, 'note', 'Note ' || k || ' on ' || l.ref || ': customer asked about financing and colours.', l.user_id, l.created_at + k * interval '1 minute'
       from leads l cross join generate_series(1, 5) k where l.user_id = ${syncAgent}`);
  await client.query(`insert into call_logs (lead_id, user_id, duration_min, result, summary, created_at)
     select l.id, l.user_id, 4, 'answered', 'Discussed the quote.', l.first_call_at from leads l where l.user_id = ${syncAgent}`);
  // the floor's calls, for the calls report: one on every fourth claimed lead of the other agents (~250,000 at 1,000,000), at the lead's first call
  await client.query(`insert into call_logs (lead_id, user_id, duration_min, result, summary, created_at)
     select l.id, l.user_id, 3, (array['answered','no_answer','busy','voicemail','wrong_number'])[1 + (l.id / 4) % 5], 'Called.', l.first_call_at
       from leads l where l.user_id is not null and l.user_id <> ${syncAgent} and l.first_call_at is not null`);
  await client.query(`insert into activities (lead_id, user_id, type, summary, due_at)
     select l.id, l.user_id, 'call', 'Call back', l.created_at + interval '3 days' from leads l where l.user_id = ${syncAgent}`);
  await client.end();
  await rebuildSummary(url);
  const analyze = new pg.Client({ connectionString: url });
  await analyze.connect();
  await analyze.query('analyze');
  await analyze.end();
  console.log(`seeded ${leads.toLocaleString('en')} leads in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** The report summary recounted from leads after a bulk write made without triggers. */
export async function rebuildSummary(url: string): Promise<void> {
  const db = await openPostgresDatabase(url, 1);
  try {
    await rebuildReportSummary(db);
  } finally {
    await db.close();
  }
}

/** `count` more agents (`burst1`…), each with a session (`benchToken('burstN')`): the morning's floor. Answers their logins. */
export async function seedBurstAgents(url: string, count: number): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const users = (
      await client.query<{ id: string; login: string }>(
        `insert into users (login, name, email, role, password_hash)
         select 'burst' || g, 'Burst Agent ' || g, 'burst' || g || '@bpo.example', 'agent', 'not used' from generate_series(1, ${count}) g
         returning id, login`,
      )
    ).rows;
    await client.query(
      `insert into sessions (token_hash, user_id, expires_at) select unnest($1::text[]), unnest($2::bigint[]), now() + interval '1 day'`,
      [users.map((user) => tokenHash(benchToken(user.login))), users.map((user) => user.id)],
    );
    return users.map((user) => user.login);
  } finally {
    await client.end();
  }
}
