import { describe, expect, it } from 'vitest';
import { compileDomain, likeToRegExp } from './domain-filter';
import { OdooError } from './odoo-errors';
import { ODOO_18_MODELS } from './model-defs';
import type { FieldValue, ModelDef, StoredRecord } from './sandbox-models';

const partnerModel = ODOO_18_MODELS.get('res.partner') as ModelDef;

const rows: StoredRecord[] = [
  { id: 1, values: { name: 'Ana Cruz', email: 'ana@example.com', phone: '0917 123 4567', is_company: false, type: 'contact' } },
  { id: 2, values: { name: 'Ben Reyes', email: null, phone: '+63 918 765 4321', is_company: false, type: 'invoice' } },
  { id: 3, values: { name: 'Cruz Motors', email: 'SALES@CRUZ.PH', phone: null, is_company: true, type: 'contact' } },
  { id: 4, values: { name: '100% Auto_Parts', email: 'parts@auto.ph', phone: null, is_company: true, type: null } },
];
const lookup = (): undefined => undefined;

function ids(domain: unknown): number[] {
  const predicate = compileDomain(domain, partnerModel, lookup);
  return rows.filter(predicate).map((row) => row.id);
}

describe('compileDomain', () => {
  it('matches everything with an empty domain', () => {
    expect(ids([])).toEqual([1, 2, 3, 4]);
  });

  it('supports = and != with SQL NULL semantics (!= keeps NULLs, = false finds them)', () => {
    expect(ids([['type', '=', 'contact']])).toEqual([1, 3]);
    expect(ids([['type', '!=', 'contact']])).toEqual([2, 4]);
    expect(ids([['email', '=', false]])).toEqual([2]);
    expect(ids([['email', '!=', false]])).toEqual([1, 3, 4]);
    expect(ids([['is_company', '=', true]])).toEqual([3, 4]);
  });

  it('supports in and not in, including false for NULL', () => {
    expect(ids([['id', 'in', [1, 3]]])).toEqual([1, 3]);
    expect(ids([['id', 'not in', [1, 3]]])).toEqual([2, 4]);
    expect(ids([['type', 'in', ['invoice', false]]])).toEqual([2, 4]);
  });

  it('supports ordered comparisons, never matching NULL', () => {
    expect(ids([['id', '<', 2]])).toEqual([1]);
    expect(ids([['id', '>', 2]])).toEqual([3, 4]);
    expect(ids([['id', '<=', 2]])).toEqual([1, 2]);
    expect(ids([['id', '>=', 4]])).toEqual([4]);
    expect(ids([['email', '>', 'a']])).toEqual([1, 4]);
  });

  it('treats ilike as a case-insensitive substring and like as case-sensitive', () => {
    expect(ids([['name', 'ilike', 'cruz']])).toEqual([1, 3]);
    expect(ids([['name', 'like', 'cruz']])).toEqual([]);
    expect(ids([['name', 'like', 'Cruz']])).toEqual([1, 3]);
    expect(ids([['email', 'not ilike', 'cruz']])).toEqual([1, 2, 4]);
  });

  it('treats =ilike as a whole-value LIKE pattern with % and _ wildcards', () => {
    expect(ids([['email', '=ilike', 'sales@cruz.ph']])).toEqual([3]);
    expect(ids([['email', '=ilike', 'sales@cruz']])).toEqual([]);
    expect(ids([['email', '=ilike', '%@%.ph']])).toEqual([3, 4]);
    expect(ids([['email', '=ilike', 'an_@example.com']])).toEqual([1]);
    expect(ids([['phone', '=ilike', '%1%2%3%4%5%6%7%']])).toEqual([1]);
    expect(ids([['name', '=like', '100\\% Auto\\_Parts']])).toEqual([4]);
  });

  it('evaluates prefix operators with an implicit & between terms', () => {
    expect(ids(['|', ['id', '=', 1], ['id', '=', 2]])).toEqual([1, 2]);
    expect(ids(['!', ['is_company', '=', true]])).toEqual([1, 2]);
    expect(ids([['is_company', '=', true], ['type', '=', 'contact']])).toEqual([3]);
    expect(ids(['|', ['id', '=', 1], '&', ['id', '>', 2], ['type', '=', 'contact']])).toEqual([1, 3]);
    expect(ids(['|', ['id', '=', 1], ['id', '=', 2], ['type', '=', 'invoice']])).toEqual([2]);
    expect(ids([[1, '=', 1]])).toEqual([1, 2, 3, 4]);
    expect(ids([[0, '=', 1]])).toEqual([]);
  });

  it('refuses unknown fields, unknown operators and malformed domains with ValueError', () => {
    const nameOf = (domain: unknown): string => {
      try {
        ids(domain);
      } catch (error) {
        return error instanceof OdooError ? `${error.odooName}: ${error.message}` : String(error);
      }
      return 'no error';
    };
    expect(nameOf([['nope', '=', 1]])).toMatch(/^builtins\.ValueError: Invalid field res\.partner\.nope/);
    expect(nameOf([['name', '~', 'x']])).toMatch(/^builtins\.ValueError: Invalid leaf/);
    expect(nameOf(['|', ['id', '=', 1]])).toMatch(/^builtins\.ValueError/);
    expect(nameOf('name = 1')).toMatch(/^builtins\.ValueError/);
  });
});

describe('likeToRegExp', () => {
  it('escapes regular-expression characters and honours backslash escapes', () => {
    const value: FieldValue = 'a.b(c)';
    expect(likeToRegExp('a.b(c)', false).test(value)).toBe(true);
    expect(likeToRegExp('a.b(c)', false).test('aXb(c)')).toBe(false);
    expect(likeToRegExp('50\\%', false).test('50%')).toBe(true);
    expect(likeToRegExp('50\\%', false).test('500')).toBe(false);
  });
});
