import { valueError } from './odoo-errors';
import { ODOO_18_MODELS } from './model-defs';
import type { FieldValue, ModelDef, ModelSet, RecordLookup, StoredRecord } from './sandbox-models';

/**
 * Odoo search domains: a list of `[field, operator, value]` leaves and the prefix operators `&`, `|`, `!`
 * (Polish notation, `&` implied between consecutive terms), evaluated in memory with the SQL meaning the
 * ORM gives them (NULL handling included).
 */
export type RecordPredicate = (record: StoredRecord) => boolean;

const ARITY: Readonly<Record<string, number>> = { '&': 2, '|': 2, '!': 1 };
const LEAF_OPERATORS = new Set([
  '=', '!=', '<>', '<', '>', '<=', '>=', '=?', 'in', 'not in',
  'like', 'not like', 'ilike', 'not ilike', '=like', '=ilike',
]);

type Token = string | readonly unknown[];

export function compileDomain(domain: unknown, model: ModelDef, lookup: RecordLookup, models: ModelSet = ODOO_18_MODELS): RecordPredicate {
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${JSON.stringify(domain)}`);
  const tokens = normalizeDomain(domain);
  if (tokens.length === 0) return () => true;
  let position = 0;
  const parse = (): RecordPredicate => {
    const token = tokens[position++];
    if (token === undefined) throw valueError(`Invalid domain: ${JSON.stringify(domain)}`);
    if (typeof token !== 'string') return compileLeaf(token, model, lookup, models);
    if (token === '!') {
      const operand = parse();
      return (record) => !operand(record);
    }
    const left = parse();
    const right = parse();
    return token === '&' ? (record) => left(record) && right(record) : (record) => left(record) || right(record);
  };
  const predicate = parse();
  if (position !== tokens.length) throw valueError(`Invalid domain: ${JSON.stringify(domain)}`);
  return predicate;
}

/** odoo.osv.expression.normalize_domain: add the implicit `&` operators. */
function normalizeDomain(domain: readonly unknown[]): Token[] {
  const result: Token[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) {
      expected -= 1;
      result.push(token);
    } else if (typeof token === 'string' && token in ARITY) {
      expected += (ARITY[token] ?? 0) - 1;
      result.push(token);
    } else {
      throw valueError(`Invalid leaf ${JSON.stringify(token)}`);
    }
  }
  return result;
}

function compileLeaf(leaf: readonly unknown[], model: ModelDef, lookup: RecordLookup, models: ModelSet): RecordPredicate {
  const [fieldName, rawOperator, value] = leaf;
  const leafText = JSON.stringify(leaf);
  if (leaf.length !== 3 || typeof rawOperator !== 'string') throw valueError(`Invalid leaf ${leafText}`);
  // TRUE_LEAF (1, '=', 1) and FALSE_LEAF (0, '=', 1).
  if (fieldName === 1 || fieldName === 0) return () => fieldName === 1;
  const operator = rawOperator.toLowerCase();
  if (!LEAF_OPERATORS.has(operator)) throw valueError(`Invalid leaf ${leafText}`);
  if (typeof fieldName !== 'string') throw valueError(`Invalid leaf ${leafText}`);
  const field = model.fields[fieldName];
  if (!field || field.type === 'one2many' || fieldName === 'display_name') {
    throw valueError(`Invalid field ${model.name}.${fieldName} in leaf ${leafText}`);
  }
  if (field.type === 'many2many') return compileMany2many(operator, value, fieldName, leafText);
  const read = (record: StoredRecord): FieldValue => (fieldName === 'id' ? record.id : (record.values[fieldName] ?? null));
  // A many2one compared with text means its target's display name, as in Odoo.
  const readText = (record: StoredRecord): string | null => {
    const raw = read(record);
    if (field.type === 'many2one' && typeof raw === 'number' && field.relation) {
      const target = lookup(field.relation, raw);
      const targetModel = target ? models.get(field.relation) : undefined;
      return target && targetModel ? targetModel.displayName(target, lookup) : null;
    }
    return typeof raw === 'string' ? raw : raw === null || raw === false ? null : String(raw);
  };
  const compareValue = field.type === 'many2one' && typeof value === 'string' ? readText : read;
  const matchesEqual = (record: StoredRecord, expected: unknown): boolean => {
    const actual = compareValue(record);
    if (expected === false || expected === null) return actual === null || actual === false || actual === '';
    return actual === expected;
  };

  switch (operator) {
    case '=':
      return (record) => matchesEqual(record, value);
    case '=?':
      return value === false || value === null ? () => true : (record) => matchesEqual(record, value);
    case '!=':
    case '<>':
      return (record) => !matchesEqual(record, value);
    case 'in':
    case 'not in': {
      const list: readonly unknown[] = Array.isArray(value) ? value : [value];
      const positive = (record: StoredRecord): boolean => list.some((item) => matchesEqual(record, item));
      return operator === 'in' ? positive : (record) => !positive(record);
    }
    case '<':
    case '>':
    case '<=':
    case '>=':
      return (record) => compareOrdered(read(record), operator, value);
    default:
      return compileLike(operator, value, readText);
  }
}

/** A many2many matches `in` / `=` when it holds any of the ids (all the sandbox needs). */
function compileMany2many(operator: string, value: unknown, fieldName: string, leafText: string): RecordPredicate {
  if (operator !== 'in' && operator !== '=') throw valueError(`Invalid leaf ${leafText}`);
  const wanted: readonly unknown[] = Array.isArray(value) ? value : [value];
  return (record) => {
    const ids = record.values[fieldName];
    return Array.isArray(ids) && ids.some((id) => wanted.includes(id));
  };
}

function compileLike(operator: string, value: unknown, readText: (record: StoredRecord) => string | null): RecordPredicate {
  const text = typeof value === 'string' ? value : String(value);
  // Odoo wraps the value for like/ilike without escaping it, so `%` and `_` inside stay wildcards.
  const pattern = operator.startsWith('=') ? text : `%${text}%`;
  const regex = likeToRegExp(pattern, operator.includes('ilike'));
  if (operator.startsWith('not ')) {
    // SQL: `field NOT ILIKE x OR field IS NULL`.
    return (record) => {
      const actual = readText(record);
      return actual === null || !regex.test(actual);
    };
  }
  return (record) => {
    const actual = readText(record);
    return actual !== null && regex.test(actual);
  };
}

function compareOrdered(actual: FieldValue, operator: string, expected: unknown): boolean {
  if (actual === null || actual === false) return false;
  if (typeof expected !== typeof actual || (typeof expected !== 'number' && typeof expected !== 'string')) return false;
  const a = actual as number | string;
  const b = expected as number | string;
  if (operator === '<') return a < b;
  if (operator === '>') return a > b;
  if (operator === '<=') return a <= b;
  return a >= b;
}

/** SQL LIKE: `%` any run, `_` one character, backslash escapes the next character. */
export function likeToRegExp(pattern: string, caseInsensitive: boolean): RegExp {
  let source = '';
  const chars = [...pattern];
  for (let index = 0; index < chars.length; index += 1) {
    const char = chars[index] ?? '';
    if (char === '\\' && index + 1 < chars.length) {
      index += 1;
      source += escapeRegExp(chars[index] ?? '');
    } else if (char === '%') {
      source += '[\\s\\S]*';
    } else if (char === '_') {
      source += '[\\s\\S]';
    } else {
      source += escapeRegExp(char);
    }
  }
  return new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
