import { z } from 'zod';
import { callDurationSchema, callLogSchema } from './entities.schema';
import {
  FIELD_MAX,
  activityTypeSchema,
  anyText,
  callResultSchema,
  clientIdSchema,
  cursorSchema,
  idSchema,
  isoTimeSchema,
  pageOf,
  requiredText,
  visitKindSchema,
} from './fields.schema';
import { documented, type OpenApiHint } from './openapi-hints';
import { queryInt } from './query.schema';

export const VISIT_KIND_REQUIRED_MESSAGE = 'Required for a visit: on_site or showroom';
export const VISIT_KIND_ONLY_FOR_VISITS_MESSAGE = 'Only a visit has a visitKind';

/** Schedule Visit is an activity of type visit that says where: visitKind exactly when type is visit. */
function checkVisitKind(activity: { type: string; visitKind?: string | undefined }, ctx: z.RefinementCtx): void {
  if (activity.type === 'visit' && activity.visitKind === undefined) {
    ctx.addIssue({ code: 'custom', path: ['visitKind'], message: VISIT_KIND_REQUIRED_MESSAGE });
  }
  if (activity.type !== 'visit' && activity.visitKind !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['visitKind'], message: VISIT_KIND_ONLY_FOR_VISITS_MESSAGE });
  }
}

/** visitKind exactly when type is visit. */
const visitKindHint: OpenApiHint = {
  add: {
    oneOf: [
      { required: ['type', 'visitKind'], properties: { type: { enum: ['visit'] } } },
      { properties: { type: { not: { enum: ['visit'] } } }, not: { required: ['visitKind'] } },
    ],
  },
};

const activityFieldsShape = {
  type: activityTypeSchema,
  summary: requiredText(FIELD_MAX.activitySummary),
  dueAt: isoTimeSchema,
  visitKind: visitKindSchema.optional(),
};

/** The next activity planned from the log-call wizard. */
export const nextActivitySchema = documented(z.strictObject(activityFieldsShape).superRefine(checkVisitKind), visitKindHint);
export type NextActivity = z.infer<typeof nextActivitySchema>;

/** `POST /leads/:id/calls` → `201` call log. The summary may be empty (a call nobody answered). */
export const logCallBodySchema = z.strictObject({
  durationMin: callDurationSchema,
  result: callResultSchema,
  summary: anyText(FIELD_MAX.callSummary),
  nextActivity: nextActivitySchema.optional(),
  clientId: clientIdSchema.optional(),
});
export type LogCallBody = z.infer<typeof logCallBodySchema>;

/** `POST /leads/:id/activities` → `201` activity. */
export const createActivityBodySchema = documented(
  z.strictObject({ ...activityFieldsShape, clientId: clientIdSchema.optional() }).superRefine(checkVisitKind),
  visitKindHint,
);
export type CreateActivityBody = z.infer<typeof createActivityBodySchema>;

/** `POST /leads/:id/notes` → `201` message. */
export const createNoteBodySchema = z.strictObject({
  body: requiredText(FIELD_MAX.note),
  clientId: clientIdSchema.optional(),
});
export type CreateNoteBody = z.infer<typeof createNoteBodySchema>;

/**
 * `GET /call-logs`: newest first (createdAt, then id, descending). `from` is inclusive and `to` exclusive,
 * both on createdAt.
 */
export const callLogsQuerySchema = z
  .strictObject({
    leadId: idSchema.optional(),
    userId: idSchema.optional(),
    result: callResultSchema.optional(),
    from: isoTimeSchema.optional(),
    to: isoTimeSchema.optional(),
    limit: queryInt(1, 200).default(50),
    cursor: cursorSchema.optional(),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    error: 'from must be earlier than to',
    path: ['from'],
  });
documented(callLogsQuerySchema, { rule: 'from must be earlier than to (400 naming from).' });
export type CallLogsQuery = z.infer<typeof callLogsQuerySchema>;
export type CallLogsQueryInput = z.input<typeof callLogsQuerySchema>;

/** A call log as Call Logs lists it: with its lead's reference and customer, so a page needs no lead reads. */
export const callLogListItemSchema = callLogSchema.extend({
  leadRef: z.string(),
  customerName: z.string(),
});
export type CallLogListItem = z.infer<typeof callLogListItemSchema>;

export const callLogPageSchema = pageOf(callLogListItemSchema);
export type CallLogPage = z.infer<typeof callLogPageSchema>;
