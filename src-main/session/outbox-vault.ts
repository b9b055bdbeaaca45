import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scrypt,
  type KeyObject,
  type ScryptOptions,
} from 'node:crypto';
import { z } from 'zod';
import { DEFAULT_VERIFIER_COST, type VerifierCost } from './local-verifier';

/**
 * Kept outboxes, sealed for one person alone. Each person gets an X25519 key pair on a workstation at their
 * first sign-in: the public key in the clear (so the outbox they leave behind can be sealed by whoever signs in
 * next, even after a crash), the private key wrapped with a key derived from their password (scrypt). A sealed
 * outbox opens only in main, with the private key of the same person, unwrapped at their own sign-in.
 */
export const vaultRecordSchema = z.object({
  v: z.literal(1),
  publicKey: z.string(),
  N: z.int().positive(),
  r: z.int().positive(),
  p: z.int().positive(),
  salt: z.string(),
  iv: z.string(),
  tag: z.string(),
  privateKey: z.string(),
});
export type VaultRecord = z.infer<typeof vaultRecordSchema>;

const SEALED_PREFIX = 'bpo-kept-1.';
const sealedSchema = z.object({ epk: z.string(), iv: z.string(), tag: z.string(), data: z.string() });

function wrappingKey(password: string, salt: Buffer, cost: VerifierCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, 32, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** A new key pair for one person, its private half wrapped with their password. */
export async function createVaultRecord(password: string, cost: VerifierCost = DEFAULT_VERIFIER_COST): Promise<{ record: VaultRecord; privateKey: KeyObject }> {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await wrappingKey(password, salt, cost), iv);
  const wrapped = Buffer.concat([cipher.update(privateKey.export({ type: 'pkcs8', format: 'der' })), cipher.final()]);
  const record: VaultRecord = {
    v: 1,
    publicKey: publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
    ...cost,
    salt: salt.toString('base64'),
    iv: iv.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    privateKey: wrapped.toString('base64'),
  };
  return { record, privateKey };
}

/** The person's private key, or null when the password is not the one it was wrapped with. */
export async function unwrapPrivateKey(record: VaultRecord, password: string): Promise<KeyObject | null> {
  try {
    const key = await wrappingKey(password, Buffer.from(record.salt, 'base64'), record);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(record.iv, 'base64'));
    decipher.setAuthTag(Buffer.from(record.tag, 'base64'));
    const der = Buffer.concat([decipher.update(Buffer.from(record.privateKey, 'base64')), decipher.final()]);
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return null;
  }
}

function contentKey(shared: Buffer, ephemeralPublic: Buffer, owner: string): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, ephemeralPublic, `bpo-kept-outbox:${owner}`, 32));
}

/** Seals a text for the owner of `publicKey` (an ephemeral key agreement, then AES-256-GCM bound to the owner). */
export function sealFor(publicKey: string, owner: string, plaintext: string): string {
  const recipient = createPublicKey({ key: Buffer.from(publicKey, 'base64'), format: 'der', type: 'spki' });
  const ephemeral = generateKeyPairSync('x25519');
  const epk = ephemeral.publicKey.export({ type: 'spki', format: 'der' });
  const key = contentKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), epk, owner);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(owner));
  const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const sealed = { epk: epk.toString('base64'), iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), data: data.toString('base64') };
  return SEALED_PREFIX + Buffer.from(JSON.stringify(sealed)).toString('base64url');
}

/** Opens what `sealFor` sealed for this owner; throws when it was sealed for someone else or was altered. */
export function openSealed(privateKey: KeyObject, owner: string, sealedText: string): string {
  if (!sealedText.startsWith(SEALED_PREFIX)) throw new Error('not a sealed outbox');
  const sealed = sealedSchema.parse(JSON.parse(Buffer.from(sealedText.slice(SEALED_PREFIX.length), 'base64url').toString('utf8')));
  const epk = Buffer.from(sealed.epk, 'base64');
  const ephemeralPublic = createPublicKey({ key: epk, format: 'der', type: 'spki' });
  const key = contentKey(diffieHellman({ privateKey, publicKey: ephemeralPublic }), epk, owner);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(sealed.iv, 'base64'));
  decipher.setAAD(Buffer.from(owner));
  decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
  return Buffer.concat([decipher.update(Buffer.from(sealed.data, 'base64')), decipher.final()]).toString('utf8');
}
