import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useUiStore } from '../../app/ui-store';
import { makeLead, renderWithReplica, seedReplica, signIn, stubCrm } from '../lead-form/lead-form.fixture';
import { WonFailuresPanel } from './WonFailuresPanel';

const failure = (at: string, error: string) => ({ at, error, userId: 'u-agent1' });

describe('Home: my failed Won pushes', () => {
  it("lists the user's own open leads whose Mark as Won failed, newest failure first, each opening its lead", async () => {
    stubCrm({});
    const db = await seedReplica([
      makeLead({ id: 'a', ref: 'LEAD/2026/00001', userId: 'u-agent1', wonFailure: failure('2026-03-01T10:00:00Z', 'Metro is down (dealer_unreachable)') }),
      makeLead({ id: 'b', ref: 'LEAD/2026/00002', userId: 'u-agent1', wonFailure: failure('2026-03-02T10:00:00Z', 'Access denied (dealer_access_denied)') }),
      makeLead({ id: 'c', ref: 'LEAD/2026/00003', userId: 'u-agent2', wonFailure: failure('2026-03-02T10:00:00Z', 'not mine') }),
      makeLead({ id: 'd', ref: 'LEAD/2026/00004', userId: 'u-agent1', wonFailure: null }),
      makeLead({ id: 'e', ref: 'LEAD/2026/00005', userId: 'u-agent1', stageId: 'lost', wonFailure: failure('2026-03-02T10:00:00Z', 'closed since') }),
    ]);
    signIn('u-agent1');
    renderWithReplica(db, <WonFailuresPanel userId="u-agent1" />);
    const panel = await screen.findByRole('region', { name: 'Mark as Won failed' });
    const refs = within(panel).getAllByRole('button').map((button) => button.textContent);
    expect(refs).toEqual(['LEAD/2026/00002', 'LEAD/2026/00001']);
    expect(panel.textContent).toContain('Access denied (dealer_access_denied)');
    await userEvent.click(within(panel).getByRole('button', { name: 'LEAD/2026/00001' }));
    expect(useUiStore.getState().openLeadId).toBe('a');
  });
});
