import { describe, expect, it } from 'vitest';
import { scrubText, serializeError } from './scrub';

describe('scrubText', () => {
  it('masks e-mail addresses, phone numbers as people type them, and bearer tokens', () => {
    for (const [text, expected] of [
      ['mail 12 to maria.santos+cars@mail.example failed', 'mail 12 to [email] failed'],
      ['Key (customer_phone)=(+639175550199) already exists', 'Key (customer_phone)=([phone]) already exists'],
      ['call +63 917 555 0199 back', 'call [phone] back'],
      ['call 0917-555-0199 back', 'call [phone] back'],
      ['call (02) 8123 4567 back', 'call [phone] back'],
      ['header Authorization: Bearer abc.DEF-123_x= sent', 'header Authorization: Bearer [redacted] sent'],
    ]) {
      expect(scrubText(text ?? '')).toBe(expected);
    }
  });

  it('keeps what is needed to read a log: dates, times, ids, refs, ports, durations', () => {
    for (const text of [
      'request 3f2a9c1e-1234-4cde-8f00-426614174000 failed',
      'at 2026-11-23 09:00:00.123456+00 and 2026-11-23T09:00:00Z',
      'lead LEAD/2026/00042 moved',
      'connect ECONNREFUSED 127.0.0.1:5432',
      'took 1234 ms, 20 rows, lease 7 of user 15',
      'at file:///srv/hub/cli.js:19106:12',
    ]) {
      expect(scrubText(text)).toBe(text);
    }
  });
});

describe('serializeError', () => {
  it('writes kind, code, message and stack only: a database error’s detail and parameters stay out', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "leads_phone" for +63 917 555 0199'), {
      code: '23505',
      detail: 'Key (customer_email)=(maria@mail.example) already exists.',
      parameters: ['+639175550199', 'maria@mail.example'],
    });
    const logged = serializeError(error);
    expect(logged).toMatchObject({ type: 'Error', code: '23505' });
    expect(Object.keys(logged).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(logged)).not.toMatch(/maria|5550199|917 555/);
  });

  it('follows causes and takes what is not an Error as text', () => {
    const wrapped = new Error('relay failed', { cause: new Error('to ops@dealer.example') });
    expect(serializeError(wrapped).cause?.message).toBe('to [email]');
    expect(serializeError('plain +63 917 555 0199')).toEqual({ type: 'string', message: 'plain [phone]' });
  });
});
