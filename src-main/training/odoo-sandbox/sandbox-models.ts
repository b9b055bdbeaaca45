import type { GroupId } from './sandbox-groups';

/**
 * How the sandbox describes an Odoo model: just enough for it to store, search and read records the way the
 * real ORM does (field types decide how values read back). The models themselves are in model-defs.ts.
 */
export type FieldValue = string | number | boolean | null | readonly number[];
export type FieldType = 'char' | 'boolean' | 'integer' | 'float' | 'selection' | 'datetime' | 'many2one' | 'one2many' | 'many2many';

export interface FieldDef {
  readonly type: FieldType;
  readonly label: string;
  /** NOT NULL in the database: a missing value fails the whole create. */
  readonly required?: boolean;
  /** Target model of a many2one / one2many / many2many. */
  readonly relation?: string;
  /** one2many: the many2one on the relation that points back. */
  readonly inverse?: string;
  /** `[value, label]` pairs, as `fields_get` answers them. */
  readonly selection?: readonly (readonly [string, string])[];
  /** Set by the server, never from `vals` (id, create_date, display_name, stored related fields). */
  readonly computed?: boolean;
  readonly default?: FieldValue;
  /** `check_company=True`: the target must belong to the record's company or to none (models.py `_check_company`). */
  readonly checkCompany?: boolean;
}

export interface StoredRecord {
  readonly id: number;
  readonly values: Record<string, FieldValue>;
}

/** Finds a stored record of another model (for display names of many2one values). */
export type RecordLookup = (model: string, id: number) => StoredRecord | undefined;

/** What defaults and precomputed fields may depend on: the caller and its environment. */
export interface ComputeContext {
  readonly lookup: RecordLookup;
  readonly uid: number;
  readonly groups: ReadonlySet<GroupId>;
  /** `env.company`: the first of `allowed_company_ids`, else the user's default company. */
  readonly companyId: number;
}

export interface ModelDef {
  readonly name: string;
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldDef>>;
  /** `_order` of the Odoo model. */
  readonly order: string;
  /** A sequence-numbered field (sale.order's `name`). */
  readonly sequence?: { readonly field: string; readonly prefix: string; readonly padding: number };
  displayName(record: StoredRecord, lookup: RecordLookup): string;
  /** Defaults that depend on the environment (`default=lambda self: self.env.company`). */
  defaults?(ctx: ComputeContext): Record<string, FieldValue>;
  /** Stored computed fields filled on create when `vals` leaves them out. */
  precompute?(values: Record<string, FieldValue>, ctx: ComputeContext): void;
}

export type ModelSet = ReadonlyMap<string, ModelDef>;

/** Odoo stores datetimes in UTC and reads them back as "YYYY-MM-DD HH:MM:SS". */
export function formatOdooDatetime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

export function text(value: FieldValue | undefined): string {
  return typeof value === 'string' ? value : '';
}

export const COMMON_FIELDS: Readonly<Record<string, FieldDef>> = {
  id: { type: 'integer', label: 'ID', computed: true },
  display_name: { type: 'char', label: 'Display Name', computed: true },
  create_date: { type: 'datetime', label: 'Created on', computed: true },
  write_date: { type: 'datetime', label: 'Last Updated on', computed: true },
};
