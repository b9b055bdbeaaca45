import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

/** Encryption of secrets at rest: Electron's safeStorage in the app, a test double under Node. */
export interface SecretCipher {
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

/** Where the session (hub URL, token, user) is kept between runs, encrypted. */
export interface SecretStore {
  read(): string | null;
  write(plain: string): void;
  clear(): void;
}

/** A file holding the encrypted secret, owner-only, replaced atomically. */
export class FileSecretStore implements SecretStore {
  constructor(
    private readonly path: string,
    private readonly cipher: SecretCipher,
  ) {}

  read(): string | null {
    if (!existsSync(this.path)) return null;
    try {
      return this.cipher.decrypt(readFileSync(this.path));
    } catch {
      // Unreadable (another OS user, a reinstalled keychain): the user signs in again.
      return null;
    }
  }

  write(plain: string): void {
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, this.cipher.encrypt(plain), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }

  clear(): void {
    rmSync(this.path, { force: true });
  }
}
