import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { customerKeys, normalizeEmail, normalizePhone } from './customer';

describe('customer normalisation for de-duplication', () => {
  it.each([
    ['+63 917 123 4567', '639171234567'],
    ['0063-917-123-4567', '639171234567'],
    ['0917 123 4567', '639171234567'],
    ['(917) 123-4567', '639171234567'],
    ['917.123.4567', '639171234567'],
  ])('phone %s → %s with default country code 63', (raw, expected) => {
    expect(normalizePhone(raw, '63')).toBe(expected);
  });

  it('uses the configured default country code', () => {
    expect(normalizePhone('0917 123 4567', '+44')).toBe('449171234567');
    expect(normalizePhone('+63 917 123 4567', '44')).toBe('639171234567');
  });

  it('has no key for empty or too-short phones', () => {
    expect(normalizePhone('', '63')).toBeNull();
    expect(normalizePhone(null, '63')).toBeNull();
    expect(normalizePhone('12-34', '63')).toBeNull();
  });

  it('trims and lower-cases e-mail', () => {
    expect(normalizeEmail('  Maria.Santos@Example.COM ')).toBe('maria.santos@example.com');
    expect(normalizeEmail('')).toBeNull();
    expect(normalizeEmail('not-an-email')).toBeNull();
  });

  it('formatting never changes the phone key', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[1-9]\d{9}$/), fc.constantFrom(' ', '-', '.', ''), (digits, sep) => {
        const spaced = `0${digits.slice(0, 3)}${sep}${digits.slice(3, 6)}${sep}${digits.slice(6)}`;
        expect(normalizePhone(spaced, '63')).toBe(normalizePhone(`+63${digits}`, '63'));
      }),
    );
  });

  it('gives both keys of a customer', () => {
    expect(customerKeys({ phone: '0917 123 4567', email: 'A@B.CO' }, '63')).toEqual({ phone: '639171234567', email: 'a@b.co' });
  });
});
