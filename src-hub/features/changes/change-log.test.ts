import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEATURE_BACKENDS, countQueries, quietLog, startTestHub, type TestHub } from '../../testing/hub-test-env';
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
      // the first notice goes alone, the ones that arrived meanwhile together
      expect(queries.count()).toBeLessThanOrEqual(2);
    } finally {
      queries.stop();
      await tap.stop();
    }
  });
});
