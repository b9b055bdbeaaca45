import type { CallsReport } from '../../../src-shared/contract/reports.schema';
import { CALL_RESULTS, type CallResult } from '../../../src-shared/domain/call-results';

export type CallCounts = Record<CallResult, number> & { total: number };

export interface AgentCallDay extends CallCounts {
  day: string;
}

export interface AgentCalls {
  userId: string;
  name: string;
  /** Every day of the report (shared by all agents, so their charts line up), 0 where the agent made no call. */
  days: AgentCallDay[];
  total: number;
}

function noCalls(): CallCounts {
  return { ...(Object.fromEntries(CALL_RESULTS.map((result) => [result, 0])) as Record<CallResult, number>), total: 0 };
}

/** The calls report (one row per agent, day and result, non-zero only) as one row per agent and day, by name. */
export function callsByAgent(report: CallsReport): AgentCalls[] {
  const days = [...new Set(report.map((row) => row.day))].sort();
  const agents = new Map<string, { name: string; byDay: Map<string, CallCounts> }>();
  for (const row of report) {
    const agent = agents.get(row.userId) ?? { name: row.name, byDay: new Map<string, CallCounts>() };
    agents.set(row.userId, agent);
    const counts = agent.byDay.get(row.day) ?? noCalls();
    agent.byDay.set(row.day, counts);
    counts[row.result] += row.calls;
    counts.total += row.calls;
  }
  return [...agents.entries()]
    .map(([userId, { name, byDay }]) => {
      const agentDays = days.map((day) => ({ day, ...(byDay.get(day) ?? noCalls()) }));
      return { userId, name, days: agentDays, total: agentDays.reduce((sum, day) => sum + day.total, 0) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
