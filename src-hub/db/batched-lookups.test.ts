import { describe, expect, it } from 'vitest';
import { batchedLookups } from './batched-lookups';

/** A read the test answers by hand, recording the keys of each read. */
function manualReads(): { read: (keys: string[]) => Promise<Map<string, string>>; reads: string[][]; answer: (error?: Error) => void } {
  const pending: Array<{ keys: string[]; resolve: (found: Map<string, string>) => void; reject: (error: Error) => void }> = [];
  const reads: string[][] = [];
  return {
    reads,
    read: (keys) =>
      new Promise((resolve, reject) => {
        reads.push(keys);
        pending.push({ keys, resolve, reject });
      }),
    answer: (error) => {
      const first = pending.shift();
      if (!first) throw new Error('no read under way');
      if (error) first.reject(error);
      // every key but "missing" is found, as its upper case
      else first.resolve(new Map(first.keys.filter((key) => key !== 'missing').map((key) => [key, key.toUpperCase()])));
    },
  };
}

const settled = async (): Promise<void> => {
  for (let turn = 0; turn < 10; turn++) await Promise.resolve();
};

describe('batchedLookups', () => {
  it('reads a lone key at once, and the keys asked for meanwhile together in the next read, each key once', async () => {
    const manual = manualReads();
    const lookup = batchedLookups(manual.read);
    const first = lookup('a');
    expect(manual.reads).toEqual([['a']]);
    const later = [lookup('b'), lookup('c'), lookup('b'), lookup('missing'), lookup('a')];
    expect(manual.reads).toHaveLength(1);
    manual.answer();
    expect(await first).toBe('A');
    await settled();
    expect(manual.reads).toEqual([['a'], ['b', 'c', 'missing', 'a']]);
    manual.answer();
    expect(await Promise.all(later)).toEqual(['B', 'C', 'B', undefined, 'A']);
  });

  it('reads at most maxBatch keys at a time', async () => {
    const manual = manualReads();
    const lookup = batchedLookups(manual.read, 2);
    const all = Promise.all(['a', 'b', 'c', 'd', 'e'].map((key) => lookup(key)));
    for (let read = 0; read < 3; read++) {
      await settled();
      manual.answer();
    }
    expect(await all).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(manual.reads).toEqual([['a'], ['b', 'c'], ['d', 'e']]);
  });

  it('rejects only the callers of a failed read, and reads on for the others', async () => {
    const manual = manualReads();
    const lookup = batchedLookups(manual.read);
    const failed = lookup('a');
    const next = lookup('b');
    manual.answer(new Error('database gone'));
    await expect(failed).rejects.toThrow('database gone');
    await settled();
    manual.answer();
    expect(await next).toBe('B');
  });
});
