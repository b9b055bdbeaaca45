import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * The offline unlock check: a salted scrypt hash of the person's password made at sign-in and kept by main with
 * the session (encrypted at rest) — never the password itself. Offline review keeps working for the same
 * person; anyone else can only sign out.
 */
export interface VerifierCost {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_VERIFIER_COST: VerifierCost = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: VerifierCost): Promise<Buffer> {
  const options: ScryptOptions = { N: cost.N, r: cost.r, p: cost.p, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function makeVerifier(password: string, cost: VerifierCost = DEFAULT_VERIFIER_COST): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, cost);
  return `scrypt$${cost.N}$${cost.r}$${cost.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function matchesVerifier(password: string, verifier: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = verifier.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  try {
    const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
    return actual.length === expected.length && timingSafeEqual(actual, expected);
  } catch {
    return false;
  }
}
