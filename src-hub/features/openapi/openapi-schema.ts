import { z } from 'zod';
import { openApiHints, type JsonSchemaFragment } from '../../../src-shared/contract/openapi-hints';

/** route() refuses a NUL character anywhere in the input (PostgreSQL text cannot hold one): every input string says so. */
export const NUL_FREE_PATTERN = '^[^\\u0000]*$';

/** Adds `value` under `key`; when zod already wrote that keyword differently, both must hold (`allOf`). */
function addConstraint(json: JsonSchemaFragment, key: string, value: unknown): void {
  if (!(key in json)) {
    json[key] = value;
    return;
  }
  if (JSON.stringify(json[key]) === JSON.stringify(value)) return;
  const allOf = (json['allOf'] ?? []) as JsonSchemaFragment[];
  if (allOf.some((part) => JSON.stringify(part[key]) === JSON.stringify(value))) return;
  json['allOf'] = [...allOf, { [key]: value }];
}

function applyHint(json: JsonSchemaFragment, zodSchema: z.ZodType): void {
  const hint = openApiHints.get(zodSchema);
  if (!hint) return;
  if (hint.replace) {
    const kept = { default: json['default'], description: json['description'] };
    for (const key of Object.keys(json)) delete json[key];
    Object.assign(json, hint.replace);
    for (const [key, value] of Object.entries(kept)) if (value !== undefined) json[key] = value;
  }
  for (const [key, value] of Object.entries(hint.add ?? {})) addConstraint(json, key, value);
  if (hint.rule) {
    const described = typeof json['description'] === 'string' ? json['description'] : '';
    if (!described.includes(hint.rule)) json['description'] = described ? `${described} ${hint.rule}` : hint.rule;
  }
}

/**
 * zod leaves out the default of a transformed value on the input side (`limit: queryInt(1, 200).default(50)`:
 * the default is the parsed number); where a hint says what the text on the wire is, the default is that too.
 */
function restoreDefault(json: JsonSchemaFragment, zodSchema: z.ZodType): void {
  const def = zodSchema._zod.def as { type: string; innerType?: z.ZodType; defaultValue?: unknown };
  if (def.type !== 'default' || !def.innerType || json['default'] !== undefined) return;
  if (openApiHints.get(def.innerType)?.replace) json['default'] = def.defaultValue;
}

/**
 * A zod schema as OpenAPI 3.0 JSON Schema: zod's own conversion, plus what its refinements and transforms check
 * (src-shared/contract/openapi-hints.ts), plus the NUL rule on every input string.
 */
export function schemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchemaFragment {
  return z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'openapi-3.0',
    override: (ctx) => {
      const json = ctx.jsonSchema as JsonSchemaFragment;
      applyHint(json, ctx.zodSchema as unknown as z.ZodType);
      restoreDefault(json, ctx.zodSchema as unknown as z.ZodType);
      if (io === 'input' && json['type'] === 'string' && json['enum'] === undefined) addConstraint(json, 'pattern', NUL_FREE_PATTERN);
    },
  }) as JsonSchemaFragment;
}
