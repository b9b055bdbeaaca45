import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

describe('secret box (AES-256-GCM)', () => {
  it('seals and opens; the sealed text does not contain the secret', () => {
    const box = SecretBox.ephemeral();
    const sealed = box.seal('sandbox-api-key');
    expect(sealed).not.toContain('sandbox-api-key');
    expect(box.open(sealed)).toBe('sandbox-api-key');
    expect(box.seal('x')).not.toBe(box.seal('x'));
  });

  it('refuses a tampered or foreign secret', () => {
    const box = SecretBox.ephemeral();
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => SecretBox.ephemeral().open(sealed)).toThrow();
  });

  it('keeps its key in the data folder (owner-only) or takes HUB_SECRET', () => {
    const dir = mkdtempSync(join(tmpdir(), 'secret-box-'));
    const sealed = SecretBox.load({ dataDir: dir }).seal('k');
    expect(SecretBox.load({ dataDir: dir }).open(sealed)).toBe('k');
    expect(statSync(join(dir, 'hub-secret.key')).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(join(dir, 'hub-secret.key'), 'utf8'), 'base64')).toHaveLength(32);
    const fromEnv = SecretBox.load({ hubSecret: 'a long enough hub secret', dataDir: null });
    expect(SecretBox.load({ hubSecret: 'a long enough hub secret', dataDir: dir }).open(fromEnv.seal('z'))).toBe('z');
    expect(() => SecretBox.load({ dataDir: null })).toThrow(/HUB_SECRET/);
    expect(() => SecretBox.load({ hubSecret: 'short', dataDir: null })).toThrow(/16 characters/);
  });
});
