import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import type { Message } from '../../../src-shared/contract/entities.schema';
import { formatWhen } from '../wizards/local-time';
import { ChatterEntry } from './ChatterEntry';

const message = (patch: Partial<Message>): Message => ({ id: 'm-1', leadId: 'lead-1', kind: 'system', body: '', authorId: 'u-agent1', createdAt: '2026-03-01T09:00:00Z', ...patch });

describe('ChatterEntry times', () => {
  it('shows the due time the hub wrote in UTC in the user\'s time zone, the UTC text on hover', () => {
    render(<ChatterEntry message={message({ body: 'Showroom visit scheduled for 2026-03-05T09:30:00.000Z: test drive' })} author="Ana Agent" />);
    const body = document.querySelector('.chatter-body');
    expect(body?.textContent).toBe(`Showroom visit scheduled for ${formatWhen('2026-03-05T09:30:00.000Z')}: test drive`);
    const time = body?.querySelector('time');
    expect(time?.getAttribute('dateTime')).toBe('2026-03-05T09:30:00.000Z');
    expect(time?.getAttribute('title')).toBe('2026-03-05T09:30:00.000Z');
  });

  it('does the same for entries written before, as "YYYY-MM-DD HH:MM UTC"', () => {
    render(<ChatterEntry message={message({ body: 'Call scheduled for 2026-03-05 09:30 UTC: call back' })} author="Ana Agent" />);
    expect(document.querySelector('.chatter-body')?.textContent).toBe(`Call scheduled for ${formatWhen('2026-03-05T09:30:00.000Z')}: call back`);
    expect(screen.queryByText(/UTC/)).toBeNull();
  });

  it('leaves what people wrote exactly as written', () => {
    render(<ChatterEntry message={message({ kind: 'note', body: 'Customer said 2026-03-05T09:30:00Z works' })} author="Ana Agent" />);
    expect(document.querySelector('.chatter-body')?.textContent).toBe('Customer said 2026-03-05T09:30:00Z works');
    expect(document.querySelector('.chatter-body time')).toBeNull();
  });
});
