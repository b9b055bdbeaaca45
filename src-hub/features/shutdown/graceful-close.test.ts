import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { Readiness } from '../../../src-shared/contract/health.schema';
import { openDatabase } from '../../db/open-database';
import { buildHub } from '../../server';
import { pgliteSnapshot, testLogger } from '../../testing/hub-test-env';
import { SecretBox } from '../secrets/secret-box';
import { DEFAULT_SHUTDOWN_GRACE_MS, closeGracefully, shutdownGraceOf } from './graceful-close';

describe('graceful close', () => {
  it('reports not ready as soon as closing starts', async () => {
    const db = await openDatabase({ dataDir: null, pgliteSnapshot: pgliteSnapshot() });
    const { app, hub } = await buildHub({ db, secrets: SecretBox.ephemeral(), logger: testLogger() });
    const seen: Readiness[] = [];
    app.addHook('preClose', (done) => {
      void hub.readiness.run().then((readiness) => {
        seen.push(readiness);
        done();
      });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    expect((await hub.readiness.run()).checks['shutdown']).toEqual({ ok: true, detail: 'running' });
    expect(await closeGracefully(app, 1000)).toEqual({ forced: false });
    expect(seen[0]?.status).toBe('not_ready');
    expect(seen[0]?.checks['shutdown']).toEqual({ ok: false, detail: 'shutting down' });
    await db.close();
  });

  it('does not wait for a connection that never sent a request', async () => {
    const db = await openDatabase({ dataDir: null, pgliteSnapshot: pgliteSnapshot() });
    const { app } = await buildHub({ db, secrets: SecretBox.ephemeral(), logger: testLogger() });
    await app.listen({ port: 0, host: '127.0.0.1' });
    // A client that opened a connection and sends nothing on it (node's server counts it as busy, not idle).
    const silent = connect((app.server.address() as AddressInfo).port, '127.0.0.1');
    await new Promise((resolve) => silent.once('connect', resolve));
    const dropped = new Promise((resolve) => silent.once('close', resolve));
    const started = Date.now();
    expect(await closeGracefully(app, 5000)).toEqual({ forced: false });
    expect(Date.now() - started).toBeLessThan(2000);
    await dropped;
    await db.close();
  });

  it('reads HUB_SHUTDOWN_GRACE_MS, refusing what is not a duration', () => {
    expect(shutdownGraceOf(undefined)).toBe(DEFAULT_SHUTDOWN_GRACE_MS);
    expect(shutdownGraceOf(' 2500 ')).toBe(2500);
    for (const bad of ['soon', '-1', '1.5', '700000']) expect(() => shutdownGraceOf(bad)).toThrow(`HUB_SHUTDOWN_GRACE_MS: "${bad}"`);
  });
});
