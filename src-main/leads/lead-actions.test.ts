import { describe, expect, it } from 'vitest';
import { telUrl } from './lead-actions';

describe('Call Customer dialer link', () => {
  it('is tel: with the number\'s digits and nothing else', () => {
    expect(telUrl('+63 917 123 4567')).toBe('tel:+639171234567');
    expect(telUrl('0917-123-4567')).toBe('tel:09171234567');
    expect(telUrl('0063 917 123 4567')).toBe('tel:+639171234567');
    expect(telUrl('(02) 8123 4567')).toBe('tel:0281234567');
  });

  it('refuses anything that is not a phone number', () => {
    for (const bad of ['javascript:alert(1)', '12', 'https://evil.example/9171234567', '0917 123 4567; rm -rf', '1'.repeat(25)]) {
      expect(() => telUrl(bad)).toThrow(/not a phone number/);
    }
  });
});
