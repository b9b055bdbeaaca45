import type { GroupId } from './sandbox-groups';
import { formatOdooDatetime, type FieldValue, type ModelDef, type ModelSet, type RecordLookup, type StoredRecord } from './sandbox-models';

/** Milliseconds since the epoch; injectable so tests control login cool-downs and key expiry. */
export type Clock = () => number;

export interface SandboxApiKey {
  readonly key: string;
  expiresAt: number | null;
}

/** A `res.users` record as authentication and the access checks need it. */
export interface SandboxUser {
  readonly uid: number;
  readonly login: string;
  readonly name: string;
  readonly apiKeys: SandboxApiKey[];
  /** With every implied group. */
  readonly groups: ReadonlySet<GroupId>;
  /** `company_id`, the default company. */
  readonly companyId: number;
  /** `company_ids`, the allowed companies (the default one included). */
  readonly companyIds: readonly number[];
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
    readonly models: ModelSet,
  ) {
    for (const model of models.keys()) this.tables.set(model, new Map());
  }

  readonly lookup: RecordLookup = (model, id) => this.tables.get(model)?.get(id);

  model(name: string): ModelDef | undefined {
    return this.models.get(name);
  }

  records(model: string): StoredRecord[] {
    return [...(this.tables.get(model)?.values() ?? [])];
  }

  now(): string {
    return formatOdooDatetime(this.clock());
  }

  insert(model: string, values: Record<string, FieldValue>, fixedId?: number): number {
    const table = this.table(model);
    const id = fixedId ?? this.nextIds.get(model) ?? 1;
    this.nextIds.set(model, Math.max(this.nextIds.get(model) ?? 1, id + 1));
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
