import { z } from 'zod';
import { FIELD_MAX, callResultSchema, idSchema, isoTimeSchema, leadRefSchema, lostReasonSchema, requiredText, storedText } from './fields.schema';
import { documented } from './openapi-hints';
import { queryInt } from './query.schema';

// Floor reports (supervisors and managers): `GET /reports/<name>`, every figure a SQL aggregate on the hub.

/**
 * The filters every report takes. `from`/`to` bound the lead's creation time (calls: the call's time),
 * `from` inclusive, `to` exclusive. `utcOffsetMinutes` is the floor's offset from UTC (the workstation's),
 * so "a day" in the calls report is the floor's day: 60 for UTC+1, -300 for UTC-5.
 */
export const reportQuerySchema = z
  .strictObject({
    from: isoTimeSchema.optional(),
    to: isoTimeSchema.optional(),
    brand: requiredText(FIELD_MAX.brand).optional(),
    utcOffsetMinutes: queryInt(-840, 840).default(0),
  })
  .refine((query) => !query.from || !query.to || Date.parse(query.from) < Date.parse(query.to), {
    error: 'from must be earlier than to',
    path: ['from'],
  });
documented(reportQuerySchema, { rule: 'from must be earlier than to (400 naming from).' });
export type ReportQuery = z.infer<typeof reportQuerySchema>;
export type ReportQueryInput = z.input<typeof reportQuerySchema>;

const count = z.int().min(0);
/** A share between 0 and 1, or null when there is nothing to divide by. */
const rate = z.number().min(0).max(1).nullable();

/** `GET /reports/funnel`: leads created in the range by their current stage, every stage listed (0 too), by sequence. */
export const funnelReportSchema = z.array(
  z.object({ stageId: idSchema, stageName: storedText(FIELD_MAX.stageName), isWon: z.boolean(), isLost: z.boolean(), leads: count }),
);
export type FunnelReport = z.infer<typeof funnelReportSchema>;

/**
 * Conversion per agent or per brand over leads created in the range: `won / (won + lost)` (closed leads
 * only; null when none is closed). `open` counts leads still in an open stage.
 */
const conversionShape = { leads: count, open: count, won: count, lost: count, conversionRate: rate };

/** `GET /reports/agents`: by the lead's current assignee; agents without a lead in the range are not listed. */
export const agentsReportSchema = z.array(
  z.object({ userId: idSchema, name: storedText(FIELD_MAX.personName), active: z.boolean(), ...conversionShape }),
);
export type AgentsReport = z.infer<typeof agentsReportSchema>;

/** `GET /reports/brands`. */
export const brandsReportSchema = z.array(z.object({ brand: storedText(FIELD_MAX.brand), ...conversionShape }));
export type BrandsReport = z.infer<typeof brandsReportSchema>;

/** `GET /reports/lost-reasons`: lost leads created in the range, every reason listed (0 too). */
export const lostReasonsReportSchema = z.array(z.object({ reason: lostReasonSchema, leads: count }));
export type LostReasonsReport = z.infer<typeof lostReasonsReportSchema>;

/** Age buckets of the open-age histogram, in hours: [minHours, maxHours), the last one open-ended. */
export const OPEN_AGE_BUCKETS = [
  { label: '< 1 h', minHours: 0, maxHours: 1 },
  { label: '1–4 h', minHours: 1, maxHours: 4 },
  { label: '4–24 h', minHours: 4, maxHours: 24 },
  { label: '1–3 days', minHours: 24, maxHours: 72 },
  { label: '3–7 days', minHours: 72, maxHours: 168 },
  { label: '> 7 days', minHours: 168, maxHours: null },
] as const;

/**
 * `GET /reports/open-age`: unclaimed open leads now (the date range does not apply: age is "now - createdAt"),
 * as a histogram over OPEN_AGE_BUCKETS and the 20 oldest.
 */
