import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { Message } from '../../../src-shared/contract/entities.schema';
import { Chatter } from './Chatter';

const at = (minute: number) => `2026-03-01T09:${String(minute).padStart(2, '0')}:00Z`;
const message = (id: string, minute: number, patch: Partial<Message>): Message => ({ id, leadId: 'lead-1', kind: 'system', body: '', authorId: null, createdAt: at(minute), ...patch });

const afterRetry: Message[] = [
  message('m1', 1, { kind: 'note', body: 'Customer confirmed the Fortuner.', authorId: 'u-agent1' }),
  message('m2', 2, { kind: 'error', body: 'Mark as Won failed: the dealer could not be reached (dealer_unreachable)\nThe lead stays in Negotiation.' }),
  message('m3', 3, { kind: 'tracking', body: 'Stage: Negotiation → Won', tracking: [{ field: 'Stage', from: 'Negotiation', to: 'Won' }] }),
  message('m4', 4, { kind: 'system', body: 'Sales Order S00012 created on Metro Toyota' }),
];

const entries = () => [...screen.getByRole('region', { name: 'Chatter' }).querySelectorAll('.chatter-list > li')];

describe('Chatter', () => {
  it('shows the newest entry first, as Odoo does: after a retry, the Sales Order is what is in view', () => {
    render(<Chatter leadId="lead-1" messages={afterRetry} pending={[]} users={[{ id: 'u-agent1', name: 'Ana Agent' } as never]} canPost={false} dealerSoName="S00012" />);
    const texts = entries().map((entry) => entry.textContent ?? '');
    expect(texts[0]).toContain('Sales Order S00012 created on Metro Toyota');
    expect(texts.at(-1)).toContain('Customer confirmed the Fortuner.');
  });

  it('says that a Won failure was resolved by a later success, and only then', () => {
    const { unmount } = render(<Chatter leadId="lead-1" messages={afterRetry} pending={[]} users={[]} canPost={false} dealerSoName="S00012" />);
    const failure = entries().find((entry) => entry.textContent?.includes('Mark as Won failed'));
    expect(failure?.className).toContain('chatter-superseded');
    expect(failure?.textContent).toContain('Resolved since: a later Mark as Won created Sales Order S00012.');
    unmount();
    render(<Chatter leadId="lead-1" messages={afterRetry.slice(0, 2)} pending={[]} users={[]} canPost={false} dealerSoName={null} />);
    const stillFailed = entries().find((entry) => entry.textContent?.includes('Mark as Won failed'));
    expect(stillFailed?.className).not.toContain('chatter-superseded');
    expect(screen.queryByText(/Resolved since/)).toBeNull();
  });
});
