import { z } from 'zod';

/** `GET /healthz`: the process answers (no database involved). */
export const livenessSchema = z.object({ status: z.literal('ok') });

/** One readiness check: `ok`, or what is wrong in words an operator can act on. */
export const readinessCheckSchema = z.object({ ok: z.boolean(), detail: z.string() });

/**
 * `GET /readyz`: 200 when every check passes, 503 otherwise, with the same body — the checks by name
 * (`database`, `migrations`, `mailWorker`, `shutdown`).
 */
export const readinessSchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.record(z.string(), readinessCheckSchema),
});
export type ReadinessCheck = z.infer<typeof readinessCheckSchema>;
export type Readiness = z.infer<typeof readinessSchema>;
