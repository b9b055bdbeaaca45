import { describe, expect, it } from 'vitest';
import { groupBy } from './group-by';

describe('groupBy', () => {
  it('groups by key in the order the keys first come, each group in input order, leaving out items without a key', () => {
    const grouped = groupBy(['b1', 'a1', 'x', 'b2', 'a2'], (item) => (item.length === 2 ? item[0] : undefined));
    expect([...grouped]).toEqual([
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
    ]);
  });
});
