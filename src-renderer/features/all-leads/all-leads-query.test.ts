import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterQuery, isFiltered, localDayStart, pageQuery } from './all-leads-query';
import { sortOf, sortingOf } from './lead-sort';

describe('All Leads query', () => {
  it('sends only the filters that are set, always scope=all and the sort', () => {
    expect(filterQuery(EMPTY_FILTER)).toEqual({ ok: true, query: { scope: 'all', sort: 'created_desc' } });
    expect(filterQuery({ ...EMPTY_FILTER, agent: 'none', stageId: '2', brand: 'Honda', source: 'Walk-in', search: '  Mendoza ', sort: 'ref_asc' })).toEqual({
      ok: true,
      query: { scope: 'all', userId: 'none', stageId: '2', brand: 'Honda', source: 'Walk-in', q: 'Mendoza', sort: 'ref_asc' },
    });
  });

  it('counts an age preset back from when it was picked; the dates apply only to "Created between"', () => {
    const asOf = '2026-03-10T12:00:00.000Z';
    expect(filterQuery({ ...EMPTY_FILTER, age: 'older_1h', ageAsOf: asOf })).toEqual({ ok: true, query: { scope: 'all', sort: 'created_desc', createdBefore: '2026-03-10T11:00:00.000Z' } });
    expect(filterQuery({ ...EMPTY_FILTER, age: 'older_7d', ageAsOf: asOf })).toMatchObject({ query: { createdBefore: '2026-03-03T12:00:00.000Z' } });
    expect(filterQuery({ ...EMPTY_FILTER, age: 'older_1d', ageAsOf: asOf, createdFrom: '2026-03-01' })).toEqual({ ok: true, query: { scope: 'all', sort: 'created_desc', createdBefore: '2026-03-09T12:00:00.000Z' } });
    expect(filterQuery({ ...EMPTY_FILTER, createdFrom: '2026-03-01' })).toEqual({ ok: true, query: { scope: 'all', sort: 'created_desc' } });
  });

  it('reads dates as whole local days and refuses a range that excludes itself', () => {
    expect(localDayStart('2026-03-01')).toBe(new Date(2026, 2, 1).toISOString());
    expect(localDayStart('2026-03-31', 1)).toBe(new Date(2026, 3, 1).toISOString());
    expect(localDayStart('01/03/2026')).toBeNull();
    expect(filterQuery({ ...EMPTY_FILTER, age: 'dates', createdFrom: '2026-03-01', createdTo: '2026-03-01' })).toMatchObject({
      query: { createdAfter: new Date(2026, 2, 1).toISOString(), createdBefore: new Date(2026, 2, 2).toISOString() },
    });
    expect(filterQuery({ ...EMPTY_FILTER, age: 'dates', createdTo: '2026-03-01' })).toEqual({ ok: true, query: { scope: 'all', sort: 'created_desc', createdBefore: new Date(2026, 2, 2).toISOString() } });
    expect(filterQuery({ ...EMPTY_FILTER, age: 'dates', createdFrom: '2026-03-02', createdTo: '2026-03-01' })).toMatchObject({ ok: false });
  });

  it('adds the page size and the cursor of the page', () => {
    expect(pageQuery({ scope: 'all', sort: 'created_desc' }, undefined)).toEqual({ scope: 'all', sort: 'created_desc', limit: 50 });
    expect(pageQuery({ scope: 'all', sort: 'created_desc' }, 'abc')).toEqual({ scope: 'all', sort: 'created_desc', limit: 50, cursor: 'abc' });
  });

  it('knows a filter from the sort alone', () => {
    expect(isFiltered({ ...EMPTY_FILTER, sort: 'ref_desc' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, search: ' ' })).toBe(false);
    expect(isFiltered({ ...EMPTY_FILTER, agent: 'none' })).toBe(true);
  });

  it('maps the sortable columns to the hub orders and back', () => {
    expect(sortingOf('customer_desc')).toEqual([{ id: 'customer', desc: true }]);
    expect(sortingOf('created_asc')).toEqual([{ id: 'createdAt', desc: false }]);
    expect(sortOf([{ id: 'updatedAt', desc: true }])).toBe('updated_desc');
    expect(sortOf([{ id: 'ref', desc: false }])).toBe('ref_asc');
    expect(sortOf([{ id: 'stage', desc: false }])).toBeNull();
    expect(sortOf([])).toBeNull();
  });
});
