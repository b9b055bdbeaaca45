import { describe, expect, it } from 'vitest';
import { emptyPostgresDatabase } from '../../testing/hub-test-env';
import type { Database } from '../database';
import { MIGRATIONS, migrate } from '../migrate';
import { openPostgresDatabase } from '../postgres-database';

/**
 * Every migration over data of the version before it (as Signal Desktop tests its migrations), on PostgreSQL:
 * before each migration N a new database is taken up to version N-1, each step over its own rows, gets rows of
 * version N-1's schema, and after N they must still be there, as N says; the rows of earlier steps stay, so
 * later migrations run over them too. A migration added without its case here fails the first test.
 * Migrations 5 and 6 have files of their own for their finer cases.
 */
interface MigrationCase {
  /** Rows of the version before, written just before the migration; answers what the check needs. */
  before: (db: Database) => Promise<Record<string, string>>;
  after: (db: Database, before: Record<string, string>) => Promise<void>;
}

async function one(db: Database, sql: string, params: unknown[] = []): Promise<string> {
  const [row] = await db.query<{ id: string }>(sql, params);
  if (!row) throw new Error(`no row from: ${sql}`);
  return row.id;
}

async function indexes(db: Database): Promise<string[]> {
  return (await db.query<{ name: string }>(`select indexname as name from pg_indexes where schemaname = 'public'`)).map((row) => row.name);
}

/** Ana and her lead LEAD/2026/00103 (earlier steps' rows), for the call counts' cases. */
async function anaAndHerLead(db: Database): Promise<Record<string, string>> {
  return { mine: await one(db, `select id::text as id from leads where ref = 'LEAD/2026/00103'`), ana: await one(db, `select id::text as id from users where login = 'ana'`) };
}

/** A call Ana answered on her lead at `at`. */
async function logAnsweredCall(db: Database, lead: string, ana: string, at: string): Promise<void> {
  await db.query(`insert into call_logs (lead_id, user_id, duration_min, result, summary, created_at) values ($1, $2, 1, 'answered', '', $3)`, [lead, ana, at]);
}

/** Ana's answered calls of 2 November per scope: by 09:15 (37 quarter hours), by 09:30 (38), and in the day. */
function anaCallsOfNovember2(db: Database, ana: string): Promise<unknown[]> {
  return db.query(`select scope, brand, before[37] as to_0915, before[38] as to_0930, before[96] as day from report_call_days where day = '2026-11-02' and user_id = $1 and result = 'answered' order by scope`, [ana]);
}

/** A lead with the columns every version has (ref numbers from the ref's last digits). */
function lead(db: Database, ref: string, stageId: string, userId: string | null, customer = 'Customer'): Promise<string> {
  return one(
    db,
    `insert into leads (ref, ref_year, ref_number, customer_name, brand, vehicle_model, source, stage_id, user_id, created_at)
     values ($1, 2026, $2, $3, 'Toyota', 'Vios', 'web', $4, $5, '2026-11-02T09:00:00Z') returning id`,
    [ref, Number(ref.slice(-3)), customer, stageId, userId],
  );
}

