import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import type { Role } from '../../src-shared/domain/roles';
import type { Database, Sql } from '../db/database';
import { hashPassword, type PasswordCost } from '../features/auth/password';
import { hashToken } from '../features/auth/tokens';
import { recordGlobalChange } from '../features/changes/change-log';
import { insertLead, type NewLeadRow } from '../features/leads/lead-create.repo';
import { seedDefaultStages } from '../features/seed/demo-seed';
import { SecretBox } from '../features/secrets/secret-box';
import { createHubLogger, logLevelOf, type HubLogger } from '../features/logging/hub-logger';
import { ManualClock } from '../http/clock';
import type { HubConfig, HubLog } from '../hub-context';
import { startHub, type RunningHub } from '../start-hub';
import { recordContract } from './contract-recorder';
import { createDatabaseFrom, createEmptyDatabase, databaseUrl, dropDatabase } from './migrated-databases';

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

/**
 * The backends the hub's feature tests run on. What differs between the two is two small adapters
 * (src-hub/db/*-database.ts), proved on both by src-hub/db/database.contract.test.ts; the features' SQL is the
 * same on both. Features run on PostgreSQL: everything else that starts a hub (the e2e scenarios and floor
 * rehearsal, the replica model, main's integration and Won tests, training mode) runs PGlite, so without this
 * PostgreSQL would be reached by the contract alone; and only PostgreSQL has real concurrency (PGlite serves
 * one statement at a time), so simultaneous requests in a feature test meet real interleavings there.
 * HUB_TEST_BACKENDS=pglite,postgres runs the feature tests on both, HUB_TEST_BACKENDS=pglite on PGlite.
 */
export const FEATURE_BACKENDS: readonly Backend[] = backendsNamed(process.env['HUB_TEST_BACKENDS'] ?? 'postgres');

