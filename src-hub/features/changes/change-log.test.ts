import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, countQueries, quietLog, startTestHub, testLogger, type TestHub } from '../../testing/hub-test-env';
import { SecretBox } from '../secrets/secret-box';
import { tapChanges } from '../events/events.testkit';
import { notifyCommitted, type ChangeNotice } from './change-log';

describe.each(FEATURE_BACKENDS)('notices of committed claims on %s', (backend) => {
  let env: TestHub;
  beforeAll(async () => {
    env = await startTestHub(backend);
  });
  afterAll(() => env.close());

  it('are each heard with their own payload, sent in batches rather than one statement each', async () => {
    const tap = await tapChanges(env.db);
    const queries = countQueries(env.db);
    const sent: ChangeNotice[] = Array.from({ length: 40 }, (_unused, index) => ({ leadId: String(1000 + index), users: [String(index % 3 + 1)], pool: true }));
    try {
      await Promise.all(sent.map((notice) => notifyCommitted(env.db, quietLog, notice)));
      for (const notice of sent) await tap.numberOf((heard) => heard.leadId === notice.leadId);
      expect(tap.notices.filter((heard) => heard !== null && Number(heard.leadId) >= 1000)).toEqual(sent);
      // the first waits for the others of the moment (NOTICE_BATCH_MS): one statement for all
      expect(queries.count()).toBe(1);
    } finally {
      queries.stop();
      await tap.stop();
    }
  });

  it('still waiting when their hub closes are sent before it has closed (its database closes next)', async () => {
    const { buildHub } = await import('../../server');
    const { app, hub } = await buildHub({ db: env.db, secrets: SecretBox.ephemeral(), logger: testLogger() });
    let sent = false;
    void notifyCommitted(hub.db, quietLog, { leadId: '77', users: [], pool: true }).then(() => (sent = true));
    expect(sent).toBe(false);
    await app.close();
    expect(sent).toBe(true);
  });
});

