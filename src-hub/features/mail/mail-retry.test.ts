import { describe, expect, it } from 'vitest';
import { afterFailure, DEFAULT_RETRY } from './mail-retry';

const now = new Date('2026-11-23T09:00:00Z');
const waitOf = (attempts: number, policy = DEFAULT_RETRY) => {
  const next = afterFailure(attempts, now, policy);
  return next.status === 'retrying' ? next.nextAttemptAt.getTime() - now.getTime() : null;
};

describe('mail retry backoff', () => {
  it('doubles the wait after each failure', () => {
    const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 1_000_000 };
    expect([1, 2, 3, 4].map((attempts) => waitOf(attempts, policy))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('caps the wait', () => {
    expect(waitOf(5, { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 5000 })).toBe(5000);
  });

  it('gives up after the last attempt', () => {
    expect(afterFailure(DEFAULT_RETRY.maxAttempts, now)).toEqual({ status: 'failed' });
    expect(afterFailure(DEFAULT_RETRY.maxAttempts - 1, now).status).toBe('retrying');
    expect(afterFailure(1, now, { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 })).toEqual({ status: 'failed' });
  });
});
