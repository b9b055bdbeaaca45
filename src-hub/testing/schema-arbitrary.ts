import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { toJsonSchema } from './openapi-validator';

type Json = Record<string, unknown>;

const ajv = new Ajv({ strict: true, strictTypes: false, strictTuples: false, strictRequired: false });
addFormats(ajv);

/** Whether a value satisfies one schema of the document (leaves are filtered with it, so no rule is re-implemented here). */
function validatorOf(schema: Json): (value: unknown) => boolean {
  const validate = ajv.compile(toJsonSchema(schema) as Json);
  return (value) => validate(value);
}

const word = fc.stringMatching(/^[a-z]{1,8}$/);
/** Times the document calls valid: ISO-8601 UTC in the years it allows. */
const dateTime = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }).map((date) => date.toISOString());
const email = fc.tuple(word, word).map(([name, domain]) => `${name}@${domain}.example`);

function stringArbitrary(schema: Json): fc.Arbitrary<string> {
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = Math.min(typeof schema['maxLength'] === 'number' ? schema['maxLength'] : 40, 40);
  if (schema['format'] === 'date-time') return dateTime;
  if (schema['format'] === 'email' || JSON.stringify(schema).includes('"format":"email"')) return fc.oneof(email, fc.constant(''));
  if (schema['format'] === 'uuid') return fc.uuid();
  if (schema['format'] === 'uri') return fc.constantFrom('http://localhost:8069', 'https://odoo.dealer.example/odoo');
  const pattern = typeof schema['pattern'] === 'string' && schema['pattern'] !== '^[^\\u0000]*$' ? schema['pattern'] : null;
  const text = fc.string({ minLength, maxLength, unit: fc.oneof(fc.constantFrom(' ', '\u0000', 'é', '7'), fc.string({ minLength: 1, maxLength: 1 })) });
  return pattern ? fc.oneof(fc.stringMatching(new RegExp(pattern)), text) : text;
}

/**
 * Candidate values for a JSON Schema of the served document, filtered by the schema itself: what the document
 * calls valid, from generators shaped by its types, lengths, patterns, formats, enums and ranges.
 */
export function validArbitrary(schema: Json): fc.Arbitrary<unknown> {
  return rawArbitrary(schema).filter(validatorOf(schema));
}

function rawArbitrary(schema: Json): fc.Arbitrary<unknown> {
  const inner = shapeArbitrary(schema);
  return schema['nullable'] === true ? fc.oneof({ arbitrary: inner, weight: 4 }, { arbitrary: fc.constant(null), weight: 1 }) : inner;
}

function shapeArbitrary(schema: Json): fc.Arbitrary<unknown> {
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  const branches = (schema['anyOf'] ?? schema['oneOf']) as Json[] | undefined;
  if (branches && schema['type'] === undefined && schema['properties'] === undefined) return fc.oneof(...branches.map((branch) => validArbitrary(branch)));
  switch (schema['type']) {
    case 'object': {
      const properties = (schema['properties'] ?? {}) as Record<string, Json>;
      const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, validArbitrary(property)]));
      return fc.record(model, { requiredKeys: (schema['required'] ?? []) as string[], noNullPrototype: true });
    }
    case 'array': {
      const items = validArbitrary((schema['items'] ?? {}) as Json);
      const maxLength = Math.min(typeof schema['maxItems'] === 'number' ? schema['maxItems'] : 4, 4);
      return schema['uniqueItems'] === true ? fc.uniqueArray(items, { maxLength, selector: (item) => JSON.stringify(item) }) : fc.array(items, { maxLength });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer': {
      const min = typeof schema['minimum'] === 'number' ? schema['minimum'] : -1_000_000;
      const max = typeof schema['maximum'] === 'number' ? schema['maximum'] : 1_000_000;
      return fc.oneof(fc.integer({ min, max }), fc.constantFrom(min, max));
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
    case 'boolean':
      return fc.boolean();
    default:
      return fc.constantFrom('text', 1, true);
  }
}

/** A value no schema of type `type` accepts. */
export function wrongTypeFor(schema: Json): unknown {
  return schema['type'] === 'string' || schema['enum'] ? 12345 : 'not-a-value';
}