const CASES: Record<number, MigrationCase> = {
  1: {
    before: async () => ({}),
    after: async (db) => {
      for (const table of ['users', 'sessions', 'stages', 'dealerships', 'leads', 'messages', 'call_logs', 'activities', 'changes', 'relay_leases']) {
        expect(await db.query(`select * from ${table}`), table).toEqual([]);
      }
    },
  },
  2: {
    before: async (db) => {
      const stage = await one(db, `insert into stages (name, sequence) values ('New', 1) returning id`);
      const ana = await one(db, `insert into users (login, name, role, password_hash) values ('ana', 'Ana', 'agent', 'x') returning id`);
      const claimed = await lead(db, 'LEAD/2026/00101', stage, ana);
      await db.query(
        `insert into changes (entity, entity_id, lead_id, old_user_id, old_closed, new_user_id, new_closed, existed) values
          ('lead', $1, $1, null, false, $2, false, true), ('message', 7, $1, null, null, null, null, null)`,
        [claimed, ana],
      );
      return { stage, ana, claimed };
    },
    after: async (db, { claimed, ana }) => {
      expect(await indexes(db)).toContain('changes_lead_holder');
      // The holder changes of the lead, as GET /leads/:id/reassignment reads them.
      const holders = await db.query(`select new_user_id::text as holder from changes where lead_id = $1 and entity = 'lead' and old_user_id is distinct from new_user_id`, [claimed]);
      expect(holders).toEqual([{ holder: ana }]);
      expect(await db.query(`select count(*)::int as n from changes where lead_id = $1`, [claimed])).toEqual([{ n: 2 }]);
    },
  },
  3: {
    before: async (db) => {
      const [stage] = await db.query<{ id: string }>(`select id from stages where name = 'New'`);
      const [ana] = await db.query<{ id: string }>(`select id from users where login = 'ana'`);
      const pool = await lead(db, 'LEAD/2026/00102', stage!.id, null, 'Zed Pool');
      const mine = await lead(db, 'LEAD/2026/00103', stage!.id, ana!.id, 'alma Mine');
      return { pool, mine, ana: ana!.id };
    },
    after: async (db, { pool, ana }) => {
      expect(await indexes(db)).toEqual(expect.arrayContaining(['leads_unassigned', 'leads_owner_customer']));
      expect(await db.query(`select id::text from leads where user_id is null order by created_at, id`)).toEqual([{ id: pool }]);
      // Ana's leads by customer name, case-insensitively: the one from migration 2's step, then hers from this one.
      expect((await db.query<{ name: string }>(`select customer_name as name from leads where user_id = $1 order by lower(customer_name), id`, [ana])).map((row) => row.name)).toEqual(['alma Mine', 'Customer']);
    },
  },
  4: {
    before: async (db) => {
      const [mine] = await db.query<{ id: string }>(`select id from leads where ref = 'LEAD/2026/00103'`);
      await db.query(
        `insert into changes (entity, entity_id, lead_id, old_user_id, old_closed, new_user_id, new_closed, existed) values
          ('lead', $1, $1, null, false, null, false, false), ('lead', $1, $1, null, false, null, true, true), ('lead', $1, $1, null, true, null, true, true)`,
        [mine!.id],
      );
      return { mine: mine!.id };
    },
    after: async (db, { mine }) => {
      expect(await indexes(db)).toContain('changes_lead_states');
      // Created and closed change the lead's state; the third row (nothing changed) does not.
      const states = await db.query(
        `select new_closed as closed from changes where lead_id = $1 and entity = 'lead' and (existed is not true or old_user_id is distinct from new_user_id or old_closed is distinct from new_closed) order by xid, seq`,
        [mine],
      );
      expect(states).toEqual([{ closed: false }, { closed: true }]);
    },
  },
  5: {
    before: async (db) => {
      const dealer = await one(
        db,
        `insert into dealerships (code, name, odoo_url, odoo_database, odoo_login, odoo_api_key_enc) values ('OLD', 'Old Motors', 'https://odoo.old.example', 'old', 'bot', 'v1.sealed') returning id`,
      );
      const [mine] = await db.query<{ id: string }>(`select id from leads where ref = 'LEAD/2026/00103'`);
      await db.query(`update leads set dealership_id = $1 where id = $2`, [dealer, mine!.id]);
      return { dealer, mine: mine!.id };
    },
    after: async (db, { dealer, mine }) => {
      expect(await db.query(`select odoo_url, odoo_api_key_enc, odoo_company_id, odoo_company_name from dealerships where id = $1`, [dealer])).toEqual([
        { odoo_url: 'https://odoo.old.example', odoo_api_key_enc: 'v1.sealed', odoo_company_id: null, odoo_company_name: null },
      ]);
      expect(await db.query(`select dealership_id::text as dealer from leads where id = $1`, [mine])).toEqual([{ dealer }]);
    },
  },
  6: {
    before: async (db) => {
      const [mine] = await db.query<{ id: string; user_id: string }>(`select id, user_id::text from leads where ref = 'LEAD/2026/00103'`);
      await db.query(
        `insert into messages (lead_id, kind, body, author_id, tracking, created_at) values ($1, 'tracking', 'Assigned Agent: None → Ana', $2, '[{"field": "Assigned Agent", "from": null, "to": "Ana"}]', '2026-11-02T09:05:00Z')`,
        [mine!.id, mine!.user_id],
      );
      await db.query(`insert into call_logs (lead_id, user_id, duration_min, result, summary, created_at) values ($1, $2, 3, 'answered', '', '2026-11-02T09:20:00Z')`, [mine!.id, mine!.user_id]);
      return { mine: mine!.id, ana: mine!.user_id };
    },
    after: async (db, { mine, ana }) => {
      expect(await db.query(`select first_claimed_at::text as claimed, first_claimed_by::text as claimer, first_call_at::text as called, won_failed_at from leads where id = $1`, [mine])).toEqual([
        { claimed: '2026-11-02 09:05:00+00', claimer: ana, called: '2026-11-02 09:20:00+00', won_failed_at: null },
      ]);
      // The leads of the earlier steps are all still there.
      expect(await db.query(`select ref from leads order by ref`)).toEqual([{ ref: 'LEAD/2026/00101' }, { ref: 'LEAD/2026/00102' }, { ref: 'LEAD/2026/00103' }]);
    },
  },
  7: {
    before: async (db) => {
      const [mine] = await db.query<{ id: string; user_id: string }>(`select id, user_id::text from leads where ref = 'LEAD/2026/00103'`);
      return { mine: mine!.id, ana: mine!.user_id };
    },
    after: async (db, { mine, ana }) => {
      // A new table, off for every brand until a manager sets one; the leads and their timings are untouched.
      expect(await db.query(`select * from unclaimed_alerts`)).toEqual([]);
      expect(await db.query(`select first_claimed_by::text as claimer from leads where id = $1`, [mine])).toEqual([{ claimer: ana }]);
      await db.query(`insert into unclaimed_alerts (brand, after_minutes, updated_at, updated_by) values ('Toyota', 30, now(), $1)`, [ana]);
      await expect(db.query(`insert into unclaimed_alerts (brand, after_minutes, updated_at) values ('TOYOTA', 15, now())`)).rejects.toThrow(/unclaimed_alerts_brand/);
      await expect(db.query(`insert into unclaimed_alerts (brand, after_minutes, updated_at) values ('Honda', 0, now())`)).rejects.toThrow(/check/);
    },
  },
  8: {
    before: async (db) => {
      const [ana] = await db.query<{ id: string }>(`select id::text from users where login = 'ana'`);
      const [stage] = await db.query<{ id: string }>(`select id::text from stages where name = 'New'`);
      return { ana: ana!.id, stage: stage!.id };
    },
    after: async (db, { ana, stage }) => {
      // The leads of every earlier step are counted (three on 2 November, two of them Ana's), and the trigger
      // keeps the counts from here on: Ana's last lead returned to the pool moves one count out of her row.
      const leadDays = () => db.query(`select day::text, brand, stage_id::text as stage, closed, lost_reason, leads from report_lead_days where leads <> 0`);
      const agentDays = () => db.query(`select day::text, user_id::text as agent, leads from report_agent_days where leads <> 0`);
      expect(await leadDays()).toEqual([{ day: '2026-11-02', brand: 'Toyota', stage, closed: false, lost_reason: '', leads: 3 }]);
      expect(await agentDays()).toEqual([{ day: '2026-11-02', agent: ana, leads: 2 }]);
      expect(await db.query(`select month::text, leads from report_agent_months`)).toEqual([{ month: '2026-11-01', leads: 2 }]);
      await db.query(`update leads set user_id = null where ref = 'LEAD/2026/00103'`);
      expect(await agentDays()).toEqual([{ day: '2026-11-02', agent: ana, leads: 1 }]);
      expect(await leadDays()).toEqual([{ day: '2026-11-02', brand: 'Toyota', stage, closed: false, lost_reason: '', leads: 3 }]);
    },
  },
  9: {
    before: async (db) => {
      const [ana] = await db.query<{ id: string }>(`select id::text from users where login = 'ana'`);
      await db.query(`insert into sessions (token_hash, user_id, expires_at) values ('hash-a', $1, now() + interval '1 hour'), ('hash-b', $1, now() + interval '1 hour')`, [
        ana?.id,
      ]);
      return { ana: ana!.id };
    },
    after: async (db, { ana }) => {
      // Existing sessions and users stay as they were; from now on every change to them is said on crm_sessions.
      expect(await db.query(`select token_hash from sessions order by token_hash`)).toEqual([{ token_hash: 'hash-a' }, { token_hash: 'hash-b' }]);
      const heard: string[] = [];
      const subscription = await db.subscribe('crm_sessions', { onPayload: (payload) => heard.push(payload) });
      try {
        const after = async (sql: string): Promise<string[]> => {
          heard.length = 0;
          await db.query(sql);
          await subscription.caughtUp();
          return [...heard];
        };
        expect(await after(`insert into sessions (token_hash, user_id, expires_at) values ('hash-c', ${ana}, now())`)).toEqual([]);
        expect(await after(`update sessions set revoked_at = now() where token_hash = 'hash-a'`)).toEqual([ana]);
        expect(await after(`update sessions set expires_at = now() where token_hash = 'hash-b'`)).toEqual([ana]);
        expect(await after(`delete from sessions where token_hash = 'hash-c'`)).toEqual([ana]);
        expect(await after(`update users set active = false where id = ${ana}`)).toEqual([ana]);
        expect(await after(`update users set role = 'supervisor', active = true where id = ${ana}`)).toEqual([ana]);
        expect(await after(`truncate sessions`)).toEqual(['']);
      } finally {
        await subscription.close();
      }
    },
  },
  10: {
    before: anaAndHerLead,
    after: async (db, { mine, ana }) => {
      // The earlier steps' three leads of 2 November: Ana's first claim of LEAD/2026/00103 after 5 minutes, its
      // first call after 20 (tenths of a minute), counted per brand and source and per first claimer.
      const speed = await db.query(`select span, brand, dim, key, measure, tenths, leads from report_speed_years where year = '2026-01-01' order by 1, 2, 3, 4, 5, 6`);
      expect(speed).toEqual([
        { span: 'a', brand: '', dim: 'a', key: ana, measure: 'c', tenths: 50, leads: 1 },
        { span: 'a', brand: '', dim: 'a', key: ana, measure: 'f', tenths: 200, leads: 1 },
        { span: 'b', brand: 'Toyota', dim: 'a', key: ana, measure: 'c', tenths: 50, leads: 1 },
        { span: 'b', brand: 'Toyota', dim: 'a', key: ana, measure: 'f', tenths: 200, leads: 1 },
        { span: 'b', brand: 'Toyota', dim: 's', key: 'web', measure: 'c', tenths: 50, leads: 1 },
        { span: 'b', brand: 'Toyota', dim: 's', key: 'web', measure: 'f', tenths: 200, leads: 1 },
        { span: 'b', brand: 'Toyota', dim: 's', key: 'web', measure: 'n', tenths: 0, leads: 3 },
      ]);
      // Its call at 09:20 UTC: none in the day's first 37 quarter hours (to 09:15), one by 09:30 and in the day.
      const calls = () => anaCallsOfNovember2(db, ana!);
      expect(await calls()).toEqual([
        { scope: 'a', brand: '', to_0915: 0, to_0930: 1, day: 1 },
        { scope: 'b', brand: 'Toyota', to_0915: 0, to_0930: 1, day: 1 },
      ]);
      // The triggers keep them from here on: a second call late that day.
      await logAnsweredCall(db, mine!, ana!, '2026-11-02T23:50:00Z');
      expect(await calls()).toEqual([
        { scope: 'a', brand: '', to_0915: 0, to_0930: 1, day: 2 },
        { scope: 'b', brand: 'Toyota', to_0915: 0, to_0930: 1, day: 2 },
      ]);
    },
  },
  11: {
    before: anaAndHerLead,
    after: async (db, { mine, ana }) => {
      // The day totals of the calls already counted (the earlier steps' call of 2 November at 09:20), per scope.
      const totals = () => db.query(`select scope, brand, day::text, result, calls from report_call_totals where user_id = $1 order by scope, day`, [ana]);
      expect(await totals()).toEqual([
        { scope: 'a', brand: '', day: '2026-11-02', result: 'answered', calls: 1 },
        { scope: 'b', brand: 'Toyota', day: '2026-11-02', result: 'answered', calls: 1 },
      ]);
      // The same functions keep them from here on, beside the quarter hours: a call the next day, the first one removed.
      await logAnsweredCall(db, mine!, ana!, '2026-11-03T01:00:00Z');
      await db.query(`delete from call_logs where user_id = $1 and created_at < '2026-11-03T00:00:00Z'`, [ana]);
      expect(await totals()).toEqual([
        { scope: 'a', brand: '', day: '2026-11-02', result: 'answered', calls: 0 },
        { scope: 'a', brand: '', day: '2026-11-03', result: 'answered', calls: 1 },
        { scope: 'b', brand: 'Toyota', day: '2026-11-02', result: 'answered', calls: 0 },
        { scope: 'b', brand: 'Toyota', day: '2026-11-03', result: 'answered', calls: 1 },
      ]);
      expect(await db.query(`select scope, day::text, before[96] as calls from report_call_days where user_id = $1 order by scope, day`, [ana])).toEqual([
        { scope: 'a', day: '2026-11-02', calls: 0 },
        { scope: 'a', day: '2026-11-03', calls: 1 },
        { scope: 'b', day: '2026-11-02', calls: 0 },
        { scope: 'b', day: '2026-11-03', calls: 1 },
      ]);
    },
  },
  12: {
    before: async () => ({}),
    after: async (db) => {
      // By stage, then by the name the Customer sort orders by (a plan over a test's few rows says nothing).
      const [index] = await db.query<{ definition: string }>(`select indexdef as definition from pg_indexes where indexname = 'leads_stage_customer'`);
      expect(index?.definition).toBe('CREATE INDEX leads_stage_customer ON public.leads USING btree (stage_id, lower(customer_name), id)');
    },
  },
  13: {
    before: async (db) => {
      const [ana] = await db.query<{ id: string }>(`select id::text from users where login = 'ana'`);
      const [stage] = await db.query<{ id: string }>(`select id::text from stages where name = 'New'`);
      return { ana: ana!.id, stage: stage!.id };
    },
    after: async (db, { ana, stage }) => {
      // Each stored slot's count, as the value it stands for (slot 0, a lead without the measure's time: -1).
      const counts = (where: string) =>
        db.query(
          `select c.period, c.first_day::text as first_day, c.span, c.dim, c.brand, c.key, c.measure,
                  case when s.slot = 0 then -1 when s.slot <= 600 then s.slot - 1 else 600 + (s.slot - 601) * 60 end as tenths, s.leads
             from report_speed_counts c
            cross join lateral (select c.chunk * 64 + p as slot,
                                       (get_byte(c.counts, p * 4) << 24) | (get_byte(c.counts, p * 4 + 1) << 16) | (get_byte(c.counts, p * 4 + 2) << 8) | get_byte(c.counts, p * 4 + 3) as leads
                                  from generate_series(0, 63) p) s
            where s.leads <> 0 and ${where}
            order by 1, 2, 3, 4, 5, 6, 7, 8`,
        );
      // Migration 10's yearly counts of the earlier steps' leads (three of 2 November; Ana's first claim of
      // LEAD/2026/00103 after 5 minutes, its first call after 20), now for the year and for November.
      const november = [
        { span: 'a', dim: 'a', brand: '', key: ana, measure: 'c', tenths: 50, leads: 1 },
        { span: 'a', dim: 'a', brand: '', key: ana, measure: 'f', tenths: 200, leads: 1 },
        { span: 'b', dim: 'a', brand: 'Toyota', key: ana, measure: 'c', tenths: 50, leads: 1 },
        { span: 'b', dim: 'a', brand: 'Toyota', key: ana, measure: 'f', tenths: 200, leads: 1 },
        { span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'c', tenths: 50, leads: 1 },
        { span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'f', tenths: 200, leads: 1 },
        { span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'n', tenths: -1, leads: 3 },
      ];
      expect(await counts('true')).toEqual([
        ...november.map((row) => ({ period: 'm', first_day: '2026-11-01', ...row })),
        ...november.map((row) => ({ period: 'y', first_day: '2026-01-01', ...row })),
      ]);
      expect(await db.query(`select to_regclass('report_speed_years') is null as gone`)).toEqual([{ gone: true }]);
      // The trigger keeps both periods from here on: a lead of New Year's Day 2027 claimed by Ana after 90 s, then
      // moved back into December 2026 (its claim 2.5 minutes after arrival).
      const [late] = await db.query<{ id: string }>(
        `insert into leads (ref, ref_year, ref_number, customer_name, brand, vehicle_model, source, stage_id, user_id, created_at, first_claimed_at, first_claimed_by)
         values ('LEAD/2027/00001', 2027, 1, 'Late', 'Toyota', 'Vios', 'web', $1, $2, '2027-01-01T00:00:00Z', '2027-01-01T00:01:30Z', $2) returning id::text`,
        [stage, ana],
      );
      const lateCounts = () => counts(`c.first_day >= '2026-12-01' and c.span = 'b' and c.dim = 's'`);
      expect(await lateCounts()).toEqual([
        { period: 'm', first_day: '2027-01-01', span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'c', tenths: 15, leads: 1 },
        { period: 'm', first_day: '2027-01-01', span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'n', tenths: -1, leads: 1 },
        { period: 'y', first_day: '2027-01-01', span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'c', tenths: 15, leads: 1 },
        { period: 'y', first_day: '2027-01-01', span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'n', tenths: -1, leads: 1 },
      ]);
      await db.query(`update leads set created_at = '2026-12-31T23:59:00Z' where id = $1`, [late!.id]);
      expect(await lateCounts()).toEqual([
        { period: 'm', first_day: '2026-12-01', span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'c', tenths: 25, leads: 1 },
        { period: 'm', first_day: '2026-12-01', span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'n', tenths: -1, leads: 1 },
      ]);
      expect(await counts(`c.period = 'y' and c.dim = 's' and c.measure = 'n'`)).toEqual([
        { period: 'y', first_day: '2026-01-01', span: 'b', dim: 's', brand: 'Toyota', key: 'web', measure: 'n', tenths: -1, leads: 4 },
      ]);
    },
  },
  14: {
    before: anaAndHerLead,
    after: async (db, { mine, ana }) => {
      const [key] = await db.query<{ definition: string }>(`select indexdef as definition from pg_indexes where indexname = 'report_call_days_pkey'`);
      expect(key?.definition).toBe('CREATE UNIQUE INDEX report_call_days_pkey ON public.report_call_days USING btree (scope, brand, day, user_id, result) INCLUDE (before)');
      // The earlier steps' counts are kept (migration 10's call of 2 November at 09:20), and the triggers' upsert
      // finds the new key: a second call that day, at 09:05, adds to the same rows.
      expect(await anaCallsOfNovember2(db, ana!)).toEqual([
        { scope: 'a', brand: '', to_0915: 0, to_0930: 1, day: 1 },
        { scope: 'b', brand: 'Toyota', to_0915: 0, to_0930: 1, day: 1 },
      ]);
      await logAnsweredCall(db, mine!, ana!, '2026-11-02T09:05:00Z');
      expect(await anaCallsOfNovember2(db, ana!)).toEqual([
        { scope: 'a', brand: '', to_0915: 1, to_0930: 2, day: 2 },
        { scope: 'b', brand: 'Toyota', to_0915: 1, to_0930: 2, day: 2 },
      ]);
    },
  },
};

