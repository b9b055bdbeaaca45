import { describe, expect, it } from 'vitest';
import type { WonProgress } from '../../src-shared/contract/ipc.contract';
import { IPC_EVENTS } from '../../src-shared/contract/ipc.contract';
import { WonProgressTracker } from './won-progress';

describe('WonProgressTracker', () => {
  it('sends the whole step list on every change, valid for the won:progress event', () => {
    const events: WonProgress[] = [];
    const progress = new WonProgressTracker('42', (event) => events.push(event));
    progress.running('prepare');
    progress.done('prepare');
    progress.useDealership('Sandbox Motors');
    progress.running('partner');
    progress.failed();
    expect(events.map((event) => event.steps.map((step) => step.state))).toEqual([
      ['running', 'pending', 'pending', 'pending'],
      ['done', 'pending', 'pending', 'pending'],
      ['done', 'running', 'pending', 'pending'],
      ['done', 'failed', 'pending', 'pending'],
    ]);
    expect(events.at(-1)?.steps.map((step) => step.label)).toEqual([
      'Check the lead with the hub',
      'Find or create the customer on Sandbox Motors',
      'Find or create the Sales Order on Sandbox Motors',
      'Record the Sales Order on the lead',
    ]);
    // Earlier events are snapshots, not views of the tracker's state.
    expect(events[0]?.steps[0]?.state).toBe('running');
    for (const event of events) expect(IPC_EVENTS['won:progress'].parse(event)).toEqual(event);
  });
});
