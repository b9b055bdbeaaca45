import type { Database, Sql } from './database';
import { initialSchema } from './migrations/001-initial';
import { changesByLeadHolder } from './migrations/002-changes-by-lead-holder';
import { allLeadsIndexes } from './migrations/003-all-leads-indexes';
import { changesLeadStates } from './migrations/004-changes-lead-states';
import { dealershipOdooCompany } from './migrations/005-dealership-odoo-company';
import { leadTimingsAndWonFailures } from './migrations/006-lead-timings-and-won-failures';
import { unclaimedAlerts } from './migrations/007-unclaimed-alerts';
import { reportSummary } from './migrations/008-report-summary';
import { sessionNotices } from './migrations/009-session-notices';
import { speedAndCallsSummary } from './migrations/010-speed-and-calls-summary';
import { callDayTotals } from './migrations/011-call-day-totals';
import { stageCustomerIndex } from './migrations/012-stage-customer-index';
import { speedMonthCounts } from './migrations/013-speed-month-counts';
import { callDaysCoveringKey } from './migrations/014-call-days-covering-key';

/** Numbered migrations, applied in order, each in its own transaction. */
export const MIGRATIONS: ReadonlyArray<{ version: number; name: string; sql: string }> = [
  { version: 1, name: 'initial', sql: initialSchema },
  { version: 2, name: 'changes by lead holder', sql: changesByLeadHolder },
  { version: 3, name: 'all leads indexes', sql: allLeadsIndexes },
  { version: 4, name: 'changes lead states', sql: changesLeadStates },
  { version: 5, name: 'dealership odoo company', sql: dealershipOdooCompany },
  { version: 6, name: 'lead timings and won failures', sql: leadTimingsAndWonFailures },
  { version: 7, name: 'unclaimed alerts', sql: unclaimedAlerts },
  { version: 8, name: 'report summary', sql: reportSummary },
  { version: 9, name: 'session notices', sql: sessionNotices },
  { version: 10, name: 'speed and calls summary', sql: speedAndCallsSummary },
  { version: 11, name: 'call day totals', sql: callDayTotals },
  { version: 12, name: 'stage customer index', sql: stageCustomerIndex },
  { version: 13, name: 'speed month counts', sql: speedMonthCounts },
  { version: 14, name: 'call days covering key', sql: callDaysCoveringKey },
];

const MIGRATION_LOCK = 814_027_001;

export type Migration = (typeof MIGRATIONS)[number];

/** What the database has applied, against this hub's list: `pending` to apply, `newer` from a later hub version. */
export interface MigrationState {
  applied: number[];
  pending: Migration[];
  newer: number[];
}

export async function migrationState(sql: Sql): Promise<MigrationState> {
  const [table] = await sql.query<{ exists: boolean }>(`select to_regclass('schema_migrations') is not null as exists`);
  const applied = table?.exists ? (await sql.query<{ version: number }>('select version from schema_migrations order by version')).map((row) => Number(row.version)) : [];
  const known = new Set(MIGRATIONS.map((migration) => migration.version));
  return {
    applied,
    pending: MIGRATIONS.filter((migration) => !applied.includes(migration.version)),
    newer: applied.filter((version) => !known.has(version)),
  };
}

/** `4 (changes lead states)`, for messages that name migrations. */
export const describeMigrations = (migrations: readonly Migration[]): string => migrations.map((migration) => `${migration.version} (${migration.name})`).join(', ');

/**
 * What opening a database does with migrations it has not applied:
 * - `apply`: applies them (`hub admin migrate`, `serve --migrate`, the app's own training hub, tests);
 * - `new-database-only`: applies them to a new, empty database (no migration applied yet) and refuses an existing
 *   one that lacks some (`serve` and the other commands): in a rolling upgrade the schema changes in one deliberate
 *   step, not whenever the first new hub happens to start while old ones still serve;
 * - `none`: leaves the schema as it is (`hub admin migrate --status`).
 */
export type MigrationPolicy = 'apply' | 'new-database-only' | 'none';

/** An existing database lacks migrations this hub needs, and the policy is not to apply them. */
export class PendingMigrationsError extends Error {
  constructor(readonly pending: readonly Migration[]) {
    super(
      `The database lacks ${pending.length === 1 ? 'migration' : 'migrations'} ${describeMigrations(pending)} that this hub version needs. ` +
        'Run "hub admin migrate" once (or start one hub with "serve --migrate"), then start the hubs.',
    );
    this.name = 'PendingMigrationsError';
  }
}

/**
 * Applies the migrations not yet applied, in order, in one transaction under a lock all hubs share; `upTo` stops
 * after that version (migration tests). With `new-database-only`, a database that has some migrations but not all
 * is refused (PendingMigrationsError) and left as it was; the check and the work happen under the lock, so two
 * hubs starting on one new database do not both find it empty and both migrate it.
 */
export async function migrate(db: Database, upTo = Number.POSITIVE_INFINITY, policy: Exclude<MigrationPolicy, 'none'> = 'apply'): Promise<number[]> {
  return db.transaction(async (tx) => {
    // Several hubs may start at once on one PostgreSQL: one migrates, the others wait.
    await tx.query('select pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query('create table if not exists schema_migrations (version integer primary key, name text not null, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ version: number }>('select version from schema_migrations')).map((row) => Number(row.version)));
    const todo = MIGRATIONS.filter((migration) => !done.has(migration.version) && migration.version <= upTo);
    if (policy === 'new-database-only' && done.size > 0 && todo.length > 0) throw new PendingMigrationsError(todo);
    const applied: number[] = [];
    for (const migration of todo) {
      for (const statement of splitStatements(migration.sql)) await tx.query(statement);
      await tx.query('insert into schema_migrations (version, name) values ($1, $2)', [migration.version, migration.name]);
      applied.push(migration.version);
    }
    return applied;
  });
}

/**
 * Statements split on `;` at line ends, outside `$$` bodies (a function's body is one statement with its own
 * semicolons); our migrations have no quoted semicolons otherwise.
 */
export function splitStatements(sql: string): string[] {
  const statements: string[] = [];
  let current = '';
  sql.split('$$').forEach((part, index) => {
    if (index % 2 === 1) {
      current += `$$${part}$$`;
      return;
    }
    const pieces = part.split(/;\s*\n/);
    current += pieces[0] ?? '';
    for (const piece of pieces.slice(1)) {
      statements.push(current);
      current = piece;
    }
  });
  statements.push(current);
  return statements.map((statement) => statement.replace(/^\s*--.*$/gm, '').trim()).filter((statement) => statement.length > 0);
}
