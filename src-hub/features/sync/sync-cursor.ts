import { z } from 'zod';

/**
 * Where a replica stands. Opaque to clients (base64url of a small JSON), carrying the user's `sync_epoch`
 * so a role change turns every older cursor into a reset.
 *
 * - `boot`: copying the replica window's lead rows (no history) by lead id; `afterLeadId` is the last lead sent
 *   ('0' = not started, the page that also carries stages, users and dealerships); `xmin` is the snapshot xmin
 *   recorded when the copy began: every transaction below it is reflected in the copy, the rest is replayed
 *   from the change log.
 * - `own`: then the history (messages, call logs, activities) of the user's own leads, by lead id, same `xmin`.
 * - `change`: the last change row served, as `(xid, seq)`; change rows are served in that order.
 */
export type SyncCursor =
  | { phase: 'boot'; epoch: number; afterLeadId: string; xmin: string }
  | { phase: 'own'; epoch: number; afterLeadId: string; xmin: string }
  | { phase: 'change'; epoch: number; xid: string; seq: string };

const VERSION = 1;
// xid8 and bigint values as decimal text, compared in SQL; bounded here so a forged one is a 400, not a cast error.
const decimalUpTo = (max: bigint) => z.string().refine((text) => /^\d{1,20}$/.test(text) && BigInt(text) <= max);
const xid8 = decimalUpTo(2n ** 64n - 1n);
const bigint = decimalUpTo(2n ** 63n - 1n);
const epoch = z.int().min(0).max(2_147_483_647);

const wireSchema = z.discriminatedUnion('p', [
  z.strictObject({ v: z.literal(VERSION), e: epoch, p: z.literal('b'), a: bigint, x: xid8 }),
  z.strictObject({ v: z.literal(VERSION), e: epoch, p: z.literal('o'), a: bigint, x: xid8 }),
  z.strictObject({ v: z.literal(VERSION), e: epoch, p: z.literal('c'), x: xid8, s: bigint }),
]);

export function encodeSyncCursor(cursor: SyncCursor): string {
  const wire =
    cursor.phase === 'change'
      ? { v: VERSION, e: cursor.epoch, p: 'c', x: cursor.xid, s: cursor.seq }
      : { v: VERSION, e: cursor.epoch, p: cursor.phase === 'boot' ? 'b' : 'o', a: cursor.afterLeadId, x: cursor.xmin };
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

/** The cursor, or null when the text is not one of ours (the caller answers 400 `invalid_input`). */
export function decodeSyncCursor(text: string): SyncCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = wireSchema.safeParse(json);
  if (!parsed.success) return null;
  const wire = parsed.data;
  if (wire.p === 'c') return { phase: 'change', epoch: wire.e, xid: wire.x, seq: wire.s };
  return { phase: wire.p === 'b' ? 'boot' : 'own', epoch: wire.e, afterLeadId: wire.a, xmin: wire.x };
}

