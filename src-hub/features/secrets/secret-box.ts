import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** AES-256-GCM for secrets at rest (dealer API keys): `v1.<iv>.<tag>.<ciphertext>`, base64url parts. */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static fromKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('The hub secret must be 32 bytes.');
    return new SecretBox(key);
  }

  /** HUB_SECRET (any text, hashed to 32 bytes), else a key file in the data folder, created on first start. */
  static load(options: { hubSecret?: string | undefined; dataDir: string | null }): SecretBox {
    if (options.hubSecret) {
      if (options.hubSecret.length < 16) throw new Error('HUB_SECRET must be at least 16 characters.');
      return new SecretBox(createHash('sha256').update(options.hubSecret).digest());
    }
    if (!options.dataDir) {
      throw new Error('Set HUB_SECRET (at least 16 characters): with DATABASE_URL and no --data folder there is nowhere to keep the key that encrypts dealer API keys.');
    }
    const file = join(options.dataDir, 'hub-secret.key');
    if (!existsSync(file)) {
      writeFileSync(file, randomBytes(32).toString('base64'), { mode: 0o600, flag: 'wx' });
      chmodSync(file, 0o600);
    }
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new Error(`The key file ${file} is damaged: it must hold 32 bytes in base64.`);
    return new SecretBox(key);
  }

  /** A throwaway key for in-memory hubs (tests). */
  static ephemeral(): SecretBox {
    return new SecretBox(randomBytes(32));
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Not a sealed secret.');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
