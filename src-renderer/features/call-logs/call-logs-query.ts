import type { CallLogsQueryInput } from '../../../src-shared/contract/lead-work.schema';
import type { CallResult } from '../../../src-shared/domain/call-results';
import { localDayStart } from '../all-leads/all-leads-query';

export const CALL_LOGS_PAGE_SIZE = 50;

/** The Call Logs toolbar; empty strings mean "any". */
export interface CallLogsFilter {
  /** A user id; never sent for agents (the hub answers only their own calls anyway). */
  agent: string;
  result: '' | CallResult;
  /** `YYYY-MM-DD`, local, inclusive. */
  from: string;
  /** `YYYY-MM-DD`, local, inclusive (the whole day). */
  to: string;
}

export const EMPTY_CALL_LOGS_FILTER: CallLogsFilter = { agent: '', result: '', from: '', to: '' };

export type CallLogsFilterQuery = Omit<CallLogsQueryInput, 'limit' | 'cursor'>;

/** The hub's `GET /call-logs` filters for the toolbar, or why no call can match. */
export function callLogsQuery(filter: CallLogsFilter, withAgent: boolean): { ok: true; query: CallLogsFilterQuery } | { ok: false; message: string } {
  const from = filter.from ? (localDayStart(filter.from) ?? undefined) : undefined;
  const to = filter.to ? (localDayStart(filter.to, 1) ?? undefined) : undefined;
  if (from && to && Date.parse(from) >= Date.parse(to)) return { ok: false, message: 'No call can match: "From" is after "To".' };
  return {
    ok: true,
    query: {
      ...(withAgent && filter.agent ? { userId: filter.agent } : {}),
      ...(filter.result ? { result: filter.result } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    },
  };
}

export function callLogsPageQuery(query: CallLogsFilterQuery, cursor: string | undefined): CallLogsQueryInput {
  return { ...query, limit: CALL_LOGS_PAGE_SIZE, ...(cursor ? { cursor } : {}) };
}
