import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, screen, waitFor } from '@testing-library/react';
import type { CallLog } from '../../../src-shared/contract/entities.schema';
import { CLOCK_TICK_MS } from '../../ui/use-now';
import { MyPipelineBoard } from './MyPipelineBoard';
import { OpenLeadsBoard } from './OpenLeadsBoard';
import { useOpenLeadsFilter } from './board-filter-store';
import { aLead, giveElementsASize, renderWithReplica } from './board-test-kit';
import { formatWait } from './lead-age';
import { markWhole, unmarkWhole } from '../../db/whole-leads';
import { seedHistory } from '../../db/history-store.fixture';

/** Speed to lead on the cards: the wait since arrival, moving with one shared minute clock. */

const NOW = new Date('2026-03-10T12:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000).toISOString();
const card = (leadId: string) => document.querySelector<HTMLElement>(`.card[data-lead-id="${leadId}"]`);
const ageOf = (leadId: string) => card(leadId)?.querySelector('.card-age')?.textContent;

// Only the interval and the clock are fake: fake-indexeddb runs on the real setTimeout/setImmediate.
const fakeClock = () => vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'Date'], now: NOW });
const tick = () => act(() => vi.advanceTimersByTimeAsync(CLOCK_TICK_MS));

describe('formatWait', () => {
  it('counts minutes in the first hour, then hours, then days and hours', () => {
    expect([0.5, 59.9, 60, 17 * 60 + 4, 1439, 2 * 1440 + 16 * 60 + 5].map((minutes) => formatWait(minutesAgo(minutes), NOW))).toEqual(['0 min', '59 min', '1 h', '17 h', '23 h', '2 d 16 h']);
  });
});

