import { describe, expect, it } from 'vitest';
import { makeVerifier, matchesVerifier } from './local-verifier';

const cheap = { N: 1024, r: 8, p: 1 };

describe('the offline unlock verifier', () => {
  it('is a salted scrypt hash that never holds the password, and matches only the same password', async () => {
    const verifier = await makeVerifier('correct horse battery', cheap);
    expect(verifier).toMatch(/^scrypt\$1024\$8\$1\$/);
    expect(verifier).not.toContain('correct');
    expect(Buffer.from(verifier).toString('latin1')).not.toContain('horse');
    expect(await makeVerifier('correct horse battery', cheap)).not.toBe(verifier);
    expect(await matchesVerifier('correct horse battery', verifier)).toBe(true);
    expect(await matchesVerifier('correct horse batter', verifier)).toBe(false);
    expect(await matchesVerifier('correct horse battery', 'scrypt$1024$8$1$bm9wZQ==')).toBe(false);
    expect(await matchesVerifier('x', 'garbage')).toBe(false);
  });
});
