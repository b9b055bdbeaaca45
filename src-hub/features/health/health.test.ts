import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Readiness } from '../../../src-shared/contract/health.schema';
import { openDatabase } from '../../db/open-database';
import { ManualClock } from '../../http/clock';
import { buildHub, DEFAULT_CONFIG } from '../../server';
import { BACKENDS, pgliteSnapshot, startTestHub, testLogger, type TestHub } from '../../testing/hub-test-env';
import { MailWorker } from '../mail/mail-worker';
import { SecretBox } from '../secrets/secret-box';

const root = (env: TestHub) => env.hub.url;

describe.each(BACKENDS)('health probes on %s', (backend) => {
  let env: TestHub;

  beforeAll(async () => {
    env = await startTestHub(backend);
  });
  afterAll(() => env.close());

  it('GET /healthz answers at the root without a token', async () => {
    const answer = await fetch(`${root(env)}/healthz`);
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${root(env)}/api/v1/healthz`)).status).toBe(404);
  });

  it('GET /readyz is 200 with each check when the database answers, migrations are current, the mail worker runs and no stop has begun', async () => {
    const answer = await fetch(`${root(env)}/readyz`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    const body = (await answer.json()) as Readiness;
    expect(body.status).toBe('ready');
    expect(Object.keys(body.checks).sort()).toEqual(['database', 'mailWorker', 'migrations', 'shutdown']);
    expect(Object.values(body.checks).every((check) => check.ok)).toBe(true);
  });

  it('GET /readyz is 503 naming a migration the database lacks', async () => {
    const [latest] = await env.db.query<{ version: number; name: string }>('select version, name from schema_migrations order by version desc limit 1');
    await env.db.query('delete from schema_migrations where version = $1', [latest?.version]);
    try {
      const answer = await fetch(`${root(env)}/readyz`);
      expect(answer.status).toBe(503);
      const body = (await answer.json()) as Readiness;
      expect(body.status).toBe('not_ready');
      expect(body.checks['migrations']).toEqual({ ok: false, detail: `pending: ${latest?.version} (${latest?.name}); run hub admin migrate` });
      expect(body.checks['database']?.ok).toBe(true);
    } finally {
      await env.db.query('insert into schema_migrations (version, name) values ($1, $2)', [latest?.version, latest?.name]);
    }
  });
});

describe('readiness when things are down', () => {
  it('is 503 when the database does not answer', async () => {
    const db = await openDatabase({ dataDir: null, pgliteSnapshot: pgliteSnapshot() });
    const { app } = await buildHub({ db, secrets: SecretBox.ephemeral(), logger: testLogger() });
    await db.close();
    const answer = await app.inject({ method: 'GET', url: '/readyz' });
    expect(answer.statusCode).toBe(503);
    expect(answer.json<Readiness>().checks['database']?.ok).toBe(false);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200); // alive all the same
    await app.close();
  });

  it('reports a mail worker that stopped ticking, or was stopped', async () => {
    const db = await openDatabase({ dataDir: null, pgliteSnapshot: pgliteSnapshot() });
    const worker = new MailWorker({ db, clock: new ManualClock(), config: { ...DEFAULT_CONFIG, smtpUrl: null }, log: { info: () => undefined, error: () => undefined } });
    try {
      worker.start(1_000);
      expect(worker.health().ok).toBe(true);
      expect(worker.health(Date.now() + 60_000)).toEqual({ ok: false, detail: 'no tick for 60 s (every 1 s expected)' });
      await worker.stop();
      expect(worker.health()).toEqual({ ok: false, detail: 'stopped' });
    } finally {
      await worker.stop();
      await db.close();
    }
  });

  it('documents both probes at the root in the OpenAPI document', async () => {
    const db = await openDatabase({ dataDir: null, pgliteSnapshot: pgliteSnapshot() });
    const { app } = await buildHub({ db, secrets: SecretBox.ephemeral(), logger: testLogger() });
    const paths = (await app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>().paths;
    expect(paths['/healthz']?.get).toBeDefined();
    expect(Object.keys(paths['/readyz']?.get?.responses ?? {})).toEqual(expect.arrayContaining(['200', '503']));
    expect(paths['/api/v1/healthz']).toBeUndefined();
    await app.close();
    await db.close();
  });
});