describe('the wait on the cards', () => {
  beforeAll(giveElementsASize);
  afterEach(() => vi.useRealTimers());

  it('Open Leads: an unclaimed card says how long it has waited since arrival, in words, and moves each minute', async () => {
    fakeClock();
    useOpenLeadsFilter.setState({ brand: '', search: '', sort: 'oldest', staleAfterMin: 60 });
    await renderWithReplica(<OpenLeadsBoard role="agent" />, {
      leads: [aLead({ id: '1', createdAt: minutesAgo(9) }), aLead({ id: '2', createdAt: minutesAgo(59) }), aLead({ id: '3', brand: 'Honda', createdAt: minutesAgo(3 * 1440) })],
    });
    await waitFor(() => expect(ageOf('1')).toBe('Waiting 9 min'));
    expect(ageOf('2')).toBe('Waiting 59 min');
    expect(ageOf('3')).toBe('Waiting 3 d 0 h');
    // The card's accessible name is its visible text, the wait included.
    expect(screen.getByRole('button', { name: /LEAD\/2026\/00001\s*Waiting 9 min/ })).toBeTruthy();
    expect(card('1')?.querySelector('.card-age')?.getAttribute('title')).toMatch(/^Created .*; not claimed yet$/);

    await tick();
    expect(ageOf('1')).toBe('Waiting 10 min');
    // Past the first hour the wait counts hours: it must sit beside the reference without cutting it.
    expect(ageOf('2')).toBe('Waiting 1 h');
  });

  it('the stale mark (floor view) moves with the same clock: a lead crossing the threshold turns stale on the tick', async () => {
    fakeClock();
    useOpenLeadsFilter.setState({ brand: '', search: '', sort: 'oldest', staleAfterMin: 60 });
    await renderWithReplica(<OpenLeadsBoard role="supervisor" />, { leads: [aLead({ id: '1', createdAt: minutesAgo(59) })] });
    await waitFor(() => expect(ageOf('1')).toBe('Waiting 59 min'));
    expect(card('1')?.classList.contains('card-stale')).toBe(false);
    await tick();
    expect(card('1')?.classList.contains('card-stale')).toBe(true);
    expect(card('1')?.textContent).toContain('Stale');
  });

  it('runs one clock for every board and card, not a timer per card', async () => {
    fakeClock();
    useOpenLeadsFilter.setState({ brand: '', search: '', sort: 'newest', staleAfterMin: 60 });
    const pool = Array.from({ length: 300 }, (_, index) => aLead({ id: String(index + 1), createdAt: minutesAgo(index) }));
    const mine = Array.from({ length: 20 }, (_, index) => aLead({ id: String(index + 1000), userId: 'u1', createdAt: minutesAgo(index) }));
    await renderWithReplica(
      <>
        <OpenLeadsBoard role="supervisor" />
        <MyPipelineBoard actor={{ id: 'u1', role: 'supervisor' }} />
      </>,
      { leads: [...pool, ...mine] },
    );
    await waitFor(() => expect(ageOf('1')).toBe('Waiting 0 min'));
    await waitFor(() => expect(ageOf('1019')).toBe('No call yet · 19 min'));
    expect(document.querySelectorAll('.card').length).toBeGreaterThan(10);
    expect(vi.getTimerCount()).toBe(1);
    await tick();
    expect(ageOf('1')).toBe('Waiting 1 min');
    expect(ageOf('1019')).toBe('No call yet · 20 min');
    expect(vi.getTimerCount()).toBe(1);
  });

  it('My Pipeline: a claimed lead without a logged call counts from arrival until its first call, then shows its plain age', async () => {
    fakeClock();
    const { db } = await renderWithReplica(<MyPipelineBoard actor={{ id: 'u1', role: 'agent' }} />, {
      leads: [
        aLead({ id: '1', userId: 'u1', stageId: 'new', createdAt: minutesAgo(25) }),
        aLead({ id: '2', userId: 'u1', stageId: 'qualified', createdAt: minutesAgo(90) }),
        aLead({ id: '3', userId: 'u1', stageId: 'won', createdAt: minutesAgo(200) }),
      ],
    });
    // Once every read is in (the board says so), both open leads wait for a call.
    await waitFor(() => expect(document.querySelector('section.board')?.getAttribute('aria-busy')).toBe('false'));
    expect(ageOf('2')).toMatch(/^No call yet · /);
    const call: CallLog = { id: 'c1', leadId: '2', userId: 'u1', durationMin: 3, result: 'answered', summary: '', createdAt: minutesAgo(80) };
    await seedHistory(db, { callLogs: [call] });
    await waitFor(() => expect(ageOf('2')).toBe('1 h 30 min'));
    expect(ageOf('1')).toBe('No call yet · 25 min');
    expect(card('1')?.querySelector('.card-wait-call')?.getAttribute('title')).toMatch(/; no call logged yet$/);
    // Won: closed, nothing waits.
    expect(ageOf('3')).toBe('3 h 20 min');

    await tick();
    expect(ageOf('1')).toBe('No call yet · 26 min');

    // A call logged offline (still in the outbox) ends the wait as well.
    await db.outbox.add({ clientId: 'x', kind: 'call', leadId: '1', body: {}, status: 'pending', attempts: 0, lastError: null, createdAt: NOW.toISOString() });
    await waitFor(() => expect(ageOf('1')).toBe('26 min'));
    expect(card('1')?.querySelector('.card-wait-call')).toBeNull();
  });

  it('My Pipeline: says nothing of a call for a lead whose history is not here yet, then counts once it is', async () => {
    fakeClock();
    const { db } = await renderWithReplica(<MyPipelineBoard actor={{ id: 'u1', role: 'agent' }} />, {
      leads: [aLead({ id: '1', userId: 'u1', stageId: 'new', createdAt: minutesAgo(25) }), aLead({ id: '2', userId: 'u1', stageId: 'new', createdAt: minutesAgo(40) })],
    });
    // A first sync brings the lead row before its calls: lead 2 is held without its history (not whole).
    await db.transaction('rw', db.wholeLeadSets, () => unmarkWhole(db, ['2']));
    await waitFor(() => expect(document.querySelector('section.board')?.getAttribute('aria-busy')).toBe('false'));
    await waitFor(() => expect(ageOf('2')).toBe('40 min'));
    expect(ageOf('1')).toBe('No call yet · 25 min');
    // Its history arrives (no call in it): now it is known to wait.
    await db.transaction('rw', db.wholeLeadSets, () => markWhole(db, ['2']));
    await waitFor(() => expect(ageOf('2')).toBe('No call yet · 40 min'));
  });
});
