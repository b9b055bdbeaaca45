import { z } from 'zod';

/** A JSON Schema fragment (OpenAPI 3.0 flavour). */
export type JsonSchemaFragment = Record<string, unknown>;

/**
 * What the OpenAPI generator cannot read from a zod schema: a refinement or transform is code, so the rule it
 * checks is stated here, beside it, in JSON Schema where JSON Schema can say it (`not`, `anyOf`, `oneOf`,
 * `minProperties`, `pattern`, `format`) and in words where it cannot (`from` before `to`).
 */
export interface OpenApiHint {
  /** Constraints added to what zod emits (a clash with an emitted keyword goes into `allOf`). */
  add?: JsonSchemaFragment;
  /** What to emit instead of zod's own output (a number in a query string, which arrives as text). */
  replace?: JsonSchemaFragment;
  /** A rule JSON Schema cannot state, written into the description. */
  rule?: string;
}

export const openApiHints = z.registry<OpenApiHint>();

/** Registers `hint` for exactly this schema instance (apply it last: `.refine()` and `.regex()` make new ones). */
export function documented<T extends z.ZodType>(schema: T, hint: OpenApiHint): T {
  openApiHints.add(schema, hint);
  return schema;
}

/** `{required: [...]}` alternatives: at least one of these fields is present. */
export const anyOfPresent = (fields: readonly string[]): JsonSchemaFragment => ({ anyOf: fields.map((field) => ({ required: [field] })) });
