import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { Role } from '../../src-shared/domain/roles';
import type { Database } from '../db/database';
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

export type Backend = 'pglite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

/** Cheap scrypt for tests: the hashing is real, only its cost is lowered. */
export const TEST_PASSWORD_COST: PasswordCost = { N: 1024, r: 8, p: 1 };
export const TEST_PASSWORD = 'correct horse battery';

/** A fresh, empty PostgreSQL database for one test file; dropped by the returned function. */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('postgresAdminUrl');
  const name = `hub_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
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
    storage: { dataDir: null, databaseUrl: databaseUrl ?? undefined },
    clock,
    config: { passwordCost: TEST_PASSWORD_COST, allowLoopbackDealers: true, ...config },
    throttle: { freePerPair: 1000, freePerLogin: 1000, freePerAddress: 100_000, baseDelayMs: 1000, maxDelayMs: 60_000, windowMs: 60_000 },
    logger: options.logger ?? testLogger(),
    secrets: SecretBox.ephemeral(),
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