/** A new database taken up to `version`, each step over its case's rows (the checks are the step's own test's). */
async function databaseAt(version: number): Promise<{ db: Database; befores: Map<number, Record<string, string>>; drop: () => Promise<void> }> {
  const database = await emptyPostgresDatabase();
  const db = await openPostgresDatabase(database.url, 2);
  const befores = new Map<number, Record<string, string>>();
  for (const migration of MIGRATIONS.filter((each) => each.version <= version)) {
    befores.set(migration.version, (await CASES[migration.version]?.before(db)) ?? {});
    await migrate(db, migration.version);
  }
  return {
    db,
    befores,
    drop: async () => {
      await db.close();
      await database.drop();
    },
  };
}

// Each test has a database of its own: they run at once.
describe.concurrent('every migration over data of the version before it (PostgreSQL)', () => {
  it('has a case for each migration, and no case for one that does not exist', () => {
    expect(Object.keys(CASES).map(Number)).toEqual(MIGRATIONS.map((migration) => migration.version));
  });

  // Each test takes a new database up to the version before, with the rows of every earlier step.
  for (const { version, name } of MIGRATIONS) {
    it(`migration ${version} (${name}) keeps and completes the rows of version ${version - 1}`, async () => {
      const step = CASES[version];
      if (!step) throw new Error(`migration ${version} has no case in every-migration.test.ts`);
      const { db, drop } = await databaseAt(version - 1);
      try {
        const before = await step.before(db);
        expect(await migrate(db, version)).toEqual([version]);
        await step.after(db, before);
        expect(await migrate(db)).toEqual(MIGRATIONS.filter((each) => each.version > version).map((each) => each.version));
      } finally {
        await drop();
      }
    });
  }
});
