import { z } from 'zod';
import { FIELD_MAX } from './fields.schema';

/**
 * Shared workstations (hot-desking): how long a sign-in lasts (absolute, from sign-in: a shift) and how long
 * the app may sit without input before it locks. Managers set them; every signed-in user reads them.
 */
export const WORKSTATION_LIMITS = {
  sessionHours: { min: 1, max: 24, default: 12 },
  idleLockMinutes: { min: 1, max: 120, default: 10 },
} as const;

const whole = (limits: { min: number; max: number }, unit: string) =>
  z
    .int(`Must be a whole number of ${unit}`)
    .min(limits.min, `At least ${limits.min} ${unit}`)
    .max(limits.max, `At most ${limits.max} ${unit}`);

export const workstationSettingsSchema = z.object({
  /** A session ends this many hours after sign-in, whatever happens in between (not sliding). */
  sessionHours: whole(WORKSTATION_LIMITS.sessionHours, 'hours'),
  /** The app locks after this many minutes without input (never during a call timer or a Won push). */
  idleLockMinutes: whole(WORKSTATION_LIMITS.idleLockMinutes, 'minutes'),
});
export type WorkstationSettings = z.infer<typeof workstationSettingsSchema>;

/** `PATCH /settings/workstation`: either field, or both. */
export const patchWorkstationSettingsSchema = workstationSettingsSchema
  .partial()
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'Give sessionHours, idleLockMinutes or both');
export type PatchWorkstationSettings = z.infer<typeof patchWorkstationSettingsSchema>;

export const DEFAULT_WORKSTATION_SETTINGS: WorkstationSettings = {
  sessionHours: WORKSTATION_LIMITS.sessionHours.default,
  idleLockMinutes: WORKSTATION_LIMITS.idleLockMinutes.default,
};

/** `POST /auth/unlock`: the signed-in person's password, checked against their account (the idle lock). */
export const unlockBodySchema = z.strictObject({
  password: z.string().min(1, 'Must not be empty').max(FIELD_MAX.password, `At most ${FIELD_MAX.password} characters`),
});
