import { z } from 'zod';
import {
  activitySchema,
  callLogSchema,
  dealershipSchema,
  leadSchema,
  messageSchema,
  stageSchema,
  userSchema,
} from './entities.schema';
import { cursorSchema, idSchema } from './fields.schema';
import { queryInt } from './query.schema';

/** Page sizes of `GET /sync`, counted in change rows. */
export const SYNC_LIMIT = { min: 1, max: 1000, default: 500 } as const;

/**
 * Which history a first sync brings: `all` (the default, what apps before lazy history expect): every lead
 * with all its children; `own`: every lead's row first, then the history of the caller's own leads only
 * (other leads' history is read from the hub when opened). A client sends the same value on every page.
 */
export const SYNC_HISTORY = ['all', 'own'] as const;

/** `GET /sync?cursor=&limit=&history=`; no cursor = from the beginning. */
export const syncQuerySchema = z.strictObject({
  cursor: cursorSchema.optional(),
  limit: queryInt(SYNC_LIMIT.min, SYNC_LIMIT.max).default(SYNC_LIMIT.default),
  history: z.enum(SYNC_HISTORY).default('all'),
});
export type SyncQuery = z.infer<typeof syncQuerySchema>;
export type SyncQueryInput = z.input<typeof syncQuerySchema>;

/**
 * One sync page: upserts of everything changed after the cursor that the caller may see, and the leads
 * they no longer see. A client applies the page and its `cursor` in one transaction and asks again while
 * `hasMore`; `reset` means drop the replica and start again without a cursor.
 *
 * With `history=own` a first sync brings every visible lead's row first, then the history of the caller's own
 * leads, then the change log. `wholeLeadIds` names the leads whose whole history (messages, call logs,
 * activities) this page carries: from then on the replica holds it complete while the lead stays in it
 * (later changes follow). Other leads' history is not in the replica; the app fetches it when one is opened.
 */
export const syncPageSchema = z.object({
  cursor: cursorSchema,
  hasMore: z.boolean(),
  reset: z.boolean(),
  leads: z.array(leadSchema),
  removedLeadIds: z.array(idSchema),
  /** Absent from hubs before lazy history: a client then holds nothing as whole. */
  wholeLeadIds: z.array(idSchema).optional(),
  /**
   * True on the last page when changes are committed past the horizon but held back by an older transaction
   * still running (DESIGN.md §6): ask again shortly, as no event will come for them. Absent from older hubs.
   */
  heldBack: z.boolean().optional(),
  messages: z.array(messageSchema),
  callLogs: z.array(callLogSchema),
  activities: z.array(activitySchema),
  stages: z.array(stageSchema),
  users: z.array(userSchema),
  dealerships: z.array(dealershipSchema),
});
export type SyncPage = z.infer<typeof syncPageSchema>;

/** `GET /events` sends `event: change` with this JSON as `data` whenever something the caller sees changed. */
export const CHANGE_EVENT_NAME = 'change';

export const changeEventSchema = z.object({ cursor: cursorSchema });
export type ChangeEvent = z.infer<typeof changeEventSchema>;
