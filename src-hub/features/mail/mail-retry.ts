/** When a failed mail is tried again: exponential backoff, then `failed` after the last attempt. Pure. */

export interface RetryPolicy {
  /** Attempts in all, the first included; after the last failed one the mail is `failed`. */
  maxAttempts: number;
  /** The wait after the first failure; it doubles after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 6, baseDelayMs: 60_000, maxDelayMs: 60 * 60_000 };

export type AfterFailure = { status: 'retrying'; nextAttemptAt: Date } | { status: 'failed' };

/** `attempts` counts the attempt that just failed. */
export function afterFailure(attempts: number, now: Date, policy: RetryPolicy = DEFAULT_RETRY): AfterFailure {
  if (attempts >= policy.maxAttempts) return { status: 'failed' };
  const delay = Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
  return { status: 'retrying', nextAttemptAt: new Date(now.getTime() + delay) };
}
