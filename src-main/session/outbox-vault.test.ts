import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../ipc/app-failure';
import { FileVaultRecordStore, KeptOutboxKeys, MemoryVaultRecordStore, outboxOwner } from './kept-outbox-keys';
import { createVaultRecord, openSealed, sealFor, unwrapPrivateKey } from './outbox-vault';

const CHEAP = { N: 1024, r: 8, p: 1 };
const MARIA = outboxOwner('http://hub.test', 'u-maria');
const JOSE = outboxOwner('http://hub.test', 'u-jose');
const NOTE = JSON.stringify([{ body: 'the customer prefers a call after 6 pm' }]);

async function codeOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return error instanceof AppFailure ? error.appError.code : 'not an AppFailure';
  }
  return undefined;
}

describe('sealed outboxes', () => {
  it('open only with the owner\'s private key, for the owner they were sealed for, unaltered', async () => {
    const maria = await createVaultRecord('hers', CHEAP);
    const jose = await createVaultRecord('his', CHEAP);
    const sealed = sealFor(maria.record.publicKey, MARIA, NOTE);
    expect(sealed).not.toContain('6 pm');
    expect(Buffer.from(sealed.split('.')[1] ?? '', 'base64url').toString()).not.toContain('6 pm');
    expect(openSealed(maria.privateKey, MARIA, sealed)).toBe(NOTE);
    expect(() => openSealed(jose.privateKey, MARIA, sealed)).toThrow();
    expect(() => openSealed(maria.privateKey, JOSE, sealed)).toThrow();
    const inner = JSON.parse(Buffer.from(sealed.slice('bpo-kept-1.'.length), 'base64url').toString()) as { data: string };
    const flipped = Buffer.from(inner.data, 'base64');
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    const altered = 'bpo-kept-1.' + Buffer.from(JSON.stringify({ ...inner, data: flipped.toString('base64') })).toString('base64url');
    expect(() => openSealed(maria.privateKey, MARIA, altered)).toThrow();
  });

  it('keep the private key wrapped by the password: the right one unwraps it, another does not', async () => {
    const { record } = await createVaultRecord('hers', CHEAP);
    expect(await unwrapPrivateKey(record, 'not hers')).toBeNull();
    const key = await unwrapPrivateKey(record, 'hers');
    expect(key?.asymmetricKeyType).toBe('x25519');
  });
});

describe('KeptOutboxKeys', () => {
  it('seals for anyone with a key here, opens only for the person who proved their password', async () => {
    const keys = new KeptOutboxKeys(new MemoryVaultRecordStore(), CHEAP);
    expect(await codeOf(() => keys.seal(MARIA, NOTE))).toBe('not_found');
    await keys.signedIn(MARIA, 'hers');
    await keys.signedIn(JOSE, 'his'); // Jose signs in next: Maria's key leaves memory
    const sealed = await keys.seal(MARIA, NOTE);
    expect(await codeOf(() => keys.open(MARIA, sealed))).toBe('forbidden');
    await keys.signedIn(MARIA, 'hers');
    expect(await keys.open(MARIA, sealed)).toBe(NOTE);
    keys.forget();
    expect(await codeOf(() => keys.open(MARIA, sealed))).toBe('forbidden');
  });

  it('keeps one key pair per person across sign-ins, in an owner-only file without the private key in the clear', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'outbox-keys-')), 'outbox-keys.json');
    const first = new KeptOutboxKeys(new FileVaultRecordStore(path), CHEAP);
    await first.signedIn(MARIA, 'hers');
    const sealed = await first.seal(MARIA, NOTE);
    const file = readFileSync(path, 'utf8');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(file).not.toContain('PRIVATE KEY');
    // The next run of the app: the same person's password opens what the last run sealed.
    const next = new KeptOutboxKeys(new FileVaultRecordStore(path), CHEAP);
    await next.signedIn(MARIA, 'hers');
    expect(await next.open(MARIA, sealed)).toBe(NOTE);
  });

  it('after a password change makes a new pair; what the old one sealed stays sealed (refused, never opened wrongly)', async () => {
    const keys = new KeptOutboxKeys(new MemoryVaultRecordStore(), CHEAP);
    await keys.signedIn(MARIA, 'old password');
    const sealed = await keys.seal(MARIA, NOTE);
    await keys.signedIn(MARIA, 'new password');
    expect(await codeOf(() => keys.open(MARIA, sealed))).toBe('forbidden');
    expect(await keys.open(MARIA, await keys.seal(MARIA, NOTE))).toBe(NOTE);
  });

  it('reads an unreadable key file as empty instead of failing the sign-in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'outbox-keys-'));
    const path = join(dir, 'outbox-keys.json');
    writeFileSync(path, '{not json');
    const keys = new KeptOutboxKeys(new FileVaultRecordStore(path), CHEAP);
    await keys.signedIn(MARIA, 'hers');
    expect(await keys.open(MARIA, await keys.seal(MARIA, NOTE))).toBe(NOTE);
  });

  it('lets a sign-in go on while the key is unwrapped; opening waits for it, and only the latest sign-in\'s key is kept', async () => {
    const keys = new KeptOutboxKeys(new MemoryVaultRecordStore(), CHEAP);
    await keys.signedIn(MARIA, 'hers');
    const sealed = await keys.seal(MARIA, NOTE);
    void keys.signedIn(JOSE, 'his');
    void keys.signedIn(MARIA, 'hers'); // not awaited, as at sign-in: Jose's slower first key must not win
    expect(await keys.open(MARIA, sealed)).toBe(NOTE);
  });
});
