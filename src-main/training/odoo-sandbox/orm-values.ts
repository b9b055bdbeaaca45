import { validationError, valueError, type OdooError } from './odoo-errors';
import type { FieldDef, FieldValue, ModelDef, StoredRecord } from './sandbox-models';
import type { SandboxDatabase } from './sandbox-store';

/** How field values go into the store (from `vals`) and come out of `read` (Odoo's convert_to_read). */

export type ReadValue = FieldValue | readonly [number, string] | number[];

/** Converts one `vals` entry to what the database column holds (False and None are both NULL). */
export function toStoredValue(db: SandboxDatabase, model: ModelDef, name: string, field: FieldDef, value: unknown): FieldValue {
  if (value === false || value === null || value === undefined) return field.type === 'boolean' ? false : null;
  const wrong = (): never => {
    throw valueError(`Wrong value for ${model.name}.${name}: ${JSON.stringify(value)}`);
  };
  switch (field.type) {
    case 'boolean':
      return Boolean(value);
    case 'integer':
    case 'float':
      return typeof value === 'number' && Number.isFinite(value) ? value : wrong();
    case 'char':
    case 'datetime':
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : wrong();
    case 'selection':
      return typeof value === 'string' && field.selection?.some(([key]) => key === value) ? value : wrong();
    case 'many2one': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrong();
      // The foreign key: PostgreSQL refuses a reference to a record that does not exist.
      if (!field.relation || !db.lookup(field.relation, value)) {
        throw validationError(
          'The operation cannot be completed: another model requires the record being deleted. If possible, archive it instead.\n\n' +
            `Model: ${model.description} (${model.name})\nField: ${field.label} (${name})\n`,
        );
      }
      return value;
    }
    case 'one2many':
    case 'many2many':
      return wrong();
  }
}

/** ValidationError raised by Odoo for a NOT NULL violation, naming model and field. */
export function mandatoryFieldError(model: ModelDef, name: string): OdooError {
  const label = model.fields[name]?.label ?? name;
  return validationError(
    'The operation cannot be completed:\n' +
      '- Create/update: a mandatory field is not set.\n' +
      '- Delete: another model requires the record being deleted. If possible, archive it instead.\n\n' +
      `Model: ${model.description} (${model.name})\nField: ${label} (${name})\n`,
  );
}

export function displayNameOf(db: SandboxDatabase, modelName: string, id: number): string | null {
  const record = db.lookup(modelName, id);
  const model = db.model(modelName);
  return record && model ? model.displayName(record, db.lookup) : null;
}

export function readField(db: SandboxDatabase, model: ModelDef, record: StoredRecord, name: string): ReadValue {
  if (name === 'id') return record.id;
  if (name === 'display_name') return model.displayName(record, db.lookup);
  const field = model.fields[name];
  if (!field) throw valueError(`Invalid field '${name}' on model '${model.name}'`);
  const raw = record.values[name] ?? null;
  switch (field.type) {
    case 'boolean':
      return raw === true;
    case 'integer':
    case 'float':
      return typeof raw === 'number' ? raw : 0;
    case 'many2one': {
      if (typeof raw !== 'number' || !field.relation) return false;
      const label = displayNameOf(db, field.relation, raw);
      return label === null ? false : [raw, label];
    }
    case 'many2many':
      return Array.isArray(raw) ? [...(raw as readonly number[])].sort((a, b) => a - b) : [];
    case 'one2many':
      return db
        .records(field.relation ?? '')
        .filter((line) => line.values[field.inverse ?? ''] === record.id)
        .map((line) => line.id)
        .sort((a, b) => a - b);
    default:
      return raw === null || raw === '' ? false : raw;
  }
}

export function readRecord(db: SandboxDatabase, model: ModelDef, record: StoredRecord, fields: readonly string[] | null): Record<string, ReadValue> {
  const names = fields && fields.length > 0 ? fields.filter((name) => name !== 'id') : Object.keys(model.fields).filter((name) => name !== 'id');
  const result: Record<string, ReadValue> = { id: record.id };
  for (const name of names) result[name] = readField(db, model, record, name);
  return result;
}

/** Sorts by an Odoo `order` spec ("name desc, id"); NULLs last ascending and first descending, as in PostgreSQL. */
export function sortRecords(db: SandboxDatabase, model: ModelDef, records: StoredRecord[], order: string | null): StoredRecord[] {
  const spec = (order ?? model.order).split(',').map((part) => part.trim()).filter(Boolean);
  const keys = spec.map((part) => {
    const [name = '', direction = 'asc', ...rest] = part.split(/\s+/);
    const dir = direction.toLowerCase();
    const field = model.fields[name];
    if (rest.length > 0 || (dir !== 'asc' && dir !== 'desc') || !field || field.type === 'one2many' || field.type === 'many2many') {
      throw valueError(`Invalid "order" specified (${order ?? ''}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`);
    }
    return { name, field, descending: dir === 'desc' };
  });
  const sortValue = (record: StoredRecord, name: string, field: FieldDef): string | number | boolean | null => {
    if (name === 'id') return record.id;
    const raw = record.values[name] ?? null;
    if (field.type === 'many2one' && typeof raw === 'number' && field.relation) return displayNameOf(db, field.relation, raw);
    return Array.isArray(raw) ? null : (raw as string | number | boolean | null);
  };
  return [...records].sort((a, b) => {
    for (const key of keys) {
      const left = sortValue(a, key.name, key.field);
      const right = sortValue(b, key.name, key.field);
      if (left === right) continue;
      if (left === null) return key.descending ? -1 : 1;
      if (right === null) return key.descending ? 1 : -1;
      const comparison = left < right ? -1 : 1;
      return key.descending ? -comparison : comparison;
    }
    return a.id - b.id;
  });
}
