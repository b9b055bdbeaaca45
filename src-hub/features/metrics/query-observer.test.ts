import { describe, expect, it } from 'vitest';
import { operationOf } from '../../db/timed-database';
import { HubMetrics } from './hub-metrics';
import { observeQueries } from './query-observer';

describe('query observer', () => {
  it('labels statements by operation, a label of few values', () => {
    expect(operationOf('  SELECT 1')).toBe('select');
    expect(operationOf('-- the hot path\n  with claimed as (update …) select …')).toBe('with');
    expect(operationOf('insert into leads …')).toBe('insert');
    expect(operationOf('set transaction isolation level repeatable read')).toBe('other');
    expect(operationOf('')).toBe('other');
  });

  it('counts and logs statements over the threshold, with their SQL and never their values', async () => {
    const metrics = new HubMetrics();
    const logged: string[] = [];
    const observe = observeQueries(metrics, { info: (message) => logged.push(message), error: () => undefined }, 100);
    observe({ operation: 'select', ms: 99, text: 'select 1', failed: false });
    observe({ operation: 'update', ms: 250, text: 'update leads\n   set user_id = $2\n where id = $1', failed: false });
    const text = await metrics.registry.metrics();
    expect(text).toContain('hub_db_slow_queries_total{operation="update"} 1');
    expect(text).not.toContain('hub_db_slow_queries_total{operation="select"}');
    expect(text).toContain('hub_db_query_duration_seconds_count{operation="select"} 1');
    expect(logged).toEqual(['slow query (250 ms): update leads set user_id = $2 where id = $1']);
  });
});
