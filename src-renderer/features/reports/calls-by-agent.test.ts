import { describe, expect, it } from 'vitest';
import { callsByAgent } from './calls-by-agent';

describe('callsByAgent', () => {
  it('gives each agent every day of the report, counts by result and totals, agents by name', () => {
    const agents = callsByAgent([
      { userId: 'u2', name: 'Ruth', day: '2026-03-10', result: 'busy', calls: 2 },
      { userId: 'u1', name: 'Ana', day: '2026-03-09', result: 'answered', calls: 3 },
      { userId: 'u1', name: 'Ana', day: '2026-03-09', result: 'voicemail', calls: 1 },
    ]);
    expect(agents.map((agent) => [agent.name, agent.total])).toEqual([
      ['Ana', 4],
      ['Ruth', 2],
    ]);
    expect(agents[0]?.days).toEqual([
      { day: '2026-03-09', answered: 3, no_answer: 0, busy: 0, voicemail: 1, wrong_number: 0, total: 4 },
      { day: '2026-03-10', answered: 0, no_answer: 0, busy: 0, voicemail: 0, wrong_number: 0, total: 0 },
    ]);
    expect(agents[1]?.days.map((day) => day.busy)).toEqual([0, 2]);
  });

  it('is empty without calls', () => {
    expect(callsByAgent([])).toEqual([]);
  });
});
