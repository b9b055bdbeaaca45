import { describe, expect, it } from 'vitest';
import { mergeExpectedSeconds } from './slowest-files.reporter';

describe('the table of file times after a run', () => {
  it('replaces the rows of the projects that ran, keeps the others, longest first', () => {
    const previous = { 'e2e:a.e2e.test.ts': 40, 'node:gone.test.ts': 9, 'node:b.test.ts': 3, 'renderer:c.test.tsx': 2 };
    const measured = { 'node:b.test.ts': 5, 'node:new.test.ts': 1 };
    expect(Object.entries(mergeExpectedSeconds(previous, measured))).toEqual([
      ['e2e:a.e2e.test.ts', 40],
      ['node:b.test.ts', 5],
      ['renderer:c.test.tsx', 2],
      ['node:new.test.ts', 1],
    ]);
  });
});