function backendsNamed(list: string): Backend[] {
  const names = list.split(',').map((name) => name.trim()).filter((name) => name.length > 0);
  const unknown = names.filter((name) => !(BACKENDS as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) throw new Error(`HUB_TEST_BACKENDS="${list}": expected a comma-separated list of ${BACKENDS.join(', ')}.`);
  return names as Backend[];
}

/** Cheap scrypt for tests: the hashing is real, only its cost is lowered. */
export const TEST_PASSWORD_COST: PasswordCost = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse battery';

/**
 * A fresh PostgreSQL database for one test file, already migrated (a copy of the run's template); dropped by
 * the returned function.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await createDatabaseFrom(adminUrl, inject('postgresTemplate'), name);
  return { url: databaseUrl(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

/** A new PostgreSQL database with no migration applied (not a template copy); dropped by the returned function. */
export async function emptyPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `hub_empty_${process.pid}_${randomBytes(4).toString('hex')}`;
  await createEmptyDatabase(adminUrl, name);
  return { url: databaseUrl(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

let snapshot: Blob | undefined;

/** The run's migrated PGlite data folder (see the global setup), read once per test file. */
export function pgliteSnapshot(): Blob | undefined {
  const path = inject('pgliteSnapshotPath');
  if (!path) return undefined;
  snapshot ??= new Blob([readFileSync(path)]);
  return snapshot;
}

/** Tests are silent unless LOG_LEVEL asks for lines (LOG_LEVEL=debug npx vitest run …). */
export const testLogger = (): HubLogger => createHubLogger({ level: logLevelOf(process.env['LOG_LEVEL'], 'silent') });

export const quietLog: HubLog = { info: () => undefined, error: (message, error) => console.error(message, error) };

export interface TestHub {
  backend: Backend;
  hub: RunningHub;
  db: Database;
  clock: ManualClock;
  url: string;
  /** The PostgreSQL database's URL (null on PGlite), for a second hub on the same database. */
  databaseUrl: string | null;
  close(): Promise<void>;
}

export interface TestHubOptions {
  /** Share this PostgreSQL database (another test hub's `databaseUrl`): not created, seeded or dropped here. */
  databaseUrl?: string;
  /** Serve HTTPS with this certificate and key. */
  tls?: { cert: Buffer; key: Buffer };
  /** Capture the hub's log lines (createHubLogger with a stream); silent by default. */
  logger?: HubLogger;
}

/** A hub on loopback over a fresh database of the given backend, with default stages and no users. */
export async function startTestHub(backend: Backend, config: Partial<HubConfig> = {}, options: TestHubOptions = {}): Promise<TestHub> {
  const clock = new ManualClock(new Date('2026-11-23T09:00:00Z'));
  const shared = backend === 'postgres' ? options.databaseUrl : undefined;
  const pgDb = backend === 'postgres' && !shared ? await freshPostgresDatabase() : null;
  const databaseUrl = shared ?? pgDb?.url ?? null;
  const hub = await startHub({
    storage: { dataDir: null, databaseUrl: databaseUrl ?? undefined, pgliteSnapshot: databaseUrl ? undefined : pgliteSnapshot() },
    clock,
    config: { passwordCost: TEST_PASSWORD_COST, allowLoopbackDealers: true, ...config },
    throttle: { freePerPair: 1000, freePerLogin: 1000, freePerAddress: 100_000, baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 60_000 },
    logger: options.logger ?? testLogger(),
    secrets: SecretBox.ephemeral(),
    ...(options.tls ? { tls: options.tls } : {}),
    instrument: recordContract,
  });
  if (!shared) await hub.db.transaction((tx) => seedDefaultStages(tx));
  return {
    backend,
    hub,
    db: hub.db,
    clock,
    url: `${hub.url}/api/v1`,
    databaseUrl,
    async close() {
      await hub.close();
      await pgDb?.drop();
    },
  };
}

/**
 * Counts the SQL statements the hub runs from now on, inside transactions too: the hub's features hold this
 * very `Database` object, so wrapping its methods sees all of their queries. `stop` puts the methods back.
 */
export function countQueries(db: Database): { count: () => number; stop: () => void } {
  let count = 0;
  const { query, transaction } = db;
  const counted = (sql: Sql): Sql => ({
    query: (text, params) => {
      count++;
      return sql.query(text, params);
    },
  });
  const target = db as { -readonly [K in keyof Database]: Database[K] };
  target.query = counted({ query }).query as Database['query'];
  target.transaction = (work) => transaction((tx) => work(counted(tx)));
  return {
    count: () => count,
    stop: () => {
      target.query = query;
      target.transaction = transaction;
    },
  };
}

/**
 * Waits until every transaction that began before this call has ended, on the whole server. A sync page
 * carries the changes of transactions below its snapshot's xmin, and transaction ids are server-wide: on a
 * PostgreSQL shared with other test files (running at the same time), their transactions in flight hold
 * back what a pull right after a write may carry. The app's next pull brings it; a test that pulls right
 * after writing waits here for the very condition the hub waits for. PGlite has one connection: nothing waits.
 */
export async function olderTransactionsEnded(db: Database, timeoutMs = 15_000): Promise<void> {
  if (db.kind === 'pglite') return;
  const [mark] = await db.query<{ xid: string }>('select pg_current_xact_id()::text as xid');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await db.query<{ ended: boolean }>('select pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 as ended', [mark?.xid]);
    if (row?.ended) return;
    if (Date.now() > deadline) {
      throw new Error(`A transaction older than xid ${mark?.xid} was still running on the test server after ${timeoutMs / 1000} s: ${await horizonHolders(db)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * The sessions holding the server's sync horizon back, oldest first (database, state, age, what they run): what a
 * test that waited in vain for the horizon names in its error, so a hold from another file is found, not guessed.
 */
export async function horizonHolders(db: Database): Promise<string> {
  if (db.kind === 'pglite') return 'none (PGlite)';
  const rows = await db.query<{ datname: string | null; state: string | null; age_s: string | null; xid: string; query: string | null }>(
    `select datname, state, extract(epoch from now() - xact_start)::int::text as age_s, backend_xid::text as xid, left(query, 120) as query
       from pg_stat_activity where backend_xid is not null order by age(backend_xid) desc limit 5`,
  );
  if (rows.length === 0) return 'no session holds a transaction id now';
  return rows.map((row) => `[${row.datname ?? '?'} ${row.state ?? '?'} for ${row.age_s ?? '?'} s, xid ${row.xid}: ${row.query ?? ''}]`).join(' ');
}

const hashes = new Map<string, Promise<string>>();

export async function createUser(db: Database, login: string, role: Role, name = login): Promise<{ id: string; login: string; token: string }> {
  if (!hashes.has(TEST_PASSWORD)) hashes.set(TEST_PASSWORD, hashPassword(TEST_PASSWORD, TEST_PASSWORD_COST));
  const passwordHash = await hashes.get(TEST_PASSWORD)!;
  const token = randomBytes(24).toString('base64url');
  const id = await db.transaction(async (tx) => {
    const [row] = await tx.query<{ id: string }>('insert into users (login, name, email, role, password_hash) values ($1, $2, $3, $4, $5) returning id', [
      login,
      name,
      `${login}@bpo.example`,
      role,
      passwordHash,
    ]);
    await tx.query(`insert into sessions (token_hash, user_id, expires_at) values ($1, $2, now() + interval '10 years')`, [hashToken(token), row?.id]);
    await recordGlobalChange(tx, 'user', row?.id ?? null);
    return row?.id ?? '';
  });
  return { id, login, token };
}

export async function stageIds(db: Database): Promise<Record<string, string>> {
  const rows = await db.query<{ id: string; name: string }>('select id, name from stages');
  return Object.fromEntries(rows.map((row) => [row.name.toLowerCase(), row.id]));
}

let counter = 0;

/** An unclaimed lead in the first open stage. */
export async function createLead(db: Database, overrides: Partial<NewLeadRow> = {}): Promise<{ id: string; ref: string }> {
  const stages = await stageIds(db);
  counter++;
  const row = await db.transaction((tx) =>
    insertLead(
      tx,
      {
        customer: { name: `Customer ${counter}`, phone: `+63 917 555 ${String(1000 + counter).slice(-4)}`, email: `customer${counter}@mail.example` },
        brand: 'Toyota',
        vehicleModel: 'Vios',
        dealershipId: null,
        source: 'Website',
        externalId: null,
        stageId: stages['new'] ?? '',
        createdAt: new Date('2026-11-23T08:00:00Z'),
        ...overrides,
      },
      '63',
    ),
  );
  return { id: row.id, ref: row.ref };
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
}

/** A small HTTP client for tests: real requests on loopback. */
export function api(baseUrl: string, token?: string) {
  const call = async <T = unknown>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T };
  };
  return {
    get: <T = unknown>(path: string, headers?: Record<string, string>) => call<T>('GET', path, undefined, headers),
    post: <T = unknown>(path: string, body?: unknown, headers?: Record<string, string>) => call<T>('POST', path, body, headers),
    patch: <T = unknown>(path: string, body?: unknown) => call<T>('PATCH', path, body),
    delete: <T = unknown>(path: string) => call<T>('DELETE', path),
  };
}
