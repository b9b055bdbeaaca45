import { formatOdooDatetime, SANDBOX_MODELS, type FieldValue, type RecordLookup, type StoredRecord } from './sandbox-models';
import {
  SANDBOX_COMPANY_NAME,
  SANDBOX_USERS,
  type AccessOperation,
  type SandboxProductSeed,
} from './seed-data';

/** Milliseconds since the epoch; injectable so tests control login cool-downs and key expiry. */
export type Clock = () => number;

export interface SandboxApiKey {
  readonly key: string;
  expiresAt: number | null;
}

export interface SandboxUser {
  readonly uid: number;
  readonly login: string;
  readonly name: string;
  readonly apiKeys: SandboxApiKey[];
  readonly rights: ReadonlyMap<string, ReadonlySet<AccessOperation>>;
}

/**
 * One Odoo database held in memory. Records are replaced, never mutated, so a call can run as a
 * transaction by keeping the previous maps and putting them back on failure.
 */
export class SandboxDatabase {
  readonly users: SandboxUser[] = [];
  private tables = new Map<string, Map<number, StoredRecord>>();
  private sequences = new Map<string, number>();
  // Like PostgreSQL sequences, ids are not given back when a transaction rolls back.
  private readonly nextIds = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly clock: Clock,
  ) {
    for (const model of SANDBOX_MODELS.keys()) this.tables.set(model, new Map());
  }

  readonly lookup: RecordLookup = (model, id) => this.tables.get(model)?.get(id);

  records(model: string): StoredRecord[] {
    return [...(this.tables.get(model)?.values() ?? [])];
  }

  now(): string {
    return formatOdooDatetime(this.clock());
  }

  insert(model: string, values: Record<string, FieldValue>): number {
    const table = this.table(model);
    const id = this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, id + 1);
    const now = this.now();
    table.set(id, { id, values: { ...values, create_date: now, write_date: now } });
    return id;
  }

  update(model: string, id: number, values: Record<string, FieldValue>): void {
    const table = this.table(model);
    const current = table.get(id);
    if (!current) throw new Error(`no ${model} record ${id}`);
    table.set(id, { id, values: { ...current.values, ...values, write_date: this.now() } });
  }

  remove(model: string, id: number): boolean {
    return this.table(model).delete(id);
  }

  nextSequence(model: string, prefix: string, padding: number): string {
    const next = (this.sequences.get(model) ?? 0) + 1;
    this.sequences.set(model, next);
    return `${prefix}${String(next).padStart(padding, '0')}`;
  }

  /** Runs `work` as one transaction: everything it wrote is undone if it throws. */
  transaction<T>(work: () => T): T {
    const tables = new Map([...this.tables].map(([model, table]) => [model, new Map(table)]));
    const sequences = new Map(this.sequences);
    try {
      return work();
    } catch (error) {
      this.tables = tables;
      this.sequences = sequences;
      throw error;
    }
  }

  private table(model: string): Map<number, StoredRecord> {
    const table = this.tables.get(model);
    if (!table) throw new Error(`unknown model ${model}`);
    return table;
  }
}

export function createSandboxDatabase(name: string, products: readonly SandboxProductSeed[], clock: Clock): SandboxDatabase {
  const db = new SandboxDatabase(name, clock);
  db.insert('res.partner', { name: SANDBOX_COMPANY_NAME, email: null, phone: null, is_company: true, type: 'contact', active: true });
  for (const seed of SANDBOX_USERS) {
    db.insert('res.partner', { name: seed.name, email: seed.login, phone: null, is_company: false, type: 'contact', active: true });
    const rights = new Map(Object.entries(seed.rights).map(([model, operations]) => [model, new Set(operations)]));
    db.users.push({ uid: seed.uid, login: seed.login, name: seed.name, apiKeys: [{ key: seed.apiKey, expiresAt: null }], rights });
  }
  for (const product of products) {
    db.insert('product.product', {
      name: product.name,
      default_code: product.defaultCode,
      sale_ok: product.saleOk ?? true,
      active: product.active ?? true,
    });
  }
  return db;
}
