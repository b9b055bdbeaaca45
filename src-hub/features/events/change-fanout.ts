import type { ChangeNotice } from '../changes/change-log';

/** A connected user as the fan-out sees them. */
export interface EventListener {
  userId: string;
  /** Supervisors and managers see every lead. */
  seeAll: boolean;
}

/** The NOTIFY payload, or null when it is not one (then everyone is woken: a spare pull costs little). */
export function parseNotice(payload: string): ChangeNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { leadId, users, pool } = value as Record<string, unknown>;
  if (!(leadId === null || typeof leadId === 'string')) return null;
  if (!Array.isArray(users) || !users.every((user) => typeof user === 'string')) return null;
  if (typeof pool !== 'boolean') return null;
  return { leadId, users: users as string[], pool };
}

/**
 * Whether a change may concern this user: configuration concerns everyone, any lead concerns supervisors
 * and managers, a lead concerns an agent when it is (or was) theirs or in the pool.
 */
export function wakes(listener: EventListener, notice: ChangeNotice | null): boolean {
  if (notice === null || notice.leadId === null || listener.seeAll) return true;
  return notice.pool || notice.users.includes(listener.userId);
}
