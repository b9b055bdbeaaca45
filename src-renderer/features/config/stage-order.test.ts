import { describe, expect, it } from 'vitest';
import { inOrder, moveId, nextSequence, sameOrder } from './stage-order';

describe('stage order', () => {
  it('moves an id up, down, to either end, and clamps past the ends', () => {
    const ids = ['a', 'b', 'c', 'd'];
    expect(moveId(ids, 'c', 1)).toEqual(['a', 'c', 'b', 'd']);
    expect(moveId(ids, 'a', 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveId(ids, 'd', 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveId(ids, 'a', -1)).toEqual(ids);
    expect(moveId(ids, 'd', 9)).toEqual(ids);
    expect(moveId(ids, 'x', 0)).toEqual(ids);
  });

  it('orders stages by a pending id list and compares orders', () => {
    const stages = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
    expect(inOrder(stages, ['c', 'a', 'b']).map((stage) => stage.id)).toEqual(['c', 'a', 'b']);
    expect(inOrder(stages, null)).toEqual(stages);
    expect(sameOrder(['a', 'b'], ['a', 'b'])).toBe(true);
    expect(sameOrder(['a', 'b'], ['b', 'a'])).toBe(false);
  });

  it('puts a new stage ten after the last one', () => {
    expect(nextSequence([{ sequence: 10 }, { sequence: 50 }])).toBe(60);
    expect(nextSequence([])).toBe(10);
  });
});
