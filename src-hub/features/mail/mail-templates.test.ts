import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_CONFIG } from '../../server';
import { floorTimeZoneOf } from './mail-config';
import { activityReminderMail, floorTime } from './mail-templates';

const DUE = new Date('2026-11-23T09:30:00Z');

describe('floorTime', () => {
  it('writes the moment as the floor’s clocks show it, naming the zone', () => {
    expect(floorTime(DUE, 'UTC')).toBe('2026-11-23 09:30 UTC');
    expect(floorTime(DUE, 'Asia/Manila')).toBe('2026-11-23 17:30 Asia/Manila');
    // Across midnight and daylight saving: New York is UTC−5 in November, UTC−4 in July.
    expect(floorTime(new Date('2026-11-23T02:15:00Z'), 'America/New_York')).toBe('2026-11-22 21:15 America/New_York');
    expect(floorTime(new Date('2026-07-01T02:15:00Z'), 'America/New_York')).toBe('2026-06-30 22:15 America/New_York');
    expect(floorTime(new Date('2026-11-23T00:00:00Z'), 'UTC')).toBe('2026-11-23 00:00 UTC');
  });
});

describe('activityReminderMail', () => {
  it('gives the due time in the floor’s zone, in the subject and the body', () => {
    const mail = activityReminderMail({
      assigneeName: 'Maria Santos',
      activityLabel: 'Showroom visit',
      summary: 'Test drive of the Vios',
      dueAt: DUE,
      leadRef: 'LEAD/2026/00042',
      customerName: 'Lorna Villareal',
      customerPhone: null,
      timeZone: 'Asia/Manila',
    });
    expect(mail.subject).toBe('Reminder: Showroom visit due 2026-11-23 17:30 Asia/Manila — LEAD/2026/00042 Lorna Villareal');
    expect(mail.body).toContain('Your showroom visit on lead LEAD/2026/00042 is due (2026-11-23 17:30 Asia/Manila):');
    expect(mail.body).toContain('Phone: (none)');
  });
});

describe('floorTimeZoneOf', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('takes the configuration, then FLOOR_TIME_ZONE, then UTC', () => {
    vi.stubEnv('FLOOR_TIME_ZONE', '');
    expect(floorTimeZoneOf(DEFAULT_CONFIG)).toBe('UTC');
    vi.stubEnv('FLOOR_TIME_ZONE', 'Asia/Manila');
    expect(floorTimeZoneOf(DEFAULT_CONFIG)).toBe('Asia/Manila');
    expect(floorTimeZoneOf({ ...DEFAULT_CONFIG, floorTimeZone: 'Europe/Madrid' })).toBe('Europe/Madrid');
  });

  it('refuses a name the runtime does not know, naming the setting and what to write', () => {
    vi.stubEnv('FLOOR_TIME_ZONE', 'Manila');
    expect(() => floorTimeZoneOf(DEFAULT_CONFIG)).toThrow('FLOOR_TIME_ZONE: "Manila" is not a time zone name; use an IANA name such as Asia/Manila, or UTC.');
    expect(() => floorTimeZoneOf({ ...DEFAULT_CONFIG, floorTimeZone: 'Mars/Olympus' })).toThrow('"Mars/Olympus"');
  });
});
