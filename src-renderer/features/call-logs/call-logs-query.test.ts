import { describe, expect, it } from 'vitest';
import { EMPTY_CALL_LOGS_FILTER, callLogsPageQuery, callLogsQuery } from './call-logs-query';

describe('Call Logs query', () => {
  it('sends the agent only for those who see every call, and whole local days', () => {
    const filter = { ...EMPTY_CALL_LOGS_FILTER, agent: 'u2', result: 'busy' as const, from: '2026-03-01', to: '2026-03-01' };
    const range = { from: new Date(2026, 2, 1).toISOString(), to: new Date(2026, 2, 2).toISOString() };
    expect(callLogsQuery(filter, true)).toEqual({ ok: true, query: { userId: 'u2', result: 'busy', ...range } });
    expect(callLogsQuery(filter, false)).toEqual({ ok: true, query: { result: 'busy', ...range } });
    expect(callLogsQuery(EMPTY_CALL_LOGS_FILTER, true)).toEqual({ ok: true, query: {} });
  });

  it('refuses a From after To, and pages by cursor', () => {
    expect(callLogsQuery({ ...EMPTY_CALL_LOGS_FILTER, from: '2026-03-02', to: '2026-03-01' }, true)).toMatchObject({ ok: false });
    expect(callLogsPageQuery({ result: 'busy' }, 'c')).toEqual({ result: 'busy', limit: 50, cursor: 'c' });
  });
});
