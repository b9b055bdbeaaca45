import { z } from 'zod';
import { userSchema } from './entities.schema';
import { FIELD_MAX, requiredText, storedText } from './fields.schema';

/** `POST /auth/login`. The password is not trimmed: spaces may be part of it. */
export const loginBodySchema = z.strictObject({
  login: requiredText(FIELD_MAX.login),
  password: z.string().min(1, 'Must not be empty').max(FIELD_MAX.password, `At most ${FIELD_MAX.password} characters`),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** `200 {token, user}`; the token goes in `Authorization: Bearer <token>`. */
export const loginResponseSchema = z.object({
  token: storedText(FIELD_MAX.token).min(1),
  user: userSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

/** `GET /me`: the signed-in user. */
export const meResponseSchema = userSchema;
export type MeResponse = z.infer<typeof meResponseSchema>;