export const openAgeReportSchema = z.object({
  asOf: isoTimeSchema,
  buckets: z.array(z.object({ label: z.string().max(FIELD_MAX.label), minHours: z.number().min(0), maxHours: z.number().min(0).nullable(), leads: count })),
  oldest: z.array(
    z.object({
      leadId: idSchema,
      ref: leadRefSchema,
      customerName: storedText(FIELD_MAX.personName),
      brand: storedText(FIELD_MAX.brand),
      source: storedText(FIELD_MAX.source),
      createdAt: isoTimeSchema,
      ageHours: z.number().min(0),
    }),
  ),
});
export type OpenAgeReport = z.infer<typeof openAgeReportSchema>;

/** `GET /reports/calls`: calls made in the range per agent, floor day (`YYYY-MM-DD`) and result; only non-zero rows. */
export const callsReportSchema = z.array(
  z.object({
    userId: idSchema,
    name: storedText(FIELD_MAX.personName),
    day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date like 2026-01-31'),
    result: callResultSchema,
    calls: count,
  }),
);
export type CallsReport = z.infer<typeof callsReportSchema>;

/**
 * `GET /reports/won-failures`: open leads whose last Mark as Won push failed, per dealership, now (the date
 * range does not apply, the brand does); most waiting first. Empty when no sale waits on a dealer.
 */
export const wonFailuresReportSchema = z.array(
  z.object({
    dealershipId: idSchema,
    dealershipName: storedText(FIELD_MAX.dealershipName),
    leads: count,
    oldestFailedAt: isoTimeSchema,
    latestFailedAt: isoTimeSchema,
    lastError: z.string().max(FIELD_MAX.note),
  }),
);
export type WonFailuresReport = z.infer<typeof wonFailuresReportSchema>;

/**
 * Median and 90th percentile of a duration in minutes over the leads that have it; null when none has. Each
 * lead's duration counts at the resolution the Reports screen shows: to the tenth of a minute under an hour,
 * to the tenth of an hour (6 minutes) from an hour on; the percentiles (interpolated between the two middle
 * values, as PostgreSQL's percentile_cont) are given to the tenth of a minute.
 */
const durationStats = z.object({ leads: count, medianMinutes: z.number().min(0).nullable(), p90Minutes: z.number().min(0).nullable() });

/**
 * `GET /reports/speed-to-lead`: over leads created in the range, the time from arrival to the first claim and
 * to the first logged call — overall, and per brand, per source and per agent (the first claimer). Percentiles
 * come from each lead's own durations (kept with the lead), never from sums: the hub counts leads per duration
 * at the resolution above, so the same figures come from those counts over long ranges.
 */
export const speedToLeadReportSchema = z.object({
  overall: z.object({ leads: count, toClaim: durationStats, toFirstCall: durationStats }),
  groups: z.array(
    z.object({
      dimension: z.enum(['brand', 'source', 'agent']),
      /** The brand or source, or the agent's user id. */
      key: storedText(FIELD_MAX.source),
      /** What a person reads: the brand, the source, or the agent's name. */
      label: storedText(FIELD_MAX.personName),
      leads: count,
      toClaim: durationStats,
      toFirstCall: durationStats,
    }),
  ),
});
export type SpeedToLeadReport = z.infer<typeof speedToLeadReportSchema>;

/** Every report at once, as the Reports screen shows them (one IPC call, the hub endpoints in parallel). */
export const floorReportsSchema = z.object({
  funnel: funnelReportSchema,
  agents: agentsReportSchema,
  brands: brandsReportSchema,
  lostReasons: lostReasonsReportSchema,
  openAge: openAgeReportSchema,
  calls: callsReportSchema,
  wonFailures: wonFailuresReportSchema,
  speedToLead: speedToLeadReportSchema,
});
export type FloorReports = z.infer<typeof floorReportsSchema>;

/** The hub paths of the reports, by their key in FloorReports. */
export const REPORT_PATHS = {
  funnel: '/reports/funnel',
  agents: '/reports/agents',
  brands: '/reports/brands',
  lostReasons: '/reports/lost-reasons',
  openAge: '/reports/open-age',
  calls: '/reports/calls',
  wonFailures: '/reports/won-failures',
  speedToLead: '/reports/speed-to-lead',
} as const satisfies Record<keyof FloorReports, string>;
