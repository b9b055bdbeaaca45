import { z } from 'zod';
import { FIELD_MAX, leadRefSchema, storedText } from './fields.schema';

/**
 * `GET /leads/:id/reassignment`: the latest reassignment of a lead, in names, answered only to the user who
 * held the lead right before it (an agent's replica drops the lead, and its chatter, once it is gone).
 */
export const reassignmentSchema = z.object({
  ref: leadRefSchema,
  /** The user who holds the lead now. */
  toName: storedText(FIELD_MAX.personName),
  /** The supervisor or manager who reassigned it. */
  byName: storedText(FIELD_MAX.personName),
});
export type Reassignment = z.infer<typeof reassignmentSchema>;
