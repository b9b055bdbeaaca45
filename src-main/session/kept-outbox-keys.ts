import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { AppFailure } from '../ipc/app-failure';
import type { VerifierCost } from './local-verifier';
import { createVaultRecord, openSealed, sealFor, unwrapPrivateKey, vaultRecordSchema, type VaultRecord } from './outbox-vault';

/** Where each person's key record lives on this workstation: a file in the user-data folder, or memory. */
export interface VaultRecordStore {
  get(owner: string): VaultRecord | null;
  set(owner: string, record: VaultRecord): void;
}

const fileSchema = z.object({ owners: z.record(z.string(), vaultRecordSchema) });

/** One owner-only JSON file, replaced atomically; an unreadable file counts as empty (nothing sealed opens then). */
export class FileVaultRecordStore implements VaultRecordStore {
  constructor(private readonly path: string) {}

  get(owner: string): VaultRecord | null {
    return this.read()[owner] ?? null;
  }

  set(owner: string, record: VaultRecord): void {
    const owners = { ...this.read(), [owner]: record };
    const temp = `${this.path}.tmp`;
    writeFileSync(temp, JSON.stringify({ owners }), { mode: 0o600 });
    chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }

  private read(): Record<string, VaultRecord> {
    if (!existsSync(this.path)) return {};
    try {
      return fileSchema.parse(JSON.parse(readFileSync(this.path, 'utf8'))).owners;
    } catch {
      return {};
    }
  }
}

export class MemoryVaultRecordStore implements VaultRecordStore {
  private readonly records = new Map<string, VaultRecord>();
  get(owner: string): VaultRecord | null {
    return this.records.get(owner) ?? null;
  }
  set(owner: string, record: VaultRecord): void {
    this.records.set(owner, record);
  }
}

/** The owner of a replica and of what it leaves behind: one person on one hub (as in the replica's name). */
export function outboxOwner(hubUrl: string, userId: string): string {
  return `${hubUrl}:${userId}`;
}

/**
 * Main's side of kept outboxes: the signed-in person's private key in memory (from their password at sign-in or
 * unlock), sealing for anyone with a key record here, opening only for the person signed in.
 */
export class KeptOutboxKeys {
  private unlocked: { owner: string; key: KeyObject } | null = null;
  /** The latest sign-in's unwrapping (scrypt): sign-in does not wait for it, opening a kept outbox does. */
  private unlocking: Promise<void> = Promise.resolve();
  private generation = 0;

  constructor(
    private readonly store: VaultRecordStore,
    private readonly cost?: VerifierCost,
    private readonly logError: (message: string, error: unknown) => void = () => undefined,
  ) {}

  /**
   * The person proved their password: their private key is unwrapped (made at their first sign-in here). A
   * password changed since then cannot unwrap the old key: a new pair replaces it, and what was sealed with the
   * old one stays sealed (never deleted). Only the latest sign-in's key is kept.
   */
  signedIn(owner: string, password: string): Promise<void> {
    const generation = ++this.generation;
    this.unlocked = null;
    this.unlocking = this.unlock(owner, password).then((key) => {
      if (key && generation === this.generation) this.unlocked = { owner, key };
    });
    return this.unlocking;
  }

  private async unlock(owner: string, password: string): Promise<KeyObject | null> {
    const record = this.store.get(owner);
    const key = record ? await unwrapPrivateKey(record, password) : null;
    if (key) return key;
    const created = await createVaultRecord(password, this.cost);
    try {
      this.store.set(owner, created.record);
    } catch (error) {
      this.logError('The key for kept outboxes could not be saved; what is kept at sign-out stays unsealed', error);
      return null;
    }
    return created.privateKey;
  }

  forget(): void {
    this.generation++;
    this.unlocked = null;
  }

  /** Seals for anyone with a key record here; waits for a sign-in still making the signed-in person's first key. */
  async seal(owner: string, plaintext: string): Promise<string> {
    await this.unlocking.catch(() => undefined);
    const record = this.store.get(owner);
    if (!record) throw AppFailure.of('not_found', 'No key for that person on this workstation: their outbox cannot be sealed.');
    return sealFor(record.publicKey, owner, plaintext);
  }

  async open(owner: string, sealed: string): Promise<string> {
    await this.unlocking.catch(() => undefined);
    if (this.unlocked?.owner !== owner) throw AppFailure.of('forbidden', 'A kept outbox opens only for its own person, after their sign-in.');
    try {
      return openSealed(this.unlocked.key, owner, sealed);
    } catch {
      throw AppFailure.of('forbidden', 'This kept outbox was sealed with another key (a password changed since): it stays sealed.');
    }
  }
}
