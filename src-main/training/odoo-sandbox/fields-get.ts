import type { FieldDef, ModelDef } from './sandbox-models';

/**
 * `fields_get(allfields=None, attributes=None)` (odoo/models.py, 18.0): each field's description, all of them
 * or those asked for (unknown names are skipped, not an error), with every attribute or those asked for.
 * It checks no access right: any signed-in user may describe a model.
 */

type Description = Record<string, unknown>;

function describe(name: string, field: FieldDef): Description {
  return {
    type: field.type,
    string: field.label,
    required: field.required ?? false,
    readonly: field.computed ?? false,
    store: true,
    searchable: true,
    sortable: field.type !== 'one2many' && field.type !== 'many2many',
    name,
    ...(field.relation ? { relation: field.relation } : {}),
    ...(field.selection ? { selection: field.selection.map(([value, label]) => [value, label]) } : {}),
  };
}

function names(value: unknown): string[] | null {
  if (value === null || value === undefined || value === false) return null;
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : null;
}

export function fieldsGet(model: ModelDef, allfields: unknown, attributes: unknown): Record<string, Description> {
  const wantedFields = names(allfields);
  const wantedAttributes = names(attributes);
  const result: Record<string, Description> = {};
  for (const [name, field] of Object.entries(model.fields)) {
    if (wantedFields && wantedFields.length > 0 && !wantedFields.includes(name)) continue;
    const description = describe(name, field);
    result[name] =
      wantedAttributes && wantedAttributes.length > 0 ? Object.fromEntries(Object.entries(description).filter(([key]) => wantedAttributes.includes(key))) : description;
  }
  return result;
}
