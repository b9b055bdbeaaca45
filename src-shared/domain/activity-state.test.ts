import { describe, expect, it } from 'vitest';
import { activityState, leadActivityState } from './activity-state';

const now = new Date('2026-11-23T15:00:00Z');

describe('activity pill', () => {
  it('red overdue, yellow today, green planned (by calendar day in UTC)', () => {
    expect(activityState('2026-11-22T23:59:00Z', now, 'UTC')).toBe('overdue');
    expect(activityState('2026-11-23T00:00:00Z', now, 'UTC')).toBe('today');
    expect(activityState('2026-11-23T09:00:00Z', now, 'UTC')).toBe('today');
    expect(activityState('2026-11-23T23:59:00Z', now, 'UTC')).toBe('today');
    expect(activityState('2026-11-24T00:00:00Z', now, 'UTC')).toBe('planned');
  });

  it('"today" is the user\'s day: the same instant differs between Manila and Los Angeles', () => {
    // 15:00 UTC is 23:00 on the 23rd in Manila and 07:00 on the 23rd in Los Angeles.
    const due = '2026-11-23T17:00:00Z'; // 01:00 on the 24th in Manila, 09:00 on the 23rd in Los Angeles
    expect(activityState(due, now, 'Asia/Manila')).toBe('planned');
    expect(activityState(due, now, 'America/Los_Angeles')).toBe('today');
    const early = '2026-11-23T02:00:00Z'; // 10:00 on the 23rd in Manila, 18:00 on the 22nd in Los Angeles
    expect(activityState(early, now, 'Asia/Manila')).toBe('today');
    expect(activityState(early, now, 'America/Los_Angeles')).toBe('overdue');
  });

  it('a lead shows its most urgent open activity and ignores done ones', () => {
    const planned = { dueAt: '2026-11-30T10:00:00Z', done: false };
    const today = { dueAt: '2026-11-23T10:00:00Z', done: false };
    const overdueDone = { dueAt: '2026-11-01T10:00:00Z', done: true };
    const overdue = { dueAt: '2026-11-01T10:00:00Z', done: false };
    expect(leadActivityState([], now, 'UTC')).toBeNull();
    expect(leadActivityState([overdueDone], now, 'UTC')).toBeNull();
    expect(leadActivityState([planned, overdueDone], now, 'UTC')).toBe('planned');
    expect(leadActivityState([planned, today], now, 'UTC')).toBe('today');
    expect(leadActivityState([planned, overdue, today], now, 'UTC')).toBe('overdue');
  });

  it('asked again with another day, zone or due time, answers for those (the remembered days are keyed by all three)', () => {
    const due = '2026-11-24T10:00:00Z';
    expect(activityState(due, now, 'UTC')).toBe('planned');
    expect(activityState(due, new Date('2026-11-24T12:00:00Z'), 'UTC')).toBe('today');
    expect(activityState(due, new Date('2026-11-25T12:00:00Z'), 'UTC')).toBe('overdue');
    expect(activityState(due, new Date('2026-11-24T12:00:00Z'), 'Pacific/Pago_Pago')).toBe('overdue');
    expect(activityState(new Date(due), now, 'UTC')).toBe('planned');
    expect(activityState('2026-11-23T10:00:00Z', now, 'UTC')).toBe('today');
  });
});
