import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSyncCursor, encodeSyncCursor, type SyncCursor } from './sync-cursor';

const bigint = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String);
const xid8 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }).map(String);
const epoch = fc.integer({ min: 0, max: 2_147_483_647 });
const cursorArb: fc.Arbitrary<SyncCursor> = fc.oneof(
  fc.record({ phase: fc.constant('boot' as const), epoch, afterLeadId: bigint, xmin: xid8 }),
  fc.record({ phase: fc.constant('own' as const), epoch, afterLeadId: bigint, xmin: xid8 }),
  fc.record({ phase: fc.constant('change' as const), epoch, xid: xid8, seq: bigint }),
);
const wire = (value: unknown): string => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

describe('sync cursor', () => {
  it('decodes what it encodes, as URL-safe text within the query limit', () => {
    fc.assert(
      fc.property(cursorArb, (cursor) => {
        const text = encodeSyncCursor(cursor);
        expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
        expect(text.length).toBeLessThanOrEqual(500);
        expect(decodeSyncCursor(text)).toEqual(cursor);
      }),
    );
  });

  it.each([
    ['not base64url', 'abc$%'],
    ['not JSON', wire('{"v":1,')],
    ['JSON but not an object', wire('42')],
    ['another version', wire({ v: 2, e: 1, p: 'c', x: '1', s: '0' })],
    ['an unknown phase', wire({ v: 1, e: 1, p: 'z', x: '1', s: '0' })],
    ['numbers where decimal text belongs', wire({ v: 1, e: 1, p: 'c', x: 1, s: 0 })],
    ['words where digits belong', wire({ v: 1, e: 1, p: 'c', x: 'DROP TABLE', s: '0' })],
    ['a negative xid', wire({ v: 1, e: 1, p: 'c', x: '-1', s: '0' })],
    ['a missing seq', wire({ v: 1, e: 1, p: 'c', x: '1' })],
    ['an extra field', wire({ v: 1, e: 1, p: 'c', x: '1', s: '0', admin: true })],
    ['a fractional epoch', wire({ v: 1, e: 1.5, p: 'b', a: '0', x: '1' })],
    ['a too long number', wire({ v: 1, e: 1, p: 'c', x: '1'.repeat(21), s: '0' })],
    ['an xid beyond xid8', wire({ v: 1, e: 1, p: 'c', x: String(2n ** 64n), s: '0' })],
    ['a seq beyond bigint', wire({ v: 1, e: 1, p: 'c', x: '1', s: String(2n ** 63n) })],
    ['a lead id beyond bigint', wire({ v: 1, e: 1, p: 'b', a: String(2n ** 63n), x: '1' })],
  ])('refuses %s', (_what, text) => {
    expect(decodeSyncCursor(text)).toBeNull();
  });
});
